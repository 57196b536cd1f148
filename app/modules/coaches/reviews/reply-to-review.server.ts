import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { recordHits } from "~/modules/moderation/hits.server";
import { forbiddenWordsIn } from "~/modules/moderation/word-matcher.server";
import { lessonReviews } from "../../../../db/schema";
import { findCoachOfUser } from "../application/coach-record.server";

export type ReplyStatus = "published" | "held" | "hidden";
export interface ReplyView {
	text: string;
	repliedAt: string;
	editedAt: string | null;
	status: ReplyStatus;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The reviewed coach answers a published review publicly: once, then edits that one answer. Anyone
 * else gets 404 (as for a review they cannot act on). The player hears of the first answer in-app,
 * in the reply's transaction. Each answer is checked against the forbidden-word list: a hit holds
 * the reply (the public does not see it) until a moderator publishes it; a reply staff hid stays
 * hidden when edited.
 */
export async function replyToReview(input: {
	userId: string;
	reviewId: string;
	text: string;
	now?: Date;
}): Promise<{ id: string; reply: ReplyView; created: boolean }> {
	const now = input.now ?? new Date();
	if (!uuid.test(input.reviewId)) throw notFound("coaches.reviews.errors.notFound");
	const words = await forbiddenWordsIn([input.text]);
	return db().transaction(async (tx) => {
		const [review] = await tx.select().from(lessonReviews).where(eq(lessonReviews.id, input.reviewId)).for("update").limit(1);
		const coach = await findCoachOfUser(input.userId, tx);
		if (!review || !coach || review.coachId !== coach.id) throw notFound("coaches.reviews.errors.notFound");
		if (review.status !== "published") throw new AppError(409, "conflict", "coaches.reviews.errors.notPublished");
		const created = review.repliedAt === null;
		const replyStatus: ReplyStatus =
			words.length > 0 ? "held" : !created && review.replyStatus === "hidden" ? "hidden" : "published";
		const [saved] = await tx
			.update(lessonReviews)
			.set(
				created
					? { replyText: input.text, repliedAt: now, replyStatus, updatedAt: now }
					: { replyText: input.text, replyEditedAt: now, replyStatus, updatedAt: now },
			)
			.where(eq(lessonReviews.id, review.id))
			.returning();
		if (!saved?.repliedAt || saved.replyText === null) throw notFound("coaches.reviews.errors.notFound");
		await recordHits(tx, { kind: "review_reply", id: review.id }, words);
		if (created && replyStatus === "published") {
			await notify(
				{
					userId: review.playerId,
					kind: "reviewReplied",
					params: { coach: coach.displayName },
					link: `/me/bookings/${review.bookingId}/review`,
				},
				tx,
			);
		}
		return {
			id: saved.id,
			created,
			reply: {
				text: saved.replyText,
				repliedAt: saved.repliedAt.toISOString(),
				editedAt: saved.replyEditedAt?.toISOString() ?? null,
				status: saved.replyStatus,
			},
		};
	});
}
