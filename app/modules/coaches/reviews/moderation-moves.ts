/** The back office's decisions on a review or its reply, shared by the service and the queue's forms. */
export const moderationActions = ["hide", "restore", "publish", "dismiss"] as const;
export type ModerationAction = (typeof moderationActions)[number];
export type ModerationTarget = "review" | "reply";
export type ReviewStatus = "published" | "held" | "hidden";

/**
 * Which statuses each decision starts from and where it leads: a held item can be published or
 * hidden. `dismiss` keeps a published item as it is and only closes its reports. A review's stars
 * are in the rating exactly while it is published.
 */
export const moves: Record<ModerationAction, { from: readonly ReviewStatus[]; to?: ReviewStatus }> = {
	hide: { from: ["published", "held"], to: "hidden" },
	restore: { from: ["hidden"], to: "published" },
	publish: { from: ["held"], to: "published" },
	dismiss: { from: ["published"] },
};

/** What a staff member may do from a status (the back office offers exactly these). */
export const actionsFrom = (status: ReviewStatus, reported: boolean): ModerationAction[] =>
	moderationActions.filter((action) => moves[action].from.includes(status) && (action !== "dismiss" || reported));
