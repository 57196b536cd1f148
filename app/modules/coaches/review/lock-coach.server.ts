import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coaches } from "../../../../db/schema";
import type { CoachRow } from "../application/coach-record.server";

/** The coach a review decision is about, locked: two reviewers deciding at once go one after the other. */
export async function lockCoach(tx: Transaction, coachId: string): Promise<CoachRow> {
	const [row] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).for("update");
	if (!row) throw notFound("coaching.errors.coachNotFound");
	return row;
}
