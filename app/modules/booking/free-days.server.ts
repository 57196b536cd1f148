import type { Transaction } from "~/lib/db.server";
import { refreshFreeDays } from "~/modules/coaches/search/refresh-free-days.server";
import { bookedRanges } from "./list-free-times.server";

const dayMs = 24 * 3600_000;

/**
 * After any change to which time a coach's bookings hold (created, cancelled, expired, rejected,
 * moved), in the change's transaction: hands the coach's lessons from now on to the coaches
 * module, which rewrites the search summary of free days. Every future lesson, not just the next
 * 30 days, so the daily roll can extend the window without asking booking again.
 */
export function refreshCoachFreeDays(tx: Transaction, coachId: string, now = new Date()): Promise<void> {
	return refreshFreeDays(coachId, tx, {
		now,
		bookedLessons: (locked) =>
			bookedRanges(coachId, new Date(now.getTime() - dayMs), new Date(now.getTime() + 800 * dayMs), locked),
	});
}
