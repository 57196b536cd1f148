import { z } from "zod";
import { refuseBidiControls, withoutControlCharacters } from "~/lib/validation";

/** Markup is refused rather than shown literally: bodies are Markdown, and raw HTML never renders. */
const markup = /<\s*\/?\s*[a-z!][^>]*>/i;

export const titleLimit = 80;
export const bodyLimit = 10_000;
export const commentLimit = 2_000;
export const imageLimit = 9;

const text = (max: number, keys: { empty: string; long: string }) =>
	z
		.string(keys.empty)
		.trim()
		.min(1, keys.empty)
		.max(max, keys.long)
		.refine(withoutControlCharacters, "errors.field.controlCharacters")
		.refine((value) => !markup.test(value), "community.errors.markup");

export const postInputSchema = z.object({
	boardId: z.string("community.errors.board").uuid("community.errors.board"),
	kind: z.enum(["post", "question"], "community.errors.kind").default("post"),
	title: refuseBidiControls(text(titleLimit, { empty: "community.errors.titleEmpty", long: "community.errors.titleTooLong" })),
	body: text(bodyLimit, { empty: "community.errors.bodyEmpty", long: "community.errors.bodyTooLong" }),
	imageFileIds: z
		.array(z.string().uuid("community.errors.image"), "community.errors.image")
		.max(imageLimit, "community.errors.tooManyImages")
		.default([]),
});
export type PostInput = z.infer<typeof postInputSchema>;

export const postEditSchema = postInputSchema.pick({ title: true, body: true });
export type PostEdit = z.infer<typeof postEditSchema>;

export const commentInputSchema = z.object({
	body: text(commentLimit, { empty: "community.errors.commentEmpty", long: "community.errors.commentTooLong" }),
	parentId: z.string().uuid("community.errors.commentNotFound").optional(),
});
export type CommentInput = z.infer<typeof commentInputSchema>;

export const boardSorts = ["active", "newest", "week"] as const;
export type BoardSort = (typeof boardSorts)[number];

export const boardPageQuerySchema = z.object({
	sort: z.enum(boardSorts, "community.errors.sort").default("active"),
	cursor: z.string().max(200).optional(),
});

export const flagInputSchema = z.object({
	reason: z.enum(["abuse", "spam", "privacy", "false", "other"], "moderation.errors.reason"),
	detail: z
		.string()
		.trim()
		.max(500, "moderation.errors.detailTooLong")
		.optional()
		.transform((detail) => (detail ? detail : undefined)),
});
export type FlagInput = z.infer<typeof flagInputSchema>;

export const contentDecisionSchema = z.object({
	action: z.enum(["publish", "hide", "restore", "delete", "dismiss"], "community.errors.action"),
	reason: z.string("community.errors.reasonRequired").trim().min(2, "community.errors.reasonRequired").max(500),
});
export type ContentDecision = z.infer<typeof contentDecisionSchema>;

export const boardUpdateSchema = z.object({
	nameZh: refuseBidiControls(z.string().trim().min(1, "community.errors.boardName").max(20, "community.errors.boardName")),
	nameEn: refuseBidiControls(z.string().trim().min(1, "community.errors.boardName").max(40, "community.errors.boardName")),
	position: z.coerce.number().int().min(0).max(100),
	archived: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});
export type BoardUpdate = z.infer<typeof boardUpdateSchema>;
