import { desc, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coaches, lessonReviews } from "../../../db/schema";
import { findCoachOfUser } from "./application/coach-record.server";

/**
 * The coaches module's part of a user's data export: the reviews they wrote, their own coach id
 * (for a coach's payout accounts), and the public names of the coaches of their lessons — the only
 * other people an export names.
 */
export async function exportReviewsWritten(playerId: string) {
	const rows = await db()
		.select({
			bookingId: lessonReviews.bookingId,
			coachId: lessonReviews.coachId,
			status: lessonReviews.status,
			overall: lessonReviews.overall,
			attitude: lessonReviews.attitude,
			skill: lessonReviews.skill,
			service: lessonReviews.service,
			tags: lessonReviews.tags,
			text: lessonReviews.text,
			anonymous: lessonReviews.anonymous,
			createdAt: lessonReviews.createdAt,
			editedAt: lessonReviews.editedAt,
		})
		.from(lessonReviews)
		.where(eq(lessonReviews.playerId, playerId))
		.orderBy(desc(lessonReviews.createdAt));
	return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), editedAt: row.editedAt?.toISOString() ?? null }));
}

export async function coachIdOfUser(userId: string): Promise<string | null> {
	return (await findCoachOfUser(userId, db()))?.id ?? null;
}

/** Public display names by coach id. */
export async function coachPublicNames(coachIds: readonly string[]): Promise<Map<string, string>> {
	if (coachIds.length === 0) return new Map();
	const rows = await db()
		.select({ id: coaches.id, displayName: coaches.displayName })
		.from(coaches)
		.where(inArray(coaches.id, [...new Set(coachIds)]));
	return new Map(rows.map((row) => [row.id, row.displayName]));
}
