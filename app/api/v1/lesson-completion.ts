import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { resolveDispute } from "~/modules/booking/admin/resolve-dispute.server";
import { confirmCompletion } from "~/modules/booking/completion/confirm-completion.server";
import { openDispute } from "~/modules/booking/completion/open-dispute.server";
import { disputeSchema, resolveDisputeSchema } from "~/modules/booking/completion/schema";
import { authHeaders, callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { bookingSchema } from "./bookings";

/**
 * After the lesson: the player confirms it took place (or it completes by itself a day after the
 * coach finished), either side reports a problem, and the back office decides it.
 */
const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const answer = z.object({ booking: bookingSchema });

export const confirmCompletionEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/confirm-completion",
	summary: "The player confirms the lesson took place: it completes now (after the coach finished it, or after its end)",
	tag: "bookings",
	auth: "bearer",
	params: bookingId,
	responses: {
		200: { description: "Completed", schema: answer },
		403: { description: "Only the booking's player" },
		404: { description: "No such booking, or not yours" },
		409: { description: "Not under way, or not finished yet" },
	},
	handler: async ({ req, params }) => ({
		body: { booking: await confirmCompletion({ caller: await callerOf(req), bookingId: params.bookingId }) },
	}),
});

export const openDisputeEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/disputes",
	summary:
		"The player or the coach reports a problem (after the start, or within the dispute window after completion): the booking is disputed until the back office decides",
	tag: "bookings",
	auth: "bearer",
	params: bookingId,
	body: disputeSchema,
	responses: {
		201: { description: "Disputed; the other side and the back office are told", schema: answer },
		404: { description: "No such booking, or not yours" },
		409: { description: "Not possible now: before the start, after the window, or already disputed once" },
	},
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: { booking: await openDispute({ caller: await callerOf(req), bookingId: params.bookingId, dispute: body }) },
	}),
});

export const resolveAdminDispute = defineEndpoint({
	method: "post",
	path: "/admin/bookings/:bookingId/dispute-resolution",
	summary:
		"The back office decides a dispute with a note: for the coach (completed) or for the player (cancelled by the platform, refunding refundFen, default everything paid); audited",
	tag: "admin",
	auth: "bearer",
	params: bookingId,
	body: resolveDisputeSchema,
	responses: {
		200: { description: "Decided; both sides are told", schema: answer },
		403: { description: "Signed in without the permission this needs, or a side of the booking" },
		404: { description: "No such booking" },
		409: { description: "No open dispute" },
	},
	handler: async ({ req, params, body }) => {
		const session = await requireApiPermission(authHeaders(req), "cancel:booking:any");
		const caller = { userId: session.user.id, roles: session.roles, asStaff: true };
		return { body: { booking: await resolveDispute({ caller, bookingId: params.bookingId, decision: body }) } };
	},
});
