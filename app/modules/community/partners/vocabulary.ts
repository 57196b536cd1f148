/** The partner finder's words: levels 1–5 (the learning module's scale) and usual times of the week. */
export const partnerLevels = [1, 2, 3, 4, 5] as const;
export const usualTimes = [
	"weekday_morning",
	"weekday_afternoon",
	"weekday_evening",
	"weekend_morning",
	"weekend_afternoon",
	"weekend_evening",
] as const;
export type UsualTime = (typeof usualTimes)[number];

/** How far a search reaches from the searcher's point (km): a city, not a province. */
export const searchRadiusKm = 30;
export const invitationNoteLimit = 200;
