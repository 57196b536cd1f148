import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { lessonReviews } from "../../../../db/schema";
import type { CountedStars } from "./ratings.server";

export type ReviewRow = typeof lessonReviews.$inferSelect;

/**
 * The facts of a completed lesson a review needs, as the booking module hands them over
 * (`reviewableLesson`): coaches never read booking tables, and booking already depends on coaches.
 */
export interface ReviewableLesson {
	bookingId: string;
	coachId: string;
	playerId: string;
	completedAt: Date;
}

const dayMs = 86_400_000;
/** A lesson can be reviewed for 14 days after it completed; a review edited once within 7 days of writing it. */
export const reviewWindowDays = 14;
export const editWindowDays = 7;

export const reviewWindowEndsAt = (completedAt: Date) => new Date(completedAt.getTime() + reviewWindowDays * dayMs);
export const editWindowEndsAt = (createdAt: Date) => new Date(createdAt.getTime() + editWindowDays * dayMs);

export const mayEdit = (review: ReviewRow, now: Date) => review.editedAt === null && now < editWindowEndsAt(review.createdAt);

export const alreadyReviewed = () => new AppError(409, "already_reviewed", "coaches.reviews.errors.alreadyReviewed");

export const starsOf = (review: ReviewRow): CountedStars => ({
	overall: review.overall,
	attitude: review.attitude,
	skill: review.skill,
	service: review.service,
});

export async function reviewOfBooking(bookingId: string, playerId: string, tx: DbOrTx): Promise<ReviewRow | undefined> {
	const [row] = await tx
		.select()
		.from(lessonReviews)
		.where(and(eq(lessonReviews.bookingId, bookingId), eq(lessonReviews.playerId, playerId)))
		.limit(1);
	return row;
}
