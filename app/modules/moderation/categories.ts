/** Categories of the forbidden-word list (shown as 辱骂, 色情, 广告引流, 政治, 违法, 赌博, 淫秽色情, 毒品, 诈骗, 站外交易). */
export const wordCategories = [
	"abuse",
	"sexual",
	"advertising",
	"political",
	"illegal",
	"gambling",
	"pornography",
	"drugs",
	"fraud",
	"off_platform_payment",
] as const;
export type WordCategory = (typeof wordCategories)[number];

/** What a hit of a category's word does to a community text: refuse it, hold it, or star the word out. */
export const wordActions = ["block", "hold", "replace"] as const;
export type WordAction = (typeof wordActions)[number];

/** What users may report, and why. */
export const reportReasons = ["abuse", "spam", "privacy", "false", "other"] as const;
export type ReportReason = (typeof reportReasons)[number];

/** Things that can be screened and reported; community posts and comments join this list later. */
export const subjectKinds = ["review", "review_reply", "message", "community_post", "community_comment"] as const;
export type SubjectKind = (typeof subjectKinds)[number];
