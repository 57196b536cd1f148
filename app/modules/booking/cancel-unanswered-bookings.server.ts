import { and, eq, lt, or } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { bookings } from "../../../db/schema";
import { tellBookingParties } from "./booking-news.server";
import { transition } from "./booking-record.server";

/**
 * The scheduled sweep for coaches who do not answer: a paid booking still waiting for the coach
 * after the answer deadline (or when its start has come) is cancelled with a full refund, and the
 * player is told. It counts against the coach like a cancellation of theirs.
 */
export async function cancelUnansweredBookings(now = new Date()): Promise<number> {
	const deadline = new Date(now.getTime() - settings().BOOKING_ANSWER_HOURS * 3600_000);
	return db().transaction(async (tx) => {
		const waiting = await tx
			.select()
			.from(bookings)
			.where(and(eq(bookings.status, "pending_confirmation"), or(lt(bookings.paidAt, deadline), lt(bookings.startsAt, now))))
			.limit(500)
			.for("update", { skipLocked: true });
		for (const booking of waiting) {
			const cancelled = await transition(
				tx,
				booking,
				"cancel",
				{ actor: "system", actorId: null },
				{ cancelledBy: "system", cancelReason: "unanswered", refundFen: booking.paidFen },
				{ reason: "unanswered", refundFen: booking.paidFen, countsAgainstCoach: true },
			);
			await tellBookingParties(tx, cancelled, "unanswered");
		}
		return waiting.length;
	});
}
