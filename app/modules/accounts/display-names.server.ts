import { inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { users } from "../../../db/schema";

/** Display names of many accounts in one query (a page of reviews names its authors), by id. */
export async function displayNamesOf(userIds: readonly string[]): Promise<Map<string, string>> {
	if (userIds.length === 0) return new Map();
	const rows = await db()
		.select({ id: users.id, displayName: users.displayName })
		.from(users)
		.where(inArray(users.id, [...new Set(userIds)]));
	return new Map(rows.map((row) => [row.id, row.displayName]));
}
