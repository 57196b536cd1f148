import { settings } from "~/lib/config.server";
import { db, type Transaction } from "~/lib/db.server";
import { tellBookingParties } from "./booking-news.server";
import { type BookingRow, type Caller, lockBookingFor, type Party, transition } from "./booking-record.server";
import { type CancellationOutcome, type Canceller, cancellationOutcome } from "./cancellation";
import { type BookingView, presentBooking } from "./present.server";

const cancellerOf = (party: Party): Canceller => (party === "staff" ? "platform" : party);

/** What cancelling now would refund, from the terms copied onto the booking when it was made. */
export function quoteFor(booking: BookingRow, by: Canceller, now: Date): CancellationOutcome {
	return cancellationOutcome({
		terms: booking.cancellationTerms,
		paidFen: booking.paidFen,
		startsAt: booking.startsAt,
		cancelledAt: now,
		by,
		commissionBasisPoints: settings().PLATFORM_COMMISSION_BPS,
	});
}

/** The refund a cancellation by the caller would give right now: shown before they confirm. */
export async function quoteCancellation(input: { caller: Caller; bookingId: string; now?: Date }): Promise<CancellationOutcome> {
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		return quoteFor(booking, cancellerOf(party), input.now ?? new Date());
	});
}

/**
 * Cancels a booking by its player, its coach or the back office, with the refund the policy gives
 * at this moment (the same function the quote used), and tells the other side. The time is free
 * again at once: a cancelled booking no longer holds it.
 */
export async function cancelBooking(input: {
	caller: Caller;
	bookingId: string;
	reason?: string;
	now?: Date;
	/** More work in the cancellation's transaction (the back office's audit entry). */
	within?: (
		tx: Transaction,
		change: { booking: BookingRow; cancelled: BookingRow; outcome: CancellationOutcome },
	) => Promise<void>;
}): Promise<{ booking: BookingView; outcome: CancellationOutcome }> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		const by = cancellerOf(party);
		const outcome = quoteFor(booking, by, now);
		const cancelled = await transition(
			tx,
			booking,
			"cancel",
			{ actor: by, actorId: input.caller.userId },
			{ cancelledBy: by, cancelReason: input.reason ?? null, refundFen: outcome.refundFen },
			{ reason: input.reason ?? null, ...outcome },
		);
		await tellBookingParties(tx, cancelled, "cancelled", { reason: input.reason });
		await input.within?.(tx, { booking, cancelled, outcome });
		return { booking: await presentBooking(cancelled, tx), outcome };
	});
}
