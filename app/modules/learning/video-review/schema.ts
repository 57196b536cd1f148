import { z } from "zod";

/** The longest stroke video a coach is asked to review. */
export const maxVideoReviewMs = 60_000;
/** Shapes one comment may carry: enough to mark a stroke, not a drawing program. */
export const maxShapesPerComment = 12;
export const maxCommentLength = 500;
export const maxQuestionLength = 300;
/** Comments one review may hold. */
export const maxCommentsPerReview = 100;

export const shapeTypes = ["line", "circle", "arrow"] as const;
export const shapeColors = ["#ef4444", "#facc15", "#22c55e", "#3b82f6", "#ffffff"] as const;

const unit = z.number("videoReview.errors.shape").min(0, "videoReview.errors.shape").max(1, "videoReview.errors.shape");

/** A drawing over the frame, in coordinates normalised to 0–1 of the video's width and height. */
export const shapeSchema = z
	.object({
		type: z.enum(shapeTypes, "videoReview.errors.shape"),
		x1: unit,
		y1: unit,
		x2: unit,
		y2: unit,
		color: z.enum(shapeColors, "videoReview.errors.shape"),
	})
	.strict();
export type Shape = z.infer<typeof shapeSchema>;

export const commentInputSchema = z
	.object({
		atMs: z
			.number("videoReview.errors.at")
			.int("videoReview.errors.at")
			.min(0, "videoReview.errors.at")
			.max(maxVideoReviewMs, "videoReview.errors.at"),
		body: z
			.string("videoReview.errors.body")
			.trim()
			.min(1, "videoReview.errors.body")
			.max(maxCommentLength, "videoReview.errors.bodyTooLong"),
		shapes: z.array(shapeSchema).max(maxShapesPerComment, "videoReview.errors.tooManyShapes").default([]),
	})
	.strict();
export type CommentInput = z.infer<typeof commentInputSchema>;

export const createVideoReviewSchema = z
	.object({
		coachId: z.string("videoReview.errors.coach").uuid("videoReview.errors.coach"),
		question: z.string().trim().max(maxQuestionLength, "videoReview.errors.questionTooLong").default(""),
	})
	.strict();
