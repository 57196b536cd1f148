import { desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { notify } from "~/modules/accounts/notifications.server";
import { hitsOf } from "~/modules/moderation/hits.server";
import { coaches, lessonReviews } from "../../../../db/schema";
import { type PublicReview, presentReview } from "./list-reviews.server";
import { countInRating } from "./ratings.server";
import { type ReviewRow, starsOf } from "./review-record.server";

export const moderationActions = ["hide", "restore", "publish"] as const;
export type ModerationAction = (typeof moderationActions)[number];
type ReviewStatus = "published" | "held" | "hidden";

/** Which status each decision starts from and leads to, and whether the stars join (+1) or leave (−1) the rating. */
const moves: Record<
	ModerationAction,
	{ from: ReviewStatus; to: ReviewStatus; sign: 1 | -1; audit: "review.hidden" | "review.restored" | "review.published" }
> = {
	hide: { from: "published", to: "hidden", sign: -1, audit: "review.hidden" },
	restore: { from: "hidden", to: "published", sign: 1, audit: "review.restored" },
	publish: { from: "held", to: "published", sign: 1, audit: "review.published" },
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The back office hides a published review, restores a hidden one or publishes a held one, with a
 * reason: in one transaction the status changes, the coach's rating gains or loses exactly these
 * stars, the decision is audited and the author is told in-app.
 */
export async function moderateReview(input: {
	staffId: string;
	reviewId: string;
	action: ModerationAction;
	reason: string;
}): Promise<{ id: string; status: ReviewStatus }> {
	if (!uuid.test(input.reviewId)) throw notFound("coaches.reviews.errors.notFound");
	const move = moves[input.action];
	return db().transaction(async (tx) => {
		const [review] = await tx.select().from(lessonReviews).where(eq(lessonReviews.id, input.reviewId)).for("update").limit(1);
		if (!review) throw notFound("coaches.reviews.errors.notFound");
		if (review.status !== move.from) {
			throw new AppError(409, "conflict", "coaches.reviews.errors.notNow", { params: { status: review.status } });
		}
		const [moved] = await tx
			.update(lessonReviews)
			.set({ status: move.to, updatedAt: new Date() })
			.where(eq(lessonReviews.id, review.id))
			.returning();
		if (!moved) throw notFound("coaches.reviews.errors.notFound");
		await countInRating(tx, review.coachId, starsOf(review), move.sign);
		await recordAudit(tx, {
			actorId: input.staffId,
			action: move.audit,
			targetType: "review",
			targetId: review.id,
			reason: input.reason,
			detail: { from: move.from, to: move.to, coachId: review.coachId },
		});
		await notify(
			{
				userId: review.playerId,
				kind: `review${input.action === "hide" ? "Hidden" : "Published"}`,
				params: { reason: input.reason },
				link: `/me/bookings/${review.bookingId}/review`,
			},
			tx,
		);
		return { id: moved.id, status: moved.status };
	});
}

/**
 * A review as the back office sees it: the author named even when anonymous, the coach, the
 * status, the coach's reply whatever its status, and the forbidden words the review and the reply hit.
 */
export type StaffReview = PublicReview & {
	status: ReviewStatus;
	anonymous: boolean;
	playerName: string;
	coach: { id: string; displayName: string };
	replyStatus: ReviewStatus | null;
	matchedWords: { review: string[]; reply: string[] };
};

export async function listReviewsForStaff(status: ReviewStatus, limit = 50): Promise<StaffReview[]> {
	const rows = await db()
		.select({ review: lessonReviews, coachName: coaches.displayName })
		.from(lessonReviews)
		.innerJoin(coaches, eq(coaches.id, lessonReviews.coachId))
		.where(eq(lessonReviews.status, status))
		.orderBy(desc(lessonReviews.createdAt), desc(lessonReviews.id))
		.limit(limit);
	return presentForStaff(rows);
}

async function presentForStaff(rows: Array<{ review: ReviewRow; coachName: string }>): Promise<StaffReview[]> {
	const ids = rows.map((row) => row.review.id);
	const [names, reviewHits, replyHits] = await Promise.all([
		displayNamesOf(rows.map((row) => row.review.playerId)),
		hitsOf("review", ids),
		hitsOf("review_reply", ids),
	]);
	return rows.map(({ review, coachName }) => ({
		// Staff read the reply whatever its status, so a held one can be judged.
		...presentReview({ ...review, anonymous: false, replyStatus: "published" }, names),
		status: review.status,
		anonymous: review.anonymous,
		playerName: names.get(review.playerId) ?? "",
		coach: { id: review.coachId, displayName: coachName },
		replyStatus: review.repliedAt ? review.replyStatus : null,
		matchedWords: { review: reviewHits.get(review.id) ?? [], reply: replyHits.get(review.id) ?? [] },
	}));
}
