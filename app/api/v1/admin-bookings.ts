import type { Request } from "express";
import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import type { Permission } from "~/modules/accounts/permissions";
import { cancelBookingAsStaff } from "~/modules/booking/admin/cancel-booking-as-staff.server";
import { listAllBookings } from "~/modules/booking/admin/list-all-bookings.server";
import { adminBookingFilterSchema, adminCancelSchema } from "~/modules/booking/admin/schema";
import type { Caller } from "~/modules/booking/booking-record.server";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";
import { bookingSchema, eventSchema, outcomeSchema } from "./bookings";

/** The back office's bookings over JSON: the same services and rules as /admin/bookings. */
const tag = "admin";

/** Staff act as staff here only: the permission is checked before anything is read. */
async function staffCaller(req: Request, permission: Permission): Promise<Caller> {
	const session = await requireApiPermission(authHeaders(req), permission);
	return { userId: session.user.id, roles: session.roles, asStaff: true };
}

const denied = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
	403: { description: "Signed in without the permission this needs" },
};
const bookingParams = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });

export const listAdminBookings = defineEndpoint({
	method: "get",
	path: "/admin/bookings",
	summary: "All bookings, filtered by status, coach, player and the lesson's day (Shanghai), newest lesson first",
	tag,
	auth: "bearer",
	query: adminBookingFilterSchema,
	responses: {
		200: {
			description: "20 bookings a page; pass `nextCursor` as `cursor` for the next page",
			schema: z.object({ bookings: z.array(bookingSchema), nextCursor: z.string().nullable() }),
		},
		...denied,
	},
	handler: async ({ query, req }) => {
		await staffCaller(req, "read:booking:any");
		return { body: await listAllBookings(query) };
	},
});

export const getAdminBooking = defineEndpoint({
	method: "get",
	path: "/admin/bookings/:bookingId",
	summary: "One booking with its whole timeline",
	tag,
	auth: "bearer",
	params: bookingParams,
	responses: {
		200: { description: "The booking", schema: z.object({ booking: bookingSchema.extend({ events: z.array(eventSchema) }) }) },
		...denied,
		404: { description: "No such booking" },
	},
	handler: async ({ params, req }) => {
		const { booking } = await getBooking({ caller: await staffCaller(req, "read:booking:any"), bookingId: params.bookingId });
		return { body: { booking } };
	},
});

export const cancelAdminBooking = defineEndpoint({
	method: "post",
	path: "/admin/bookings/:bookingId/cancel",
	summary:
		"Cancel a booking for the platform with a reason: the player is refunded in full, both sides are told, the audit log records it",
	tag,
	auth: "bearer",
	params: bookingParams,
	body: adminCancelSchema,
	responses: {
		200: { description: "Cancelled", schema: z.object({ booking: bookingSchema, outcome: outcomeSchema }) },
		...denied,
		404: { description: "No such booking" },
		409: { description: "Not possible in the booking's current state" },
	},
	handler: async ({ params, body, req }) => ({
		body: await cancelBookingAsStaff({
			caller: await staffCaller(req, "cancel:booking:any"),
			bookingId: params.bookingId,
			reason: body.reason,
		}),
	}),
});
