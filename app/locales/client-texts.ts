import type { resources as allResources } from "./index";

/**
 * The browser's side of `#locale-texts` (package.json "imports", "browser" condition): only the
 * page's language ships, instead of both languages' texts in every first load (issue 12.1, about
 * 36 KB gzip each). The texts are loaded before hydration (app/entry.client.tsx) into this object,
 * which i18n.ts hands to i18next; the server and the tests get app/locales/index.ts, every language.
 * A language switch reloads the document (app-shell's LanguageSwitch), which loads the other one.
 */
export const resources: Partial<typeof allResources> = {};

const bundles = {
	"zh-CN": () => import("./zh-CN-texts"),
	en: () => import("./en-texts"),
};

export async function loadLocaleTexts(locale: string): Promise<void> {
	const language = locale === "en" ? "en" : "zh-CN";
	if (resources[language]) return;
	const bundle = (await bundles[language]()).default;
	(resources as Record<string, unknown>)[language] = bundle;
}
