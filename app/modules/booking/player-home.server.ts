import type { Caller } from "./booking-record.server";
import type { BookingView } from "./present.server";
import { listBookings } from "./read-bookings.server";

export interface PlayerHomeBooking {
	id: string;
	status: BookingView["status"];
	coachName: string;
	startsAt: string;
	payBy: string | null;
}

/**
 * What a signed-in player's home shows first: the next lesson to go to, and the bookings waiting
 * for them (to pay) or for the coach (to answer), soonest first. Only what the home page renders.
 */
export async function playerHomeSummary(caller: Caller, now = new Date()) {
	const open = await listBookings({
		caller,
		role: "player",
		statuses: ["pending_payment", "pending_confirmation", "confirmed", "in_progress"],
		limit: 50,
	});
	const brief = (booking: BookingView): PlayerHomeBooking => ({
		id: booking.id,
		status: booking.status,
		coachName: booking.coach.displayName,
		startsAt: booking.startsAt,
		payBy: booking.payBy,
	});
	const soonestFirst = [...open].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
	const next = soonestFirst.find(
		(booking) => (booking.status === "confirmed" || booking.status === "in_progress") && new Date(booking.endsAt) > now,
	);
	const waiting = soonestFirst.filter(
		(booking) =>
			(booking.status === "pending_payment" || booking.status === "pending_confirmation") && new Date(booking.startsAt) > now,
	);
	return { next: next ? brief(next) : null, waiting: waiting.slice(0, 5).map(brief) };
}
