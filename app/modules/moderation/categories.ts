/** Categories of the forbidden-word list (shown as 辱骂, 色情, 广告引流, 政治, 违法). */
export const wordCategories = ["abuse", "sexual", "advertising", "political", "illegal"] as const;
export type WordCategory = (typeof wordCategories)[number];

/** What users may report, and why. */
export const reportReasons = ["abuse", "spam", "privacy", "false", "other"] as const;
export type ReportReason = (typeof reportReasons)[number];

/** Things that can be screened and reported; community posts and comments join this list later. */
export const subjectKinds = ["review", "review_reply", "message"] as const;
export type SubjectKind = (typeof subjectKinds)[number];
