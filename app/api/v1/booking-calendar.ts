import { z } from "zod";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { bookingCalendarFile } from "~/modules/booking/booking-calendar.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

/**
 * GET /api/v1/bookings/:bookingId/calendar.ics: the booking as a calendar file, for its player and
 * its coach (404 for anyone else, 401 signed out). The answer is iCalendar text, not JSON; errors
 * still answer in the API's JSON shape.
 */
export const getBookingCalendar = defineEndpoint({
	method: "get",
	path: "/bookings/:bookingId/calendar.ics",
	summary:
		"The booking as an iCalendar file (the lesson in UTC, the calendar in Asia/Shanghai, the other side's name and the place)",
	tag: "bookings",
	auth: "bearer",
	// Any id: one that is not a booking's is "no such booking" (404), as it always answered.
	params: z.object({ bookingId: z.string().max(100, "booking.errors.notFound") }),
	responses: {
		200: { description: "An iCalendar (RFC 5545) file with one event", contentType: "text/calendar" },
		404: { description: "No such booking, or not yours" },
	},
	handler: async ({ req, params, locale }) => {
		const session = await requireApiSession(authHeaders(req));
		const content = await bookingCalendarFile({
			caller: { userId: session.user.id, roles: session.roles },
			bookingId: params.bookingId,
			locale,
		});
		return {
			headers: { "Content-Disposition": 'attachment; filename="cuepal-lesson.ics"' },
			text: { contentType: "text/calendar; charset=utf-8", content },
		};
	},
});
