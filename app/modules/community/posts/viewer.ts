import { can, type Role } from "~/modules/accounts/permissions";

/** Who reads or acts: a signed-in user with their roles, or nobody. */
export interface Viewer {
	userId: string;
	roles: readonly Role[];
}

/** The back office (support and admins) sees held and hidden words to judge them. */
export const isStaff = (viewer: Viewer | null | undefined): boolean => !!viewer && can(viewer.roles, "moderate:content:any");

/** A held, hidden or deleted item exists only for its author (not deleted) and the back office: 404 for everyone else. */
export function mayRead(
	item: { status: "published" | "held" | "hidden" | "deleted"; authorId: string },
	viewer: Viewer | null | undefined,
): boolean {
	if (item.status === "published") return true;
	if (isStaff(viewer)) return true;
	return item.status !== "deleted" && viewer?.userId === item.authorId;
}
