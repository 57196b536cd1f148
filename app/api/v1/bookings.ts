import { z } from "zod";
import { confirmBooking, rejectBooking } from "~/modules/booking/answer-booking.server";
import { cancelBooking, quoteCancellation } from "~/modules/booking/cancel-booking.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { progressLesson } from "~/modules/booking/lesson-progress.server";
import { bookingStatuses } from "~/modules/booking/lifecycle";
import { listFreeTimes } from "~/modules/booking/list-free-times.server";
import { getBooking, listBookings } from "~/modules/booking/read-bookings.server";
import { cancelSchema, createBookingSchema, freeTimesQuerySchema, reasonSchema } from "~/modules/booking/schema";
import { courseTypes } from "~/modules/coaches/catalog";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { pendingChangeSchema } from "./change-schemas";
import { completionSchema } from "./completion-schemas";

/**
 * Free times and bookings. Only a booking's player and its coach see or act on it; anyone else
 * gets 404, as if it did not exist. Times are ISO 8601 instants with an offset; the coach's hours
 * are in Asia/Shanghai.
 */
const tag = "bookings";

const slotSchema = z.object({ startsAt: z.string(), endsAt: z.string() });
export const bookingSchema = z.object({
	id: z.string().uuid(),
	status: z.enum(bookingStatuses),
	coach: z.object({ id: z.string().uuid(), displayName: z.string() }),
	player: z.object({ id: z.string().uuid(), displayName: z.string() }),
	courseType: z.enum(courseTypes),
	durationMinutes: z.number().int(),
	startsAt: z.string(),
	endsAt: z.string(),
	priceFen: z.number().int(),
	depositFen: z.number().int().describe("Paid at booking: the deposit, or the whole price"),
	paidFen: z.number().int(),
	paymentPlan: z.enum(["deposit", "full"]),
	payBy: z.string().nullable().describe("Unpaid bookings expire then and free their time"),
	location: z.object({
		kind: z.enum(["venue", "address", "online"]),
		placeName: z.string().nullable(),
		address: z.string().nullable(),
	}),
	note: z.string().nullable(),
	cancellationPolicy: z.enum(["flexible", "moderate", "strict"]),
	cancelledBy: z.enum(["player", "coach", "platform", "system"]).nullable(),
	cancelReason: z.string().nullable(),
	refundFen: z.number().int().nullable(),
	createdAt: z.string(),
	completion: completionSchema,
	pendingChange: pendingChangeSchema.describe("The open proposal to change the booking, waiting for an answer"),
});
export const eventSchema = z.object({
	kind: z.string(),
	actor: z.enum(["player", "coach", "platform", "system"]),
	fromStatus: z.enum(bookingStatuses).nullable(),
	toStatus: z.enum(bookingStatuses).nullable(),
	detail: z.record(z.string(), z.unknown()),
	at: z.string(),
});
export const outcomeSchema = z.object({
	tier: z.enum(["full", "partial", "none"]),
	refundFen: z.number().int(),
	coachCompensationFen: z.number().int(),
	platformFeeFen: z.number().int(),
	countsAgainstCoach: z.boolean(),
});

const signedIn = { 401: { description: "Not signed in" } };
const unknown = { 404: { description: "No such booking, or not yours" } };
const notNow = { 409: { description: "Not possible in the booking's current state" } };
const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });

export const listCoachFreeTimes = defineEndpoint({
	method: "get",
	path: "/coaches/:coachId/slots",
	summary: "A coach's free start times for one offering (default: the next 14 days, within the booking horizon)",
	tag,
	params: z.object({ coachId: z.string().uuid("errors.notFound") }),
	query: freeTimesQuerySchema,
	responses: {
		200: {
			description: "Free times, earliest first; none while the coach has paused bookings",
			schema: z.object({ slots: z.array(slotSchema), accepting: z.boolean(), timeZone: z.literal("Asia/Shanghai") }),
		},
		400: { description: "Unknown offering or invalid period" },
		404: { description: "No such approved coach" },
	},
	handler: async ({ params, query }) => {
		const result = await listFreeTimes({
			coachId: params.coachId,
			offeringId: query.offeringId,
			from: query.from ? new Date(query.from) : undefined,
			to: query.to ? new Date(query.to) : undefined,
		});
		const slots = result.slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() }));
		return { body: { ...result, slots } };
	},
});

export const createBookingEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings",
	summary:
		"Book a lesson: it waits for payment until payBy. Send an Idempotency-Key header to make retries safe: the same key returns the first booking",
	tag,
	auth: "bearer",
	body: createBookingSchema,
	responses: {
		201: { description: "Booked, waiting for payment", schema: z.object({ booking: bookingSchema }) },
		200: {
			description: "The booking an earlier request with the same Idempotency-Key made",
			schema: z.object({ booking: bookingSchema }),
		},
		400: {
			description: "Invalid input (an offering or place of another coach, online for an in-person course, booking oneself)",
		},
		...signedIn,
		404: { description: "No such approved coach" },
		409: { description: "slot_taken: another booking holds the time; error.alternatives lists the nearest free times" },
		422: { description: "slot_unavailable: not one of the coach's free times (past, off the grid, outside hours, paused)" },
	},
	handler: async ({ req, body }) => {
		const key = req.header("idempotency-key")?.slice(0, 100) || undefined;
		const result = await createBooking({ caller: await callerOf(req), request: body, idempotencyKey: key });
		return { status: result.created ? 201 : 200, body: { booking: result.booking } };
	},
});

export const listMyBookings = defineEndpoint({
	method: "get",
	path: "/bookings",
	summary: "My bookings as a player (role=player, the default) or my orders as a coach (role=coach)",
	tag,
	auth: "bearer",
	query: z.object({
		role: z.enum(["player", "coach"], { error: "errors.field.invalidOption" }).default("player"),
		status: z.enum(bookingStatuses, { error: "errors.field.invalidOption" }).optional(),
	}),
	responses: {
		200: { description: "Newest lesson first", schema: z.object({ items: z.array(bookingSchema) }) },
		400: { description: "Invalid role or status" },
		...signedIn,
	},
	handler: async ({ req, query }) => {
		const items = await listBookings({
			caller: await callerOf(req),
			role: query.role,
			statuses: query.status ? [query.status] : undefined,
		});
		return { body: { items } };
	},
});

export const getBookingEndpoint = defineEndpoint({
	method: "get",
	path: "/bookings/:bookingId",
	summary: "One booking with its timeline (every transition: who, what, when)",
	tag,
	auth: "bearer",
	params: bookingId,
	responses: {
		200: { description: "The booking", schema: z.object({ booking: bookingSchema.extend({ events: z.array(eventSchema) }) }) },
		...signedIn,
		...unknown,
	},
	handler: async ({ req, params }) => {
		const { booking } = await getBooking({ caller: await callerOf(req), bookingId: params.bookingId });
		return { body: { booking } };
	},
});

export const quoteBookingCancellation = defineEndpoint({
	method: "get",
	path: "/bookings/:bookingId/cancellation",
	summary: "What cancelling now would refund (to show before the caller confirms)",
	tag,
	auth: "bearer",
	params: bookingId,
	responses: { 200: { description: "The refund and fees", schema: outcomeSchema }, ...signedIn, ...unknown },
	handler: async ({ req, params }) => ({
		body: await quoteCancellation({ caller: await callerOf(req), bookingId: params.bookingId }),
	}),
});

export const cancelBookingEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/cancel",
	summary: "Cancel, by the player or the coach, with the refund the policy gives now (a coach's cancellation refunds in full)",
	tag,
	auth: "bearer",
	params: bookingId,
	body: cancelSchema,
	responses: {
		200: { description: "Cancelled", schema: z.object({ booking: bookingSchema, outcome: outcomeSchema }) },
		400: { description: "Invalid reason" },
		...signedIn,
		...unknown,
		...notNow,
	},
	handler: async ({ req, params, body }) => ({
		body: await cancelBooking({ caller: await callerOf(req), bookingId: params.bookingId, reason: body.reason }),
	}),
});

export const confirmBookingEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/confirm",
	summary: "The coach accepts a paid booking",
	tag,
	auth: "bearer",
	params: bookingId,
	responses: {
		200: { description: "Confirmed", schema: z.object({ booking: bookingSchema }) },
		...signedIn,
		403: { description: "Only the booking's coach" },
		...unknown,
		...notNow,
	},
	handler: async ({ req, params }) => ({
		body: { booking: await confirmBooking({ caller: await callerOf(req), bookingId: params.bookingId }) },
	}),
});

export const rejectBookingEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/reject",
	summary: "The coach declines a paid booking, with a reason; the player is refunded in full",
	tag,
	auth: "bearer",
	params: bookingId,
	body: reasonSchema,
	responses: {
		200: { description: "Rejected", schema: z.object({ booking: bookingSchema }) },
		400: { description: "A reason is required" },
		...signedIn,
		403: { description: "Only the booking's coach" },
		...unknown,
		...notNow,
	},
	handler: async ({ req, params, body }) => ({
		body: { booking: await rejectBooking({ caller: await callerOf(req), bookingId: params.bookingId, reason: body.reason }) },
	}),
});

const lessonStep = (step: "start" | "finish" | "no_show", path: string, summary: string) =>
	defineEndpoint({
		method: "post",
		path: `/bookings/:bookingId/${path}`,
		summary,
		tag,
		auth: "bearer",
		params: bookingId,
		responses: {
			200: { description: "Done", schema: z.object({ booking: bookingSchema }) },
			...signedIn,
			403: { description: "Only the booking's coach" },
			...unknown,
			409: { description: "Not possible now (the state, or too early)" },
		},
		handler: async ({ req, params }) => ({
			body: { booking: await progressLesson({ caller: await callerOf(req), bookingId: params.bookingId, step }) },
		}),
	});

export const startLesson = lessonStep("start", "start", "The coach starts the lesson (from 30 minutes before its start)");
export const finishLesson = lessonStep(
	"finish",
	"complete",
	"The coach finishes the lesson: it stays in_progress with completion.finishedAt set until the player confirms (or it completes by itself)",
);
export const markNoShow = lessonStep("no_show", "no-show", "The coach records that the player did not come (after the start)");
