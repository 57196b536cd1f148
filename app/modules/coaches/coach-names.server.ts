import { inArray } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { coaches } from "../../../db/schema";

/** Coaches by id with the account behind each and the name players see, for other modules' lists. */
export async function coachNamesByIds(
	coachIds: string[],
	tx: DbOrTx,
): Promise<Array<{ id: string; userId: string; displayName: string }>> {
	if (coachIds.length === 0) return [];
	return tx
		.select({ id: coaches.id, userId: coaches.userId, displayName: coaches.displayName })
		.from(coaches)
		.where(inArray(coaches.id, coachIds));
}
