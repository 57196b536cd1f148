import { z } from "zod";
import { reportReasons, wordCategories } from "./categories";
import { normalizeForMatching } from "./normalize";

/** Moderation inputs: one schema each, shared by the back-office pages, their actions and the API. */
export const wordInputSchema = z.object({
	word: z
		.string("moderation.errors.wordEmpty")
		.trim()
		.min(1, "moderation.errors.wordEmpty")
		.max(50, "moderation.errors.wordTooLong")
		// A word that is only spaces or punctuation would match nothing once normalised.
		.refine((word) => normalizeForMatching(word).length > 0, "moderation.errors.wordEmpty"),
	category: z.enum(wordCategories, "moderation.errors.category"),
});
export type WordInput = z.infer<typeof wordInputSchema>;

export const wordIdSchema = z.string().uuid("moderation.errors.wordNotFound");

export const reportDetailLimit = 500;

export const reportInputSchema = z.object({
	reason: z.enum(reportReasons, "moderation.errors.reason"),
	detail: z
		.string()
		.trim()
		.max(reportDetailLimit, "moderation.errors.detailTooLong")
		.optional()
		.transform((detail) => (detail ? detail : undefined)),
	target: z.enum(["review", "reply"], "moderation.errors.target").default("review"),
});
export type ReportInput = z.infer<typeof reportInputSchema>;
