import { and, count, eq } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { videoReviewComments, videoReviews } from "../../../../db/schema";
import { presentComment, type VideoReviewComment } from "./read-video-reviews.server";
import { type CommentInput, maxCommentsPerReview } from "./schema";
import { type VideoReviewRow, videoReviewFor } from "./video-review-record.server";

/**
 * The review the coach is working on, locked (two tabs adding comments at once are served in turn).
 * The player reads it but does not write to it; once it is done it no longer changes.
 */
async function openReviewOfCoach(tx: Transaction, userId: string, reviewId: string): Promise<VideoReviewRow> {
	const { review, party } = await videoReviewFor(userId, reviewId, tx, { lock: true });
	if (party !== "coach") throw forbidden("videoReview.errors.coachOnly");
	if (review.status === "done") throw new AppError(409, "conflict", "videoReview.errors.alreadyDone");
	return review;
}

const beyondVideo = (review: VideoReviewRow, atMs: number) =>
	atMs > review.durationMs
		? new AppError(400, "validation_failed", "videoReview.errors.at", { fields: { atMs: "videoReview.errors.at" } })
		: null;

export async function addReviewComment(input: {
	userId: string;
	reviewId: string;
	comment: CommentInput;
}): Promise<VideoReviewComment> {
	return db().transaction(async (tx) => {
		const review = await openReviewOfCoach(tx, input.userId, input.reviewId);
		const late = beyondVideo(review, input.comment.atMs);
		if (late) throw late;
		const [existing] = await tx
			.select({ n: count() })
			.from(videoReviewComments)
			.where(eq(videoReviewComments.reviewId, review.id));
		if ((existing?.n ?? 0) >= maxCommentsPerReview) {
			throw new AppError(409, "conflict", "videoReview.errors.tooManyComments", { params: { max: maxCommentsPerReview } });
		}
		const [row] = await tx
			.insert(videoReviewComments)
			.values({ reviewId: review.id, atMs: input.comment.atMs, body: input.comment.body, shapes: input.comment.shapes })
			.returning();
		if (!row) throw new Error("comment row not written");
		return presentComment(row);
	});
}

export async function updateReviewComment(input: {
	userId: string;
	reviewId: string;
	commentId: string;
	comment: CommentInput;
}): Promise<VideoReviewComment> {
	return db().transaction(async (tx) => {
		const review = await openReviewOfCoach(tx, input.userId, input.reviewId);
		const late = beyondVideo(review, input.comment.atMs);
		if (late) throw late;
		const [row] = await tx
			.update(videoReviewComments)
			.set({ atMs: input.comment.atMs, body: input.comment.body, shapes: input.comment.shapes, updatedAt: new Date() })
			.where(and(eq(videoReviewComments.id, input.commentId), eq(videoReviewComments.reviewId, review.id)))
			.returning();
		if (!row) throw notFound("videoReview.errors.commentNotFound");
		return presentComment(row);
	});
}

export async function deleteReviewComment(input: { userId: string; reviewId: string; commentId: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const review = await openReviewOfCoach(tx, input.userId, input.reviewId);
		const deleted = await tx
			.delete(videoReviewComments)
			.where(and(eq(videoReviewComments.id, input.commentId), eq(videoReviewComments.reviewId, review.id)))
			.returning({ id: videoReviewComments.id });
		if (deleted.length === 0) throw notFound("videoReview.errors.commentNotFound");
	});
}

/** The coach is finished: the review is closed to changes and the player is told it is ready to watch. */
export async function completeVideoReview(input: { userId: string; reviewId: string; now?: Date }): Promise<void> {
	await db().transaction(async (tx) => {
		const review = await openReviewOfCoach(tx, input.userId, input.reviewId);
		const [comments] = await tx
			.select({ n: count() })
			.from(videoReviewComments)
			.where(eq(videoReviewComments.reviewId, review.id));
		if ((comments?.n ?? 0) === 0) throw new AppError(409, "conflict", "videoReview.errors.noComments");
		await tx
			.update(videoReviews)
			.set({ status: "done", doneAt: input.now ?? new Date() })
			.where(eq(videoReviews.id, review.id));
		await notify({ userId: review.playerId, kind: "videoReviewDone", link: `/video-reviews/${review.id}` }, tx);
	});
}
