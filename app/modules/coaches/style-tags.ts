/**
 * Teaching-style tags: a fixed list the search can filter on (stored by code), plus up to five
 * of the coach's own words (stored as typed).
 */
export const styleTagCodes = [
	"patient",
	"strict",
	"humorous",
	"beginner_friendly",
	"youth",
	"female_friendly",
	"technical",
	"tournament",
	"theory",
	"video_analysis",
	"english",
	"fast_progress",
] as const;
export type StyleTagCode = (typeof styleTagCodes)[number];

/** Names in every UI language, as in `catalog.ts`, so the API and the public pages need no lookup of their own. */
export const styleTagNames: Record<StyleTagCode, { "zh-CN": string; en: string }> = {
	patient: { "zh-CN": "耐心细致", en: "Patient" },
	strict: { "zh-CN": "严格规范", en: "Strict on form" },
	humorous: { "zh-CN": "幽默风趣", en: "Good humoured" },
	beginner_friendly: { "zh-CN": "零基础友好", en: "Great with beginners" },
	youth: { "zh-CN": "青少年教学", en: "Teaches young players" },
	female_friendly: { "zh-CN": "女生友好", en: "Women-friendly" },
	technical: { "zh-CN": "技术流", en: "Technique first" },
	tournament: { "zh-CN": "赛事经验丰富", en: "Tournament experience" },
	theory: { "zh-CN": "理论扎实", en: "Strong on theory" },
	video_analysis: { "zh-CN": "视频动作分析", en: "Video stroke analysis" },
	english: { "zh-CN": "可英文教学", en: "Teaches in English" },
	fast_progress: { "zh-CN": "见效快", en: "Quick results" },
};

/** A tag as a reader sees it: the fixed ones translated, the coach's own as typed. */
export function styleTagLabel(tag: string, locale: string): string {
	return isStyleTagCode(tag) ? styleTagNames[tag][locale === "en" ? "en" : "zh-CN"] : tag;
}

export const maxCustomTags = 5;
export const maxCustomTagLength = 12;

export const isStyleTagCode = (tag: string): tag is StyleTagCode => (styleTagCodes as readonly string[]).includes(tag);

export function splitStyleTags(tags: readonly string[]): { fixed: StyleTagCode[]; custom: string[] } {
	return { fixed: tags.filter(isStyleTagCode), custom: tags.filter((tag) => !isStyleTagCode(tag)) };
}
