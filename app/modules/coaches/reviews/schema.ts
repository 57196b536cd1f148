import { z } from "zod";
import { reviewTags } from "./tags";

/** Reviews: one schema per input, shared by the review page, its action and the API. */
const stars = z.coerce
	.number("coaches.reviews.errors.stars")
	.int("coaches.reviews.errors.stars")
	.min(1, "coaches.reviews.errors.stars")
	.max(5, "coaches.reviews.errors.stars");

export const reviewTextLimit = 1000;

// Text is always rendered as text; markup is refused anyway, so nobody is surprised by tags showing literally.
const markup = /<\s*\/?\s*[a-z!][^>]*>/i;

const optionalText = z
	.string()
	.trim()
	.max(reviewTextLimit, "coaches.reviews.errors.textTooLong")
	.refine((text) => !markup.test(text), "coaches.reviews.errors.markup")
	.optional()
	.transform((text) => (text ? text : undefined));

/** Photos per review; each is the player's own upload (kind review_photo), private until approved. */
export const maxReviewPhotos = 6;

const photoFileIds = z
	.array(z.string("coaches.reviews.errors.photoNotYours").uuid("coaches.reviews.errors.photoNotYours"))
	.max(maxReviewPhotos, "coaches.reviews.errors.tooManyPhotos")
	.refine((ids) => new Set(ids).size === ids.length, "coaches.reviews.errors.photoTwice")
	.describe(
		"Ids of the caller's own unattached uploads of kind review_photo (POST /files?kind=review_photo), at most 6, in display order; on an edit, the whole new list (omit it to keep the photos)",
	)
	.optional();

export const reviewInputSchema = z.object({
	overall: stars,
	aspects: z.object({ attitude: stars, skill: stars, service: stars }),
	tags: z.array(z.enum(reviewTags, "coaches.reviews.errors.tag")).max(reviewTags.length).optional(),
	text: optionalText,
	anonymous: z.boolean("coaches.reviews.errors.anonymous"),
	photoFileIds,
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** The review page's form: flat fields, checkboxes for tags and anonymity. */
export const reviewFormSchema = z
	.object({
		overall: stars,
		attitude: stars,
		skill: stars,
		service: stars,
		tags: z.preprocess(
			(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
			z.array(z.enum(reviewTags)),
		),
		text: optionalText,
		anonymous: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
		// One hidden field per photo the page uploaded (with JavaScript); the edit sends the whole list.
		photoFileIds: z.preprocess(
			(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
			photoFileIds.unwrap(),
		),
	})
	.transform(
		(form): ReviewInput => ({
			overall: form.overall,
			aspects: { attitude: form.attitude, skill: form.skill, service: form.service },
			tags: form.tags,
			text: form.text,
			anonymous: form.anonymous,
			photoFileIds: form.photoFileIds,
		}),
	);

export const replyInputSchema = z.object({
	text: z
		.string("coaches.reviews.errors.replyEmpty")
		.trim()
		.min(1, "coaches.reviews.errors.replyEmpty")
		.max(reviewTextLimit, "coaches.reviews.errors.textTooLong")
		.refine((text) => !markup.test(text), "coaches.reviews.errors.markup"),
});

export const reviewSorts = ["newest", "helpful", "lowest"] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export const reviewListQuerySchema = z.object({
	sort: z.enum(reviewSorts, "coaches.reviews.errors.sort").default("newest"),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const moderationSchema = z.object({
	action: z.enum(["hide", "restore", "publish", "dismiss"], "errors.field.invalidOption"),
	/** The review itself (the default) or the coach's reply to it. */
	target: z.enum(["review", "reply"], "moderation.errors.target").default("review"),
	reason: z
		.string("coaches.reviews.errors.reason")
		.trim()
		.min(2, "coaches.reviews.errors.reason")
		.max(500, "errors.field.tooLong"),
});

export const staffReviewQuerySchema = z.object({
	status: z.enum(["published", "held", "hidden", "reported", "photos"], "errors.field.invalidOption").default("published"),
});

/** A moderator's decision on one review photo: a rejection carries the reason the player is told. */
export const photoDecisionSchema = z
	.object({
		decision: z.enum(["approve", "reject"], "errors.field.invalidOption"),
		reason: z
			.string()
			.trim()
			.max(500, "errors.field.tooLong")
			.optional()
			.transform((reason) => (reason ? reason : undefined)),
	})
	.refine((body) => body.decision === "approve" || (body.reason?.length ?? 0) >= 2, {
		message: "coaches.reviews.errors.reason",
		path: ["reason"],
	});
