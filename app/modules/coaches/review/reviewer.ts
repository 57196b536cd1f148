import type { Role } from "~/modules/accounts/permissions";

/** Who reviews: support or admin staff (`access:admin`), checked by the route before calling. */
export interface Reviewer {
	id: string;
	roles: readonly Role[];
}

export const reviewItems = ["photo", "certificate", "name", "video"] as const;
export type ReviewItem = (typeof reviewItems)[number];
export type Decision = "approve" | "reject";
