import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { type Caller, lockBookingFor, transition } from "./booking-record.server";
import { type BookingView, presentBooking } from "./present.server";

/** The coach accepts a paid booking: the lesson is on, and the player is told. */
export async function confirmBooking(input: { caller: Caller; bookingId: string }): Promise<BookingView> {
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "coach") throw forbidden("booking.errors.coachOnly");
		const confirmed = await transition(
			tx,
			booking,
			"confirm",
			{ actor: "coach", actorId: input.caller.userId },
			{ confirmedAt: new Date() },
		);
		await notify({ userId: booking.playerId, kind: "bookingConfirmed", link: `/me/bookings/${booking.id}` }, tx);
		return presentBooking(confirmed, tx);
	});
}

/** The coach declines a paid booking with a reason: the player gets everything back. */
export async function rejectBooking(input: { caller: Caller; bookingId: string; reason: string }): Promise<BookingView> {
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "coach") throw forbidden("booking.errors.coachOnly");
		const rejected = await transition(
			tx,
			booking,
			"reject",
			{ actor: "coach", actorId: input.caller.userId },
			{ cancelledBy: "coach", cancelReason: input.reason, refundFen: booking.paidFen },
			{ reason: input.reason, refundFen: booking.paidFen },
		);
		await notify(
			{ userId: booking.playerId, kind: "bookingRejected", params: { reason: input.reason }, link: `/me/bookings/${booking.id}` },
			tx,
		);
		return presentBooking(rejected, tx);
	});
}
