import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { type Caller, lockBookingFor, notNow } from "../booking-record.server";
import { type BookingView, presentBooking } from "../present.server";
import { completeLocked } from "./complete-lesson.server";
import { playerMayConfirm } from "./completion";

/**
 * The player confirms that the lesson took place: it completes now instead of waiting for the
 * automatic completion. Only the player may; only once the coach finished it or its time is over.
 */
export async function confirmCompletion(input: { caller: Caller; bookingId: string; now?: Date }): Promise<BookingView> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "player") throw forbidden("booking.completion.errors.playerOnly");
		if (booking.status !== "in_progress") throw notNow(booking.status);
		if (!playerMayConfirm(booking, now)) throw new AppError(409, "conflict", "booking.completion.errors.notFinished");
		const completed = await completeLocked(tx, booking, "confirmed", { actor: "player", actorId: input.caller.userId }, now);
		return presentBooking(completed, tx);
	});
}
