import { z } from "zod";

/** The back office's list of reconciliation differences: the open ones (default) or all. */
export const differenceFilterSchema = z
	.object({
		status: z.enum(["open", "all"], { error: "errors.field.invalidOption" }).default("open"),
	})
	.strict();

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Resolving a difference always says what was found or done: the next person reads it. */
export const resolveDifferenceSchema = z
	.object({
		note: z
			.string({ error: "payments.reconciliation.errors.noteRequired" })
			.trim()
			.min(2, "payments.reconciliation.errors.noteRequired")
			.max(1000, "payments.reconciliation.errors.noteTooLong")
			.refine((value) => !controlCharacters.test(value), "payments.reconciliation.errors.noteInvalid"),
	})
	.strict();

export const differenceIdSchema = z.object({
	differenceId: z.string().uuid("payments.reconciliation.errors.notFound"),
});
