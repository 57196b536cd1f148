import type { NextFunction, Request, Response } from "express";
import { resolveLocale } from "~/lib/i18n";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { bookingCalendarFile } from "~/modules/booking/booking-calendar.server";
import { authHeaders } from "../client";

/**
 * GET /api/v1/bookings/:bookingId/calendar.ics: the booking as a calendar file, for its player and
 * its coach (404 for anyone else, 401 signed out). Not JSON, so it sits beside the registry of JSON
 * operations rather than in it; errors still answer in the API's JSON shape.
 */
export async function sendBookingCalendar(req: Request, res: Response, next: NextFunction): Promise<void> {
	try {
		const session = await requireApiSession(authHeaders(req));
		const text = await bookingCalendarFile({
			caller: { userId: session.user.id, roles: session.roles },
			bookingId: String(req.params.bookingId),
			locale: resolveLocale(req.headers.cookie, req.headers["accept-language"]),
		});
		res.setHeader("Cache-Control", "no-store");
		res.setHeader("Content-Disposition", 'attachment; filename="cuepal-lesson.ics"');
		res.type("text/calendar; charset=utf-8").send(text);
	} catch (error) {
		next(error);
	}
}
