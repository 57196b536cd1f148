import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { tellBookingParties } from "./booking-news.server";
import { type Caller, lockBookingFor, notNow, transition } from "./booking-record.server";
import { earlyStartMinutes } from "./coach-actions";
import { finishLocked } from "./completion/finish-lesson.server";
import { type BookingView, presentBooking } from "./present.server";

const minuteMs = 60_000;

const tooEarly = () => new AppError(409, "conflict", "booking.errors.tooEarly");

/**
 * The coach starts, finishes, or records that the player did not come; each tells the player.
 * Finishing does not complete the lesson: the player confirms it (or it completes by itself).
 */
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
		if (input.step === "finish") return presentBooking(await finishLocked(tx, booking, input.caller, now), tx);
		// A lesson the coach finished took place: the player disputes it if not, the coach cannot undo it.
		if (input.step === "no_show" && booking.finishedAt) throw notNow(booking.status);
		const updated = await transition(tx, booking, input.step, { actor: "coach", actorId: input.caller.userId });
		await tellBookingParties(tx, updated, input.step === "start" ? "started" : "no_show");
		return presentBooking(updated, tx);
	});
}
