import { z } from "zod";
import { movementKinds } from "./movement-kinds";

const month = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])$/, "income.errors.month")
	.describe("A Shanghai calendar month, YYYY-MM; the current one when left out");
export const year = z.string().regex(/^\d{4}$/, "income.errors.year");
export const quarter = z
	.string()
	.regex(/^\d{4}-Q[1-4]$/, "income.errors.quarter")
	.describe("YYYY-Q1 … YYYY-Q4, Shanghai calendar quarters");

/** The movements list and the monthly statement: one month, optionally one kind. Blank means "not given" (a form's empty choice). */
export const movementFilterSchema = z.object({
	month: z.preprocess((value) => (value === "" ? undefined : value), month.optional()),
	kind: z.preprocess(
		(value) => (value === "" ? undefined : value),
		z.enum(movementKinds, { error: "income.errors.kind" }).optional(),
	),
});
export type MovementFilter = z.output<typeof movementFilterSchema>;
