import { and, asc, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import type { AuditAction } from "~/modules/accounts/admin/schema";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { notify } from "~/modules/accounts/notifications.server";
import { hitsOf } from "~/modules/moderation/hits.server";
import { type OpenReports, openReportsOf, reportedSubjects, resolveReports } from "~/modules/moderation/reports.server";
import { coaches, lessonReviewPhotos, lessonReviews } from "../../../../db/schema";
import { type PublicReview, presentReview } from "./list-reviews.server";
import { type ModerationAction, type ModerationTarget, moves, type ReviewStatus } from "./moderation-moves";
import { countInRating } from "./ratings.server";
import { allPhotosOf, type OwnReviewPhoto, syncReviewPhotoVisibility } from "./review-photos.server";
import { type ReviewRow, starsOf } from "./review-record.server";

const audits: Record<ModerationTarget, Record<ModerationAction, AuditAction>> = {
	review: { hide: "review.hidden", restore: "review.restored", publish: "review.published", dismiss: "review.dismissed" },
	reply: {
		hide: "review.reply.hidden",
		restore: "review.reply.restored",
		publish: "review.reply.published",
		dismiss: "review.dismissed",
	},
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The back office decides on a review or its coach reply, with a reason: hide a published one,
 * restore a hidden one, publish a held one, or keep a reported one (dismiss). In one transaction
 * the status changes, the coach's rating gains or loses exactly the review's stars, every open
 * report of that review (or reply) is closed — upheld when it was hidden, dismissed otherwise —
 * and each reporter told, the decision is audited, and the author is told in-app.
 */
export async function moderateReview(input: {
	staffId: string;
	reviewId: string;
	action: ModerationAction;
	target?: ModerationTarget;
	reason: string;
}): Promise<{ id: string; status: ReviewStatus; replyStatus: ReviewStatus | null }> {
	if (!uuid.test(input.reviewId)) throw notFound("coaches.reviews.errors.notFound");
	const target = input.target ?? "review";
	const move = moves[input.action];
	return db().transaction(async (tx) => {
		const [review] = await tx.select().from(lessonReviews).where(eq(lessonReviews.id, input.reviewId)).for("update").limit(1);
		if (!review) throw notFound("coaches.reviews.errors.notFound");
		const current = target === "review" ? review.status : review.repliedAt ? review.replyStatus : null;
		if (current === null) throw new AppError(422, "validation_failed", "moderation.errors.noReply");
		if (!move.from.includes(current)) {
			throw new AppError(409, "conflict", "coaches.reviews.errors.notNow", { params: { status: current } });
		}
		const to = move.to ?? current;
		const counted = (status: ReviewStatus) => (status === "published" ? 1 : 0);
		const [moved] = await tx
			.update(lessonReviews)
			.set(target === "review" ? { status: to, updatedAt: new Date() } : { replyStatus: to, updatedAt: new Date() })
			.where(eq(lessonReviews.id, review.id))
			.returning();
		if (!moved) throw notFound("coaches.reviews.errors.notFound");
		const sign = counted(to) - counted(current);
		if (target === "review" && sign !== 0) await countInRating(tx, review.coachId, starsOf(review), sign as 1 | -1);
		const link = `/coaches/${review.coachId}#reviews`;
		await resolveReports(tx, {
			subject: { kind: target === "review" ? "review" : "review_reply", id: review.id },
			staffId: input.staffId,
			outcome: input.action === "hide" ? "upheld" : "dismissed",
			reason: input.reason,
			link,
		});
		await recordAudit(tx, {
			actorId: input.staffId,
			action: audits[target][input.action],
			targetType: "review",
			targetId: review.id,
			reason: input.reason,
			detail: { target, from: current, to, coachId: review.coachId },
		});
		if (input.action !== "dismiss") await tellAuthor(tx, review, target, input.action, input.reason);
		// Storage last: hiding a review takes its approved photos private; restoring or publishing shows them.
		if (target === "review" && to !== current) await syncReviewPhotoVisibility(tx, review.id);
		return { id: moved.id, status: moved.status, replyStatus: moved.repliedAt ? moved.replyStatus : null };
	});
}

/** The review's player, or the replying coach, hears of the decision on their words. */
async function tellAuthor(
	tx: Transaction,
	review: ReviewRow,
	target: ModerationTarget,
	action: ModerationAction,
	reason: string,
) {
	const hidden = action === "hide";
	if (target === "review") {
		await notify(
			{
				userId: review.playerId,
				kind: hidden ? "reviewHidden" : "reviewPublished",
				params: { reason },
				link: `/me/bookings/${review.bookingId}/review`,
			},
			tx,
		);
		return;
	}
	const [coach] = await tx
		.select({ userId: coaches.userId, displayName: coaches.displayName })
		.from(coaches)
		.where(eq(coaches.id, review.coachId));
	if (!coach) return;
	await notify(
		{
			userId: coach.userId,
			kind: hidden ? "reviewReplyHidden" : "reviewReplyPublished",
			params: { reason },
			link: "/coach/reviews",
		},
		tx,
	);
	// A reply held from the start reaches the player only now that it is public.
	if (action === "publish" && review.replyEditedAt === null) {
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
}

/**
 * A review as the back office sees it: the author named even when anonymous, the coach, the
 * status, the coach's reply whatever its status, the forbidden words the review and the reply
 * hit, and the open reports of each.
 */
export type StaffReview = PublicReview & {
	/** Every photo with its decision, through signed URLs while private (pending ones wait here). */
	allPhotos: OwnReviewPhoto[];
	status: ReviewStatus;
	anonymous: boolean;
	playerName: string;
	coach: { id: string; displayName: string };
	replyStatus: ReviewStatus | null;
	matchedWords: { review: string[]; reply: string[] };
	reports: { review: OpenReports | null; reply: OpenReports | null };
};

export type StaffReviewList = ReviewStatus | "reported" | "photos";

/**
 * The queue by list: published, hidden, held (reviews held, and reviews whose reply is held), or
 * reported (reviews or replies with open reports, the longest-waiting first).
 */
export async function listReviewsForStaff(list: StaffReviewList, limit = 50): Promise<StaffReview[]> {
	const select = () =>
		db()
			.select({ review: lessonReviews, coachName: coaches.displayName })
			.from(lessonReviews)
			.innerJoin(coaches, eq(coaches.id, lessonReviews.coachId));
	if (list === "reported") {
		const subjects = await reportedSubjects(["review", "review_reply"], limit);
		const ids = [...new Set(subjects.map((subject) => subject.id))];
		if (ids.length === 0) return [];
		const rows = await select().where(inArray(lessonReviews.id, ids));
		const order = new Map(ids.map((id, index) => [id, index]));
		return presentForStaff(rows.sort((a, b) => (order.get(a.review.id) ?? 0) - (order.get(b.review.id) ?? 0)));
	}
	if (list === "photos") {
		// Reviews with photos waiting, the longest-waiting photo first (over the pending index).
		const waiting = await db()
			.selectDistinct({ reviewId: lessonReviewPhotos.reviewId, since: lessonReviewPhotos.createdAt })
			.from(lessonReviewPhotos)
			.where(eq(lessonReviewPhotos.status, "pending"))
			.orderBy(asc(lessonReviewPhotos.createdAt))
			.limit(limit * 6);
		const ids = [...new Set(waiting.map((row) => row.reviewId))].slice(0, limit);
		if (ids.length === 0) return [];
		const rows = await select().where(inArray(lessonReviews.id, ids));
		const order = new Map(ids.map((id, index) => [id, index]));
		return presentForStaff(rows.sort((a, b) => (order.get(a.review.id) ?? 0) - (order.get(b.review.id) ?? 0)));
	}
	const where =
		list === "held"
			? or(eq(lessonReviews.status, "held"), and(isNotNull(lessonReviews.repliedAt), eq(lessonReviews.replyStatus, "held")))
			: eq(lessonReviews.status, list);
	const rows = await select().where(where).orderBy(desc(lessonReviews.createdAt), desc(lessonReviews.id)).limit(limit);
	return presentForStaff(rows);
}

async function presentForStaff(rows: Array<{ review: ReviewRow; coachName: string }>): Promise<StaffReview[]> {
	const ids = rows.map((row) => row.review.id);
	const [names, reviewHits, replyHits, reviewReports, replyReports, photos] = await Promise.all([
		displayNamesOf(rows.map((row) => row.review.playerId)),
		hitsOf("review", ids),
		hitsOf("review_reply", ids),
		openReportsOf("review", ids),
		openReportsOf("review_reply", ids),
		allPhotosOf(ids, db()),
	]);
	return rows.map(({ review, coachName }) => ({
		// Staff read the reply whatever its status, so a held one can be judged.
		...presentReview({ ...review, anonymous: false, replyStatus: "published" }, names),
		allPhotos: photos.get(review.id) ?? [],
		status: review.status,
		anonymous: review.anonymous,
		playerName: names.get(review.playerId) ?? "",
		coach: { id: review.coachId, displayName: coachName },
		replyStatus: review.repliedAt ? review.replyStatus : null,
		matchedWords: { review: reviewHits.get(review.id) ?? [], reply: replyHits.get(review.id) ?? [] },
		reports: { review: reviewReports.get(review.id) ?? null, reply: replyReports.get(review.id) ?? null },
	}));
}
