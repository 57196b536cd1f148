import type { Transaction } from "~/lib/db.server";
import { recordEvent } from "~/lib/events.server";
import { tellBookingParties } from "../booking-news.server";
import { type Actor, type BookingRow, transition } from "../booking-record.server";

/**
 * Completes a locked lesson under way: the status, the completion time, the timeline row, the
 * domain event payments and income settle on, and the news, all in the caller's transaction.
 */
export async function completeLocked(
	tx: Transaction,
	booking: BookingRow,
	how: "confirmed" | "automatic",
	by: { actor: Actor; actorId: string | null },
	now: Date,
): Promise<BookingRow> {
	const completed = await transition(tx, booking, "complete", by, { completedAt: now }, { how });
	await recordEvent(tx, "booking.completed", { bookingId: booking.id });
	// The player who confirmed knows already.
	await tellBookingParties(tx, completed, "completed", how === "confirmed" ? { skipUserId: booking.playerId } : {});
	return completed;
}
