import i18next, { type i18n } from "i18next";
// The server gets every language (app/locales/index.ts); the browser only the page's, loaded
// before hydration (app/locales/client-texts.ts), through package.json's "imports" conditions.
import { resources } from "#locale-texts";
import { readCookie } from "./cookies";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";
export const localeCookieName = "lang";

export function isLocale(value: unknown): value is Locale {
	return typeof value === "string" && (locales as readonly string[]).includes(value);
}

const instances = new Map<Locale, i18n>();

/** One initialised i18next per locale; resources are bundled, so initialisation is synchronous. */
export function i18nFor(locale: Locale): i18n {
	let instance = instances.get(locale);
	if (!instance) {
		instance = i18next.createInstance();
		instance.init({
			lng: locale,
			fallbackLng: defaultLocale,
			resources,
			initAsync: false,
			interpolation: { escapeValue: false },
		});
		instances.set(locale, instance);
	}
	return instance;
}

export function translate(locale: Locale, key: string, params?: Record<string, unknown>): string {
	return i18nFor(locale).t(key, params ?? {}) as string;
}

/** The cookie the language switch sets wins; then the browser's languages; then Chinese. */
export function resolveLocale(cookieHeader: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
	const fromCookie = readCookie(cookieHeader, localeCookieName);
	if (isLocale(fromCookie)) return fromCookie;
	for (const range of (acceptLanguage ?? "").split(",")) {
		const tag = range.split(";")[0]?.trim().toLowerCase() ?? "";
		if (tag.startsWith("zh")) return "zh-CN";
		if (tag.startsWith("en")) return "en";
	}
	return defaultLocale;
}

export function localeOfRequest(request: Request): Locale {
	return resolveLocale(request.headers.get("cookie"), request.headers.get("accept-language"));
}

/** A page title in the reader's language: "<page> · CuePal 球伴". */
export function pageTitle(request: Request, key: string): string {
	const { t } = i18nFor(localeOfRequest(request));
	return `${t(key)} · ${t("common.appNameFull")}`;
}
