import { and, eq, inArray } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { coaches } from "../../../db/schema";

/** Which of these users are approved coaches now (the community's 教练 badge and coach-verified marks). */
export async function approvedCoachUserIds(userIds: readonly string[], tx: DbOrTx = db()): Promise<Set<string>> {
	if (userIds.length === 0) return new Set();
	const rows = await tx
		.select({ userId: coaches.userId })
		.from(coaches)
		.where(and(inArray(coaches.userId, [...new Set(userIds)]), eq(coaches.status, "approved")));
	return new Set(rows.map((row) => row.userId));
}
