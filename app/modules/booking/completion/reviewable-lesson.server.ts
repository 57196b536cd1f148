import { AppError, notFound } from "~/lib/errors";
import type { ReviewableLesson } from "~/modules/coaches/reviews/review-record.server";
import { lessonRow } from "./lesson-row.server";

/**
 * The booking's lesson as a review needs it, for its player only: anyone else gets 404 (they must
 * not learn the booking exists), and a lesson that did not complete (cancelled, under way,
 * disputed) 422. Reviews belong to the coaches module, which booking depends on; so the route asks
 * here first and hands the facts to the review service rather than coaches reading bookings.
 */
export async function reviewableLesson(bookingId: string, playerId: string): Promise<ReviewableLesson> {
	const row = await lessonRow(bookingId);
	if (!row || row.playerId !== playerId) throw notFound("booking.errors.notFound");
	if (row.status !== "completed" || !row.completedAt) {
		throw new AppError(422, "not_reviewable", "coaches.reviews.errors.notCompleted");
	}
	return { bookingId: row.id, coachId: row.coachId, playerId: row.playerId, completedAt: row.completedAt };
}
