import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { tellBookingParties } from "./booking-news.server";
import { type Caller, lockBookingFor, transition } from "./booking-record.server";
import { earlyStartMinutes } from "./coach-actions";
import { type BookingView, presentBooking } from "./present.server";

const minuteMs = 60_000;

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
		await tellBookingParties(tx, updated, ({ start: "started", finish: "completed", no_show: "no_show" } as const)[input.step]);
		return presentBooking(updated, tx);
	});
}
