import i18next, { type i18n } from "i18next";

const resources = {
	"zh-CN": { translation: { title: "附近的教练", years: "{{count}} 年教龄", none: "暂无教练" } },
	en: { translation: { title: "Coaches nearby", years: "{{count}} years coaching", none: "No coaches yet" } },
};

const instances = new Map<string, i18n>();

/** One i18next per language, made once (as a typical app does). */
export function i18nOf(locale: string): i18n {
	const lng = locale === "en" ? "en" : "zh-CN";
	let instance = instances.get(lng);
	if (!instance) {
		instance = i18next.createInstance();
		void instance.init({ lng, fallbackLng: "zh-CN", resources, initAsync: false, interpolation: { escapeValue: false } });
		instances.set(lng, instance);
	}
	return instance;
}
