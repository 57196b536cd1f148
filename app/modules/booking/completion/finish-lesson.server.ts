import type { Transaction } from "~/lib/db.server";
import { tellBookingParties } from "../booking-news.server";
import { type BookingRow, type Caller, notNow, transition } from "../booking-record.server";
import { autoCompletesAt } from "./completion";
import { completionTerms } from "./completion-view.server";

/**
 * The coach says the lesson is over. It stays in_progress with finished_at set, so the player can
 * confirm it or report a problem; it completes by itself later. A second finish changes nothing.
 */
export async function finishLocked(tx: Transaction, booking: BookingRow, caller: Caller, now: Date): Promise<BookingRow> {
	if (booking.finishedAt) throw notNow(booking.status);
	const finished = await transition(tx, booking, "finish", { actor: "coach", actorId: caller.userId }, { finishedAt: now });
	const until = autoCompletesAt(finished, completionTerms()) ?? undefined;
	await tellBookingParties(tx, finished, "finished", { until });
	return finished;
}
