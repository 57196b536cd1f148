/**
 * The enumerations of the trade, shared by pages, the API (`GET /api/v1/meta`) and the database.
 * Names are given in every UI language so API clients need no translation table of their own.
 */
export const disciplines = ["chinese_8_ball", "nine_ball", "snooker"] as const;
export type Discipline = (typeof disciplines)[number];

export const courseTypes = ["basic", "advanced", "match_simulation", "sparring", "casual_play"] as const;
export type CourseType = (typeof courseTypes)[number];

export const lessonPlaces = ["venue", "address", "online"] as const;

export const currency = "CNY" as const;

export const disciplineNames: Record<Discipline, { "zh-CN": string; en: string }> = {
	chinese_8_ball: { "zh-CN": "中式八球", en: "Chinese 8-ball" },
	nine_ball: { "zh-CN": "美式九球", en: "9-ball" },
	snooker: { "zh-CN": "斯诺克", en: "Snooker" },
};

export const courseTypeNames: Record<CourseType, { "zh-CN": string; en: string }> = {
	basic: { "zh-CN": "基础教学", en: "Fundamentals" },
	advanced: { "zh-CN": "进阶技巧", en: "Advanced technique" },
	match_simulation: { "zh-CN": "实战模拟", en: "Match simulation" },
	sparring: { "zh-CN": "陪练", en: "Sparring" },
	casual_play: { "zh-CN": "陪玩", en: "Casual play" },
};

export const courseTypeDescriptions: Record<CourseType, { "zh-CN": string; en: string }> = {
	basic: { "zh-CN": "站位、握杆、出杆与瞄准，打好基本功", en: "Stance, grip, stroke and aiming: solid basics" },
	advanced: { "zh-CN": "走位、加塞、难球解法，突破瓶颈", en: "Position play, spin and hard shots" },
	match_simulation: { "zh-CN": "按比赛规则对抗，练心态与策略", en: "Play under match rules: nerve and tactics" },
	sparring: { "zh-CN": "与水平相当的陪练对打，保持手感", en: "Play a matched partner and stay sharp" },
	casual_play: { "zh-CN": "轻松打几局，享受台球乐趣", en: "A few relaxed frames for fun" },
};
