import { z } from "zod";
import { requireApiPermission, requireApiSession } from "~/modules/accounts/guards.server";
import { reviewableLesson } from "~/modules/booking/completion/reviewable-lesson.server";
import { decideReviewPhoto } from "~/modules/coaches/reviews/decide-review-photo.server";
import { setHelpfulVote } from "~/modules/coaches/reviews/helpful-vote.server";
import { listCoachReviews } from "~/modules/coaches/reviews/list-reviews.server";
import { listReviewsForStaff, moderateReview } from "~/modules/coaches/reviews/moderate-review.server";
import { replyToReview } from "~/modules/coaches/reviews/reply-to-review.server";
import { reportReview } from "~/modules/coaches/reviews/report-review.server";
import {
	moderationSchema,
	photoDecisionSchema,
	replyInputSchema,
	reviewInputSchema,
	reviewListQuerySchema,
	staffReviewQuerySchema,
} from "~/modules/coaches/reviews/schema";
import { reviewTags } from "~/modules/coaches/reviews/tags";
import { editReview, writeReview } from "~/modules/coaches/reviews/write-review.server";
import { reportReasons } from "~/modules/moderation/categories";
import { reportInputSchema } from "~/modules/moderation/schema";
import { authHeaders, callerOf } from "../client";
import { defineEndpoint } from "../endpoint";

/**
 * Reviews of completed lessons: the player writes one per booking (booking says whether the lesson
 * is theirs and completed, then the coaches module keeps the review and the coach's rating), anyone
 * reads a coach's published reviews, the coach answers each once.
 */
const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const written = z.object({ review: z.object({ id: z.string().uuid(), status: z.enum(["published", "held", "hidden"]) }) });
const stars = z.number().int().min(1).max(5);

const replySchema = z.object({ text: z.string(), repliedAt: z.string(), editedAt: z.string().nullable() });

const answerSchema = replySchema.extend({
	status: z
		.enum(["published", "held", "hidden"])
		.describe("held: it hit the forbidden-word list and waits for a moderator; the public does not see it"),
});

export const reviewSchema = z.object({
	id: z.string().uuid(),
	overall: stars,
	aspects: z.object({ attitude: stars, skill: stars, service: stars }),
	tags: z.array(z.enum(reviewTags)),
	text: z.string().nullable().describe("Plain text: render it as text, never as HTML"),
	author: z
		.object({ displayName: z.string() })
		.nullable()
		.describe("null for an anonymous review (shown as 匿名学员, no avatar)"),
	reply: replySchema.nullable().describe("The coach's public answer"),
	lessonCompletedAt: z.string().describe("The reviewed lesson took place (已上课) and completed then"),
	createdAt: z.string(),
	editedAt: z.string().nullable(),
	helpfulCount: z.number().int().min(0).describe("How many signed-in users marked it 有用 (what sort=helpful orders by)"),
	votedHelpful: z.boolean().optional().describe("Whether the signed-in caller marked it 有用 (only when signed in)"),
	photos: z
		.array(z.object({ id: z.string().uuid(), thumbUrl: z.string(), fullUrl: z.string() }))
		.describe("The photos a moderator approved, in the author's order; pending and rejected ones are never listed"),
});

const aspectAverage = z.number().nullable();
export const ratingSummarySchema = z.object({
	count: z.number().int(),
	average: z.number().nullable(),
	bayesian: z.number().nullable().describe("The average shrunk toward the platform prior; what 评分最高 sorts by"),
	aspects: z.object({ attitude: aspectAverage, skill: aspectAverage, service: aspectAverage }),
	distribution: z.object({
		"1": z.number().int(),
		"2": z.number().int(),
		"3": z.number().int(),
		"4": z.number().int(),
		"5": z.number().int(),
	}),
});

export const writeReviewEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/review",
	summary: "The player reviews their completed lesson, once, within 14 days of completion",
	tag: "reviews",
	auth: "bearer",
	params: bookingId,
	body: reviewInputSchema,
	responses: {
		201: { description: "Written: published (counted in the coach's rating) or held for a moderator", schema: written },
		400: {
			description:
				"Stars not whole numbers 1–5, an unknown tag, text over 1,000 characters or with markup, more than 6 photos or one twice",
		},
		404: { description: "No such booking, or not the caller's lesson" },
		409: { description: "already_reviewed: this booking has its review" },
		422: {
			description:
				"not_reviewable: the lesson did not complete, or the 14 days passed; validation_failed: a photo id that is not the caller's own unattached review_photo upload",
		},
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		const lesson = await reviewableLesson(params.bookingId, caller.userId);
		return { status: 201, body: { review: await writeReview({ lesson, review: body }) } };
	},
});

export const editReviewEndpoint = defineEndpoint({
	method: "put",
	path: "/bookings/:bookingId/review",
	summary: "The player's one edit of their review, within 7 days of writing it; the rating follows",
	tag: "reviews",
	auth: "bearer",
	params: bookingId,
	body: reviewInputSchema,
	responses: {
		200: { description: "Edited", schema: written },
		400: { description: "Invalid stars, tags or text" },
		404: { description: "No such booking or review of the caller" },
		409: { description: "Already edited once, or past the 7 days" },
		422: {
			description:
				"not_reviewable: the lesson is no longer completed; validation_failed: a new photo id that is not the caller's own unattached review_photo upload",
		},
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		const lesson = await reviewableLesson(params.bookingId, caller.userId);
		return { body: { review: await editReview({ lesson, review: body }) } };
	},
});

export const listLessonReviewsEndpoint = defineEndpoint({
	method: "get",
	path: "/coaches/:coachId/reviews",
	summary: "A coach's published reviews by keyset pages (newest, most helpful or lowest first) and the rating summary",
	tag: "reviews",
	params: z.object({ coachId: z.string().uuid("errors.notFound") }),
	query: reviewListQuerySchema,
	responses: {
		200: {
			description: "A page of reviews; pass nextCursor as cursor for the next one (with the same sort)",
			schema: z.object({ items: z.array(reviewSchema), nextCursor: z.string().nullable(), summary: ratingSummarySchema }),
		},
		400: { description: "An unknown sort or a cursor of another sort" },
		404: { description: "Unknown, not approved or suspended coach" },
	},
	handler: async ({ req, params, query }) => {
		// Public: a signed-in caller also learns which reviews they marked 有用; no or a bad token reads as signed out.
		const viewerId = await requireApiSession(authHeaders(req), { withoutConsent: true }).then(
			(session) => session.user.id,
			() => undefined,
		);
		return { body: await listCoachReviews({ coachId: params.coachId, ...query, viewerId }) };
	},
});

const helpfulState = z.object({
	helpful: z.object({ helpfulCount: z.number().int().min(0), votedHelpful: z.boolean() }),
});
const helpfulResponses = {
	401: { description: "Not signed in" },
	403: { description: "The review's own author or the reviewed coach" },
	404: { description: "No such published review" },
};

export const voteHelpfulEndpoint = defineEndpoint({
	method: "post",
	path: "/reviews/:reviewId/helpful",
	summary: "A signed-in user marks a published review 有用 (one vote per user; repeating it changes nothing)",
	tag: "reviews",
	auth: "bearer",
	params: z.object({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") }),
	responses: {
		200: { description: "Marked: the review's count and the caller's vote", schema: helpfulState },
		...helpfulResponses,
	},
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		return { body: { helpful: await setHelpfulVote({ userId: caller.userId, reviewId: params.reviewId, helpful: true }) } };
	},
});

export const unvoteHelpfulEndpoint = defineEndpoint({
	method: "delete",
	path: "/reviews/:reviewId/helpful",
	summary: "The caller takes back their 有用 mark (repeating it changes nothing; the count never goes below 0)",
	tag: "reviews",
	auth: "bearer",
	params: z.object({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") }),
	responses: {
		200: { description: "Unmarked: the review's count and the caller's vote", schema: helpfulState },
		...helpfulResponses,
	},
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		return { body: { helpful: await setHelpfulVote({ userId: caller.userId, reviewId: params.reviewId, helpful: false }) } };
	},
});

export const replyToReviewEndpoint = defineEndpoint({
	method: "post",
	path: "/reviews/:reviewId/reply",
	summary: "The reviewed coach answers a review publicly: the first call writes the answer (201), later ones edit it (200)",
	tag: "reviews",
	auth: "bearer",
	params: z.object({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") }),
	body: replyInputSchema,
	responses: {
		200: { description: "The answer edited", schema: z.object({ reply: answerSchema }) },
		201: {
			description: "Answered; the player is told (once it is public)",
			schema: z.object({ reply: answerSchema }),
		},
		400: { description: "Empty, over 1,000 characters or with markup" },
		404: { description: "No such review of the caller's coaching" },
		409: { description: "The review is not published" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		const answer = await replyToReview({ userId: caller.userId, reviewId: params.reviewId, text: body.text });
		return { status: answer.created ? 201 : 200, body: { reply: answer.reply } };
	},
});

export const reportReviewEndpoint = defineEndpoint({
	method: "post",
	path: "/reviews/:reviewId/reports",
	summary:
		"Any signed-in user reports a published review or its public reply to the back office (one open report per user and subject)",
	tag: "reviews",
	auth: "bearer",
	params: z.object({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") }),
	body: reportInputSchema,
	responses: {
		201: {
			description: "Reported: it joins the back-office queue; the reporter is told the outcome",
			schema: z.object({ report: z.object({ id: z.string().uuid(), status: z.literal("open") }) }),
		},
		400: { description: "An unknown reason or target, or details over 500 characters" },
		401: { description: "Not signed in" },
		403: { description: "One's own review or reply" },
		404: { description: "No such published review" },
		409: { description: "already_reported: the caller's earlier report of it is still open" },
		422: { description: "target reply, but the review has no public reply" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		return { status: 201, body: { report: await reportReview({ userId: caller.userId, reviewId: params.reviewId, ...body }) } };
	},
});

const openReportsSchema = z.object({
	count: z.number().int(),
	reasons: z.partialRecord(z.enum(reportReasons), z.number().int()).describe("How many reports gave each reason"),
	details: z.array(z.string()).describe("What reporters wrote, oldest first"),
	firstAt: z.string(),
});

const staffReviewSchema = reviewSchema.extend({
	allPhotos: z
		.array(
			z.object({
				id: z.string().uuid(),
				fileId: z.string().uuid().describe("The upload (readable by staff only through these signed URLs)"),
				thumbUrl: z.string(),
				fullUrl: z.string(),
				status: z.enum(["pending", "approved", "rejected"]),
				reviewNote: z.string().nullable(),
			}),
		)
		.describe("Every photo with its decision (signed URLs while private); pending ones wait for approve or reject"),
	status: z.enum(["published", "held", "hidden"]),
	anonymous: z.boolean(),
	playerName: z.string().describe("The author, named for staff even when the review is anonymous"),
	coach: z.object({ id: z.string().uuid(), displayName: z.string() }),
	replyStatus: z
		.enum(["published", "held", "hidden"])
		.nullable()
		.describe("The coach reply's own status (held when it hit the forbidden-word list); null without a reply"),
	matchedWords: z
		.object({ review: z.array(z.string()), reply: z.array(z.string()) })
		.describe("The forbidden words the review and the reply hit when last checked"),
	reports: z
		.object({ review: openReportsSchema.nullable(), reply: openReportsSchema.nullable() })
		.describe("Open reports of the review and of its reply (null: none)"),
});

export const listAdminReviewsEndpoint = defineEndpoint({
	method: "get",
	path: "/admin/reviews",
	summary:
		"The back office's reviews by list: published, held (the review or its reply hit the word list), hidden, reported (open reports, longest-waiting first), or photos (photos waiting for a decision); authors named",
	tag: "admin",
	auth: "bearer",
	query: staffReviewQuerySchema,
	responses: {
		200: { description: "The reviews", schema: z.object({ items: z.array(staffReviewSchema) }) },
		403: { description: "Not support or admin (with the second factor)" },
	},
	handler: async ({ req, query }) => {
		await requireApiPermission(authHeaders(req), "access:admin");
		return { body: { items: await listReviewsForStaff(query.status) } };
	},
});

export const moderateAdminReviewEndpoint = defineEndpoint({
	method: "post",
	path: "/admin/reviews/:reviewId/moderation",
	summary:
		"Hide a published review (or reply), restore a hidden one, publish a held one, or keep a reported one (dismiss), with a reason: the rating follows, the subject's open reports close (reporters told), audited, the author told",
	tag: "admin",
	auth: "bearer",
	params: z.object({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") }),
	body: moderationSchema,
	responses: {
		200: {
			description: "Decided",
			schema: z.object({
				review: written.shape.review.extend({ replyStatus: z.enum(["published", "held", "hidden"]).nullable() }),
			}),
		},
		400: { description: "No reason, or an unknown action or target" },
		403: { description: "Not support or admin (with the second factor)" },
		404: { description: "No such review" },
		409: { description: "Not possible from the review's (or reply's) status" },
		422: { description: "target reply, but the review has no reply" },
	},
	handler: async ({ req, params, body }) => {
		const session = await requireApiPermission(authHeaders(req), "access:admin");
		const review = await moderateReview({ staffId: session.user.id, reviewId: params.reviewId, ...body });
		return { body: { review } };
	},
});

export const decideReviewPhotoEndpoint = defineEndpoint({
	method: "post",
	path: "/admin/reviews/:reviewId/photos/:photoId/moderation",
	summary:
		"Approve a review photo (public while its review is published) or reject it with a reason (stays private); audited, the player told",
	tag: "admin",
	auth: "bearer",
	params: z.object({
		reviewId: z.string().uuid("coaches.reviews.errors.notFound"),
		photoId: z.string().uuid("coaches.reviews.errors.photoNotFound"),
	}),
	body: photoDecisionSchema,
	responses: {
		200: {
			description: "Decided",
			schema: z.object({ photo: z.object({ id: z.string().uuid(), status: z.enum(["approved", "rejected"]) }) }),
		},
		400: { description: "A rejection without a reason, or an unknown decision" },
		403: { description: "Not support or admin (with the second factor)" },
		404: { description: "No such photo of this review" },
		409: { description: "The photo already has this decision" },
	},
	handler: async ({ req, params, body }) => {
		const session = await requireApiPermission(authHeaders(req), "access:admin");
		const decided = await decideReviewPhoto({ staffId: session.user.id, ...params, ...body });
		return { body: { photo: { id: decided.id, status: decided.status as "approved" | "rejected" } } };
	},
});
