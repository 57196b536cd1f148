import { z } from "zod";
import { bookingStatuses } from "../lifecycle";
import { reasonSchema } from "../schema";

/** Forms send "" for an empty field and query strings send `?x=`: both mean "not given". */
const blankOr = <T extends z.ZodType<string | undefined>>(schema: T) =>
	z
		.union([z.literal(""), schema])
		.optional()
		.transform((value) => (value === "" ? undefined : (value as z.output<T> | undefined)));

const id = z
	.string({ error: "booking.admin.errors.idInvalid" })
	.trim()
	.pipe(z.uuid({ error: "booking.admin.errors.idInvalid" }));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "booking.admin.errors.dateInvalid");

/** The back office's booking list: by status, coach, player and the lesson's day (Shanghai), newest lesson first. */
export const adminBookingFilterSchema = z
	.object({
		status: blankOr(z.enum(bookingStatuses, { error: "errors.field.invalidOption" })),
		coachId: blankOr(id),
		playerId: blankOr(id),
		from: blankOr(day),
		to: blankOr(day),
		cursor: blankOr(z.string().max(200, "admin.errors.cursorInvalid")),
	})
	.superRefine((value, context) => {
		if (value.from && value.to && value.to < value.from) {
			context.addIssue({ code: "custom", path: ["to"], message: "booking.admin.errors.dateRange" });
		}
	});
export type AdminBookingFilter = z.output<typeof adminBookingFilterSchema>;

/** A back-office cancellation always says why: the player, the coach and the audit log read it. */
export const adminCancelSchema = reasonSchema.strict();
