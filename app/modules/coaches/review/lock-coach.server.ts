import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { coaches } from "../../../../db/schema";
import type { CoachRow } from "../application/coach-record.server";
import type { Reviewer } from "./reviewer";

/**
 * The coach a review decision is about, locked: two reviewers deciding at once go one after the
 * other. Nobody reviews their own application.
 */
export async function lockCoach(tx: Transaction, coachId: string, reviewer: Reviewer): Promise<CoachRow> {
	const [row] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).for("update");
	if (!row) throw notFound("coaching.errors.coachNotFound");
	if (row.userId === reviewer.id) throw new AppError(403, "forbidden", "coaching.errors.ownApplication");
	return row;
}
