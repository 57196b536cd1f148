import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import type { ReviewableLesson } from "~/modules/coaches/reviews/review-record.server";
import { bookings } from "../../../../db/schema";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The booking's lesson as a review needs it, for its player only: anyone else gets 404 (they must
 * not learn the booking exists), and a lesson that did not complete (cancelled, under way,
 * disputed) 422. Reviews belong to the coaches module, which booking depends on; so the route asks
 * here first and hands the facts to the review service rather than coaches reading bookings.
 */
export async function reviewableLesson(bookingId: string, playerId: string): Promise<ReviewableLesson> {
	if (!uuid.test(bookingId)) throw notFound("booking.errors.notFound");
	const [row] = await db()
		.select({
			id: bookings.id,
			coachId: bookings.coachId,
			playerId: bookings.playerId,
			status: bookings.status,
			completedAt: bookings.completedAt,
		})
		.from(bookings)
		.where(eq(bookings.id, bookingId))
		.limit(1);
	if (!row || row.playerId !== playerId) throw notFound("booking.errors.notFound");
	if (row.status !== "completed" || !row.completedAt) {
		throw new AppError(422, "not_reviewable", "coaches.reviews.errors.notCompleted");
	}
	return { bookingId: row.id, coachId: row.coachId, playerId: row.playerId, completedAt: row.completedAt };
}
