import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { fileReport } from "~/modules/moderation/reports.server";
import type { ReportInput } from "~/modules/moderation/schema";
import { lessonReviews } from "../../../../db/schema";
import { findCoachOfUser } from "../application/coach-record.server";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Any signed-in user reports a published review, or its public reply, to the back office: the
 * review must be one the public sees (404 otherwise, as for an unknown one); nobody reports their
 * own words. The report joins the moderation queue, keyed by the review (or its reply).
 */
export async function reportReview(
	input: { userId: string; reviewId: string } & ReportInput,
): Promise<{ id: string; status: "open" }> {
	if (!uuid.test(input.reviewId)) throw notFound("coaches.reviews.errors.notFound");
	const [review] = await db().select().from(lessonReviews).where(eq(lessonReviews.id, input.reviewId)).limit(1);
	if (review?.status !== "published") throw notFound("coaches.reviews.errors.notFound");
	if (input.target === "reply") {
		if (!review.repliedAt || review.replyStatus !== "published") {
			throw new AppError(422, "validation_failed", "moderation.errors.noReply");
		}
		const coach = await findCoachOfUser(input.userId, db());
		if (coach?.id === review.coachId) throw forbidden("moderation.errors.ownContent");
	} else if (review.playerId === input.userId) {
		throw forbidden("moderation.errors.ownContent");
	}
	return fileReport({
		subject: { kind: input.target === "reply" ? "review_reply" : "review", id: review.id },
		reporterId: input.userId,
		reason: input.reason,
		detail: input.detail,
	});
}
