import { z } from "zod";
import { refuseBidiControls, refuseControlCharacters } from "~/lib/validation";
import { disputeCategories } from "./completion";

/** A reported problem: what kind, and what happened in the reporter's words (the back office reads it). */
export const disputeSchema = z
	.object({
		category: z.enum(disputeCategories, { error: "booking.completion.errors.category" }),
		text: refuseControlCharacters(
			refuseBidiControls(
				z
					.string("booking.completion.errors.textRequired")
					.trim()
					.min(5, "booking.completion.errors.textRequired")
					.max(1000, "errors.field.tooLong"),
			),
		),
	})
	.strict();
export type DisputeInput = z.output<typeof disputeSchema>;

/**
 * The back office's decision: for the coach (the lesson counts as completed) or for the player (the
 * platform cancels it and refunds what the staff enter, default everything paid), always with a note.
 */
export const resolveDisputeSchema = z
	.object({
		decision: z.enum(["for_coach", "for_player"], { error: "booking.completion.errors.decision" }),
		// Between 0 and what was paid (the service checks the upper end); left out: everything paid.
		refundFen: z
			.number({ error: "booking.completion.errors.refund" })
			.int("booking.completion.errors.refund")
			.min(0, "booking.completion.errors.refund")
			.optional(),
		note: refuseControlCharacters(
			z
				.string("booking.completion.errors.noteRequired")
				.trim()
				.min(2, "booking.completion.errors.noteRequired")
				.max(500, "errors.field.tooLong"),
		),
	})
	.strict();
export type ResolveDisputeInput = z.output<typeof resolveDisputeSchema>;
