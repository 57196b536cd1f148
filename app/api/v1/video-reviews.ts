import { z } from "zod";
import { AppError } from "~/lib/errors";
import { kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import { createVideoReview } from "~/modules/learning/video-review/create-video-review.server";
import { getVideoReview, listVideoReviews } from "~/modules/learning/video-review/read-video-reviews.server";
import {
	addReviewComment,
	completeVideoReview,
	deleteReviewComment,
	updateReviewComment,
} from "~/modules/learning/video-review/review-comments.server";
import {
	commentInputSchema,
	createVideoReviewSchema,
	maxCommentLength,
	maxShapesPerComment,
	maxVideoReviewMs,
	shapeColors,
	shapeTypes,
} from "~/modules/learning/video-review/schema";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { readRawBody } from "../raw-body";

/**
 * Async stroke-video review: a player sends a short video to a coach they booked; the coach
 * comments at moments with drawings over the frame; the player plays it back. Only the two of
 * them see a review: anyone else gets 404.
 */
const tag = "video-reviews";
const reviewParams = z.object({ reviewId: z.string().uuid("videoReview.errors.notFound") });
const commentParams = reviewParams.extend({ commentId: z.string().uuid("videoReview.errors.commentNotFound") });
const videoMaxBytes = kindPolicies.review_video.maxBytes;

const shapeOut = z.object({
	type: z.enum(shapeTypes),
	x1: z.number(),
	y1: z.number(),
	x2: z.number(),
	y2: z.number(),
	color: z.enum(shapeColors),
});
const commentOut = z.object({
	id: z.string(),
	atMs: z.number().int().describe("The moment, in milliseconds from the start"),
	body: z.string(),
	shapes: z
		.array(shapeOut)
		.describe("line/arrow from (x1,y1) to (x2,y2); circle: centre (x1,y1), a point on the rim (x2,y2); 0–1 of the frame"),
	createdAt: z.string(),
});
const summaryOut = z.object({
	id: z.string(),
	status: z.enum(["open", "done"]),
	durationMs: z.number().int(),
	question: z.string(),
	coachName: z.string(),
	playerName: z.string(),
	commentCount: z.number().int(),
	createdAt: z.string(),
	doneAt: z.string().nullable(),
});
const detailOut = summaryOut.extend({
	party: z.enum(["player", "coach"]),
	video: z.object({ url: z.string().describe("Signed, private; valid until expiresAt"), expiresAt: z.string() }),
	comments: z.array(commentOut),
});
const notFoundResponse = { 404: { description: "No such review, or not one of its two people (the two look the same)" } };
const coachOnly = {
	403: { description: "The player reads the review; only its coach writes comments" },
	409: { description: "The review is done and no longer changes" },
};

export const createVideoReviewEndpoint = defineEndpoint({
	method: "post",
	path: "/video-reviews",
	summary: `Send a stroke video (MP4, QuickTime or WebM, at most ${maxVideoReviewMs / 1000} s and ${maxMegabytes(videoMaxBytes)} MB) to a coach I have a confirmed or completed lesson with; the coach is told`,
	tag,
	auth: "bearer",
	query: createVideoReviewSchema,
	rawBody: {
		contentTypes: ["video/mp4", "video/quicktime", "video/webm"],
		description:
			"The video's bytes. Its type is read from the bytes and its length from the container (mvhd, WebM), never from the client",
	},
	responses: {
		201: { description: "Sent", schema: z.object({ id: z.string() }) },
		400: { description: "Longer than a minute, an empty body, or a question too long" },
		401: { description: "Not signed in" },
		409: { description: "No confirmed or completed lesson with this coach" },
		413: { description: "Too large" },
		415: { description: "Not a video, or a video whose length cannot be read" },
	},
	handler: async ({ query, req, res }) => {
		const caller = await callerOf(req);
		const bytes = await readRawBody(
			req,
			res,
			videoMaxBytes,
			() => new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(videoMaxBytes) } }),
		);
		const created = await createVideoReview({
			playerId: caller.userId,
			...query,
			bytes,
			declaredType: req.headers["content-type"],
		});
		return { status: 201, body: created };
	},
});

export const listVideoReviewsEndpoint = defineEndpoint({
	method: "get",
	path: "/video-reviews",
	summary: "My video reviews: those I sent (mine) and, as a coach, those sent to me (toReview), newest first",
	tag,
	auth: "bearer",
	responses: {
		200: { description: "My reviews", schema: z.object({ mine: z.array(summaryOut), toReview: z.array(summaryOut) }) },
		401: { description: "Not signed in" },
	},
	handler: async ({ req }) => ({ body: await listVideoReviews((await callerOf(req)).userId) }),
});

export const getVideoReviewEndpoint = defineEndpoint({
	method: "get",
	path: "/video-reviews/:reviewId",
	summary: "One review with a signed link to its video and its comments in time order",
	tag,
	auth: "bearer",
	params: reviewParams,
	responses: {
		200: { description: "The review", schema: detailOut },
		401: { description: "Not signed in" },
		...notFoundResponse,
	},
	handler: async ({ req, params }) => ({ body: await getVideoReview((await callerOf(req)).userId, params.reviewId) }),
});

export const addVideoReviewCommentEndpoint = defineEndpoint({
	method: "post",
	path: "/video-reviews/:reviewId/comments",
	summary: `The coach comments at a moment (at most ${maxCommentLength} characters) with up to ${maxShapesPerComment} shapes drawn over the frame`,
	tag,
	auth: "bearer",
	params: reviewParams,
	body: commentInputSchema,
	responses: {
		201: { description: "Added", schema: commentOut },
		400: { description: "A moment past the video's end, coordinates outside 0–1, too many shapes, an empty or too long text" },
		401: { description: "Not signed in" },
		...notFoundResponse,
		...coachOnly,
	},
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: await addReviewComment({ userId: (await callerOf(req)).userId, reviewId: params.reviewId, comment: body }),
	}),
});

export const updateVideoReviewCommentEndpoint = defineEndpoint({
	method: "put",
	path: "/video-reviews/:reviewId/comments/:commentId",
	summary: "The coach rewrites one of the review's comments (moment, text and shapes)",
	tag,
	auth: "bearer",
	params: commentParams,
	body: commentInputSchema,
	responses: {
		200: { description: "Saved", schema: commentOut },
		400: { description: "As for adding one" },
		401: { description: "Not signed in" },
		...notFoundResponse,
		...coachOnly,
	},
	handler: async ({ req, params, body }) => ({
		body: await updateReviewComment({ userId: (await callerOf(req)).userId, ...params, comment: body }),
	}),
});

export const deleteVideoReviewCommentEndpoint = defineEndpoint({
	method: "delete",
	path: "/video-reviews/:reviewId/comments/:commentId",
	summary: "The coach removes one of the review's comments",
	tag,
	auth: "bearer",
	params: commentParams,
	responses: { 204: { description: "Removed" }, 401: { description: "Not signed in" }, ...notFoundResponse, ...coachOnly },
	handler: async ({ req, params }) => {
		await deleteReviewComment({ userId: (await callerOf(req)).userId, ...params });
		return { status: 204 };
	},
});

export const completeVideoReviewEndpoint = defineEndpoint({
	method: "post",
	path: "/video-reviews/:reviewId/done",
	summary: "The coach marks the review done (at least one comment); the player is told it is ready to watch",
	tag,
	auth: "bearer",
	params: reviewParams,
	responses: {
		204: { description: "Done" },
		401: { description: "Not signed in" },
		...notFoundResponse,
		403: coachOnly[403],
		409: { description: "Already done, or no comment yet" },
	},
	handler: async ({ req, params }) => {
		await completeVideoReview({ userId: (await callerOf(req)).userId, reviewId: params.reviewId });
		return { status: 204 };
	},
});
