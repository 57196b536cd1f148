import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { videoReviews } from "../../../../db/schema";

export type VideoReviewRow = typeof videoReviews.$inferSelect;
export type VideoReviewParty = "player" | "coach";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A review as one of its two people sees it, with their part in it. Anyone else gets the same 404
 * as for an id that does not exist, so they cannot learn that it does.
 */
export async function videoReviewFor(
	userId: string,
	reviewId: string,
	tx: DbOrTx,
	options: { lock?: boolean } = {},
): Promise<{ review: VideoReviewRow; party: VideoReviewParty }> {
	if (!uuid.test(reviewId)) throw notFound("videoReview.errors.notFound");
	const query = tx.select().from(videoReviews).where(eq(videoReviews.id, reviewId)).limit(1);
	const [review] = options.lock ? await query.for("update") : await query;
	if (review?.playerId === userId) return { review, party: "player" };
	if (review?.coachUserId === userId) return { review, party: "coach" };
	throw notFound("videoReview.errors.notFound");
}
