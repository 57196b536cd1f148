import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { forbidden, notFound } from "~/lib/errors";
import { lessonReviews, reviewHelpfulVotes } from "../../../../db/schema";
import { findCoachOfUser } from "../application/coach-record.server";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HelpfulState {
	helpfulCount: number;
	votedHelpful: boolean;
}

/**
 * A signed-in user marks a published review "有用" (helpful: true) or takes the mark back. One vote
 * per user and review (the table's key), so repeating either call changes nothing; the review's
 * counter moves in the same transaction as the vote row and never goes below 0. The review must be
 * one the public sees (404 otherwise, as for an unknown one); its author and the reviewed coach
 * cannot vote on it (403), or the order "most helpful" would be theirs to push.
 */
export async function setHelpfulVote(input: { userId: string; reviewId: string; helpful: boolean }): Promise<HelpfulState> {
	if (!uuid.test(input.reviewId)) throw notFound("coaches.reviews.errors.notFound");
	return db().transaction(async (tx) => {
		// The row lock orders concurrent votes on one review, so the counter and the rows agree.
		const [review] = await tx.select().from(lessonReviews).where(eq(lessonReviews.id, input.reviewId)).for("update").limit(1);
		if (review?.status !== "published") throw notFound("coaches.reviews.errors.notFound");
		if (review.playerId === input.userId) throw forbidden("coaches.reviews.errors.helpfulOwnReview");
		const coach = await findCoachOfUser(input.userId, tx);
		if (coach?.id === review.coachId) throw forbidden("coaches.reviews.errors.helpfulOwnCoaching");
		let change = 0;
		if (input.helpful) {
			const added = await tx
				.insert(reviewHelpfulVotes)
				.values({ reviewId: review.id, userId: input.userId })
				.onConflictDoNothing()
				.returning({ reviewId: reviewHelpfulVotes.reviewId });
			change = added.length;
		} else {
			const removed = await tx
				.delete(reviewHelpfulVotes)
				.where(and(eq(reviewHelpfulVotes.reviewId, review.id), eq(reviewHelpfulVotes.userId, input.userId)))
				.returning({ reviewId: reviewHelpfulVotes.reviewId });
			change = -removed.length;
		}
		if (change === 0) return { helpfulCount: review.helpfulCount, votedHelpful: input.helpful };
		const [updated] = await tx
			.update(lessonReviews)
			.set({ helpfulCount: sql`greatest(${lessonReviews.helpfulCount} + ${change}, 0)` })
			.where(eq(lessonReviews.id, review.id))
			.returning({ helpfulCount: lessonReviews.helpfulCount });
		return { helpfulCount: updated?.helpfulCount ?? 0, votedHelpful: input.helpful };
	});
}

/** Which of these reviews the user has marked helpful (for the toggle on each card and `votedHelpful`). */
export async function helpfulVotesOf(userId: string, reviewIds: string[]): Promise<Set<string>> {
	if (reviewIds.length === 0) return new Set();
	const rows = await db()
		.select({ reviewId: reviewHelpfulVotes.reviewId })
		.from(reviewHelpfulVotes)
		.where(and(eq(reviewHelpfulVotes.userId, userId), inArray(reviewHelpfulVotes.reviewId, reviewIds)));
	return new Set(rows.map((row) => row.reviewId));
}
