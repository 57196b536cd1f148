import ical, { ICalEventStatus } from "ical-generator";
import { type Locale, translate } from "~/lib/i18n";
import type { Caller, Party } from "./booking-record.server";
import type { BookingView } from "./present.server";
import { getBooking } from "./read-bookings.server";

/**
 * A booking as an iCalendar file, for its player or its coach only (anyone else gets 404 from
 * getBooking). Times are UTC instants (…Z), so every calendar shows the right moment; the calendar
 * says it is kept in Asia/Shanghai for clients that display that zone. It holds nothing the person
 * does not already see on the booking: the other side's name, the place, the course, never a phone.
 */
export async function bookingCalendarFile(input: { caller: Caller; bookingId: string; locale: Locale }): Promise<string> {
	const { booking, party } = await getBooking({ caller: input.caller, bookingId: input.bookingId });
	return calendarOf([{ booking, party }], input.locale);
}

export function calendarOf(entries: Array<{ booking: BookingView; party: Party }>, locale: Locale): string {
	const calendar = ical({
		name: translate(locale, "booking.calendar.name"),
		prodId: { company: "CuePal", product: "bookings", language: locale === "zh-CN" ? "ZH" : "EN" },
	});
	calendar.x([{ key: "X-WR-TIMEZONE", value: "Asia/Shanghai" }]);
	for (const { booking, party } of entries) {
		const other = party === "coach" ? booking.player.displayName : booking.coach.displayName;
		const place =
			booking.location.kind === "online"
				? translate(locale, "booking.calendar.online")
				: (booking.location.placeName ?? booking.location.address ?? "");
		calendar.createEvent({
			id: `${booking.id}@cuepal`,
			start: new Date(booking.startsAt),
			end: new Date(booking.endsAt),
			stamp: new Date(booking.createdAt),
			summary: translate(locale, party === "coach" ? "booking.calendar.coachSummary" : "booking.calendar.playerSummary", {
				name: other,
			}),
			location: place,
			status:
				booking.status === "cancelled" || booking.status === "rejected" || booking.status === "expired"
					? ICalEventStatus.CANCELLED
					: booking.status === "confirmed" || booking.status === "in_progress"
						? ICalEventStatus.CONFIRMED
						: ICalEventStatus.TENTATIVE,
		});
	}
	return calendar.toString();
}
