import { z } from "zod";
import { reportReasons } from "~/modules/moderation/categories";
import { reportDetailLimit } from "~/modules/moderation/schema";

export const messageLimit = 1000;

export const messageInputSchema = z.object({
	body: z
		.string("social.messages.errors.empty")
		.trim()
		.min(1, "social.messages.errors.empty")
		.max(messageLimit, "social.messages.errors.tooLong"),
});

export const messageReportSchema = z.object({
	reason: z.enum(reportReasons, "moderation.errors.reason"),
	detail: z
		.string()
		.trim()
		.max(reportDetailLimit, "moderation.errors.detailTooLong")
		.optional()
		.transform((detail) => (detail ? detail : undefined)),
});
