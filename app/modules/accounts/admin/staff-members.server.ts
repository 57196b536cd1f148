import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { roleGrants, users } from "../../../../db/schema";
import { notify } from "../notifications.server";

/**
 * Tells the back office in-app: every active support agent and admin gets the notification, so
 * whoever is on duty sees a case that needs a person (a disputed lesson) on their bell.
 */
export async function notifyStaff(
	input: { kind: string; params?: Record<string, string>; link?: string },
	tx: DbOrTx,
): Promise<void> {
	const staff = await tx
		.selectDistinct({ id: users.id })
		.from(roleGrants)
		.innerJoin(users, eq(users.id, roleGrants.userId))
		.where(and(inArray(roleGrants.role, ["support", "admin"]), eq(users.status, "active")));
	for (const member of staff) await notify({ userId: member.id, ...input }, tx);
}
