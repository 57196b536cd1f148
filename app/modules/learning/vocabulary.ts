/** The words a lesson record and the progress page are made of (names in locales under learning.*). */
export const disciplines = ["chinese_8_ball", "nine_ball", "snooker"] as const;
export type Discipline = (typeof disciplines)[number];

export const skills = [
	"straight_shots",
	"cut_shots",
	"long_shots",
	"stun",
	"follow",
	"draw",
	"position",
	"break",
	"safety",
	"kicks",
	"banks",
] as const;
export type Skill = (typeof skills)[number];

export const errorTypes = ["missed_pot", "position_error", "failed_safety", "foul", "missed_kick"] as const;
export type ErrorType = (typeof errorTypes)[number];

/** Under this many attempts a rate is shown as 数据不足 rather than a number. */
export const enoughAttempts = 30;
