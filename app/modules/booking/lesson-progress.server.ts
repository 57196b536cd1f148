import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { type Caller, lockBookingFor, transition } from "./booking-record.server";
import { type BookingView, presentBooking } from "./present.server";

const minuteMs = 60_000;
/** A lesson may be started a little early (the player arrived); it may not be started days before. */
const earlyStartMinutes = 30;

const tooEarly = () => new AppError(409, "conflict", "booking.errors.tooEarly");

/** The coach starts, finishes, or records that the player did not come; each tells the player. */
export async function progressLesson(input: {
	caller: Caller;
	bookingId: string;
	step: "start" | "finish" | "no_show";
	now?: Date;
}): Promise<BookingView> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "coach") throw forbidden("booking.errors.coachOnly");
		if (input.step === "start" && now.getTime() < booking.startsAt.getTime() - earlyStartMinutes * minuteMs) throw tooEarly();
		// A no-show can only be told once the lesson should have begun.
		if (input.step === "no_show" && now < booking.startsAt) throw tooEarly();
		const updated = await transition(tx, booking, input.step, { actor: "coach", actorId: input.caller.userId });
		const kind = { start: "lessonStarted", finish: "lessonFinished", no_show: "lessonNoShow" }[input.step];
		await notify({ userId: booking.playerId, kind, link: `/me/bookings/${booking.id}` }, tx);
		return presentBooking(updated, tx);
	});
}
