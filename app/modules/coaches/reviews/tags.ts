/** The short tags a player may pick on a review (a fixed list, so they can be counted and translated). */
export const reviewTags = [
	"clear_explanations",
	"patient",
	"punctual",
	"practical_drills",
	"encouraging",
	"fixes_technique",
	"good_value",
	"friendly",
] as const;
export type ReviewTag = (typeof reviewTags)[number];
