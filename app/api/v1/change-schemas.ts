import { z } from "zod";

const changeLocationSchema = z.object({
	kind: z.enum(["venue", "address", "online"]),
	placeName: z.string().nullable(),
	address: z.string().nullable(),
});

/** A booking's open proposal to change it, as the API shows it (bookingSchema.pendingChange). */
export const pendingChangeSchema = z
	.object({
		id: z.string().uuid().describe("Answer it at /bookings/:bookingId/changes/:id/{accept,decline,withdraw}"),
		kind: z
			.enum(["adjust", "reschedule"])
			.describe("adjust: the coach's, before confirming; reschedule: either side's, once confirmed"),
		by: z.enum(["player", "coach"]),
		startsAt: z.string().nullable().describe("The proposed time; null when only the place would change"),
		endsAt: z.string().nullable(),
		location: changeLocationSchema.nullable().describe("The proposed place; null when it stays"),
		message: z.string().nullable(),
		from: z.object({ startsAt: z.string(), endsAt: z.string(), location: changeLocationSchema }),
		createdAt: z.string(),
	})
	.nullable();
