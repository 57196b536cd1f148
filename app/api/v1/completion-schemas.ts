import { z } from "zod";
import { disputeCategories } from "~/modules/booking/completion/completion";

/** A booking's completion as the API shows it: the coach's finish, the completion, and a dispute. */
export const completionSchema = z.object({
	finishedAt: z.string().nullable().describe("When the coach finished the lesson; it then waits for the player"),
	completedAt: z.string().nullable(),
	autoCompletesAt: z
		.string()
		.nullable()
		.describe("A lesson under way completes by itself then, unless the player confirms earlier or it is disputed"),
	disputeWindowEndsAt: z.string().nullable().describe("A completed lesson can be disputed until then (inclusive)"),
	dispute: z
		.object({
			openedBy: z.enum(["player", "coach"]),
			category: z.enum(disputeCategories),
			text: z.string(),
			openedAt: z.string(),
			resolution: z.enum(["for_coach", "for_player"]).nullable(),
			resolvedAt: z.string().nullable(),
			note: z.string().nullable().describe("The back office's note on its decision"),
			refundFen: z.number().int().nullable(),
		})
		.nullable(),
});
