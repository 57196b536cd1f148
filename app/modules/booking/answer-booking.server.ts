import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { tellBookingParties } from "./booking-news.server";
import { type Caller, lockBookingFor, transition } from "./booking-record.server";
import { scheduleReminders } from "./booking-reminders.server";
import { type BookingView, presentBooking } from "./present.server";

/** The coach accepts a paid booking: the lesson is on, and the player is told. */
export async function confirmBooking(input: { caller: Caller; bookingId: string; now?: Date }): Promise<BookingView> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "coach") throw forbidden("booking.errors.coachOnly");
		const confirmed = await transition(
			tx,
			booking,
			"confirm",
			{ actor: "coach", actorId: input.caller.userId },
			{ confirmedAt: now, answeredAt: now },
		);
		await tellBookingParties(tx, confirmed, "confirmed");
		await scheduleReminders(tx, confirmed);
		return presentBooking(confirmed, tx);
	});
}

/** The coach declines a paid booking with a reason: the player gets everything back. */
export async function rejectBooking(input: {
	caller: Caller;
	bookingId: string;
	reason: string;
	now?: Date;
}): Promise<BookingView> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "coach") throw forbidden("booking.errors.coachOnly");
		const rejected = await transition(
			tx,
			booking,
			"reject",
			{ actor: "coach", actorId: input.caller.userId },
			{ cancelledBy: "coach", cancelReason: input.reason, refundFen: booking.paidFen, answeredAt: now },
			{ reason: input.reason, refundFen: booking.paidFen },
		);
		await tellBookingParties(tx, rejected, "rejected", { reason: input.reason });
		return presentBooking(rejected, tx);
	});
}
