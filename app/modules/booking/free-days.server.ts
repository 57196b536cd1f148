import type { Transaction } from "~/lib/db.server";
import type { TimeRange } from "~/lib/free-times";
import { refreshFreeDays } from "~/modules/coaches/search/refresh-free-days.server";
import { bookedRanges } from "./list-free-times.server";

/**
 * After any change to which time a coach's bookings hold (created, cancelled, expired, rejected,
 * moved), in the change's transaction: hands the coach's lessons to the coaches module, which
 * rewrites the search summary of free days.
 *
 * `changed` lists the ranges the change took or freed (each lesson with its buffer after it, as
 * the booking holds it): then only the days around them are summarised again, from the lessons
 * around them. Without it, every future lesson is handed over and the whole window rewritten.
 */
export function refreshCoachFreeDays(
	tx: Transaction,
	coachId: string,
	now = new Date(),
	changed?: readonly TimeRange[],
): Promise<void> {
	return refreshFreeDays(coachId, tx, {
		now,
		changed,
		bookedLessons: (locked, period) => bookedRanges(coachId, period.from, period.to, locked),
	});
}

/** The range a booking row holds, for `refreshCoachFreeDays`. */
export const heldBy = (booking: { startsAt: Date; holdsUntil: Date }): TimeRange => ({
	startsAt: booking.startsAt,
	endsAt: booking.holdsUntil,
});
