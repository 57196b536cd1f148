import { z } from "zod";
import { refuseBidiControls, refuseControlCharacters } from "~/lib/validation";

/** Shared by the booking form, its action and the API. */
const uuid = z.string().uuid("errors.notFound");
const instant = z.iso.datetime({ offset: true, error: "booking.errors.startsAt" });

export const freeTimesQuerySchema = z
	.object({
		offeringId: uuid,
		from: instant.optional(),
		to: instant.optional(),
	})
	.strict();

export const locationSchema = z.discriminatedUnion(
	"kind",
	[
		z.object({ kind: z.literal("venue"), placeId: uuid }),
		z.object({
			kind: z.literal("address"),
			address: refuseControlCharacters(
				refuseBidiControls(
					z
						.string("booking.errors.addressRequired")
						.trim()
						.min(5, "booking.errors.addressRequired")
						.max(200, "errors.field.tooLong"),
				),
			),
		}),
		z.object({ kind: z.literal("online") }),
	],
	{ error: "booking.errors.location" },
);

export const createBookingSchema = z
	.object({
		coachId: uuid,
		offeringId: uuid,
		startsAt: instant,
		location: locationSchema,
		paymentPlan: z.enum(["deposit", "full"], { error: "errors.field.invalidOption" }),
		note: refuseControlCharacters(refuseBidiControls(z.string().trim().max(500, "errors.field.tooLong"))).optional(),
	})
	.strict();
export type CreateBookingInput = z.output<typeof createBookingSchema>;

export const reasonSchema = z.object({
	reason: refuseControlCharacters(
		z.string("booking.errors.reasonRequired").trim().min(2, "booking.errors.reasonRequired").max(300, "errors.field.tooLong"),
	),
});

export const cancelSchema = z.object({
	reason: refuseControlCharacters(z.string().trim().max(300, "errors.field.tooLong")).optional(),
});

/** A short message to the other side with a proposed change. */
const changeMessage = refuseControlCharacters(refuseBidiControls(z.string().trim().max(200, "errors.field.tooLong"))).optional();

/** The coach's adjustment of a booking waiting for their answer: another time, another place, or both. */
export const adjustmentSchema = z
	.object({ startsAt: instant.optional(), location: locationSchema.optional(), message: changeMessage })
	.strict()
	.refine((value) => value.startsAt !== undefined || value.location !== undefined, {
		error: "booking.changes.errors.nothingChanged",
		path: ["startsAt"],
	});
export type AdjustmentInput = z.output<typeof adjustmentSchema>;

/** Either side's request to move a confirmed lesson to another free time. */
export const rescheduleSchema = z.object({ startsAt: instant, message: changeMessage }).strict();
export type RescheduleInput = z.output<typeof rescheduleSchema>;
