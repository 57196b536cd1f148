import { z } from "zod";
import {
	acceptChange,
	declineChange,
	proposeAdjustment,
	requestReschedule,
	withdrawChange,
} from "~/modules/booking/booking-changes.server";
import { adjustmentSchema, rescheduleSchema } from "~/modules/booking/schema";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { bookingSchema } from "./bookings";

/**
 * Changing a booking by agreement: the coach's adjustment of a booking waiting for their answer,
 * either side's reschedule of a confirmed lesson, and the answers to them. The proposed time is held
 * like a booking until it is answered, so accepting never finds it taken.
 */
const tag = "bookings";
const answer = z.object({ booking: bookingSchema });
const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const changeId = bookingId.extend({ changeId: z.string().uuid("booking.changes.errors.notFound") });
const common = {
	401: { description: "Not signed in" },
	404: { description: "No such booking (or proposal), or not yours" },
};

export const proposeAdjustmentEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/adjustments",
	summary:
		"The coach proposes another time (one of their free times) and/or place for a paid booking waiting for their answer; the player accepts (it is confirmed) or declines",
	tag,
	auth: "bearer",
	params: bookingId,
	body: adjustmentSchema,
	responses: {
		201: { description: "Proposed; booking.pendingChange shows it", schema: answer },
		400: { description: "Nothing to change, the same time, a place of another coach, online for an in-person course" },
		...common,
		403: { description: "Only the booking's coach" },
		409: {
			description:
				"Not possible now (not waiting for the coach, a proposal already open), or slot_taken: another booking holds the time (error.alternatives)",
		},
		422: { description: "slot_unavailable: not one of the coach's free times" },
	},
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: { booking: await proposeAdjustment({ caller: await callerOf(req), bookingId: params.bookingId, request: body }) },
	}),
});

export const requestRescheduleEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/reschedule-requests",
	summary: "The player or the coach proposes another free time for a confirmed lesson before it starts; no fee",
	tag,
	auth: "bearer",
	params: bookingId,
	body: rescheduleSchema,
	responses: {
		201: { description: "Proposed; booking.pendingChange shows it", schema: answer },
		400: { description: "Invalid time or message, or the same time" },
		...common,
		403: { description: "Only the booking's player or coach" },
		409: {
			description:
				"Not possible now (not confirmed, started, a proposal already open), or slot_taken: another booking holds the time (error.alternatives)",
		},
		422: { description: "slot_unavailable: not one of the coach's free times" },
	},
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: { booking: await requestReschedule({ caller: await callerOf(req), bookingId: params.bookingId, request: body }) },
	}),
});

const answerEndpoint = (path: "accept" | "decline" | "withdraw", summary: string, forbidden: string, run: typeof acceptChange) =>
	defineEndpoint({
		method: "post",
		path: `/bookings/:bookingId/changes/:changeId/${path}`,
		summary,
		tag,
		auth: "bearer",
		params: changeId,
		responses: {
			200: { description: "Done", schema: answer },
			...common,
			403: { description: forbidden },
			409: { description: "The proposal is no longer open (answered, withdrawn, or lapsed)" },
		},
		handler: async ({ req, params }) => ({
			body: {
				booking: await run({ caller: await callerOf(req), bookingId: params.bookingId, changeId: params.changeId }),
			},
		}),
	});

export const acceptChangeEndpoint = answerEndpoint(
	"accept",
	"The other side accepts a proposal: the booking takes the new time and place (an adjusted booking is confirmed)",
	"Only the side that did not propose it",
	acceptChange,
);
export const declineChangeEndpoint = answerEndpoint(
	"decline",
	"The other side declines a proposal: nothing changes and the proposed time is freed",
	"Only the side that did not propose it",
	declineChange,
);
export const withdrawChangeEndpoint = answerEndpoint(
	"withdraw",
	"The proposer takes a proposal back: nothing changes and the proposed time is freed",
	"Only the side that proposed it",
	withdrawChange,
);
