import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import type { TimeRange } from "~/lib/free-times";
import { coachBookedTimes, coaches, coachFreeDays } from "../../../../db/schema";
import { todayInShanghai } from "../availability/time";
import { getCoachBookingTerms } from "../booking-terms.server";
import { freeDaysOf } from "./free-days";

/** Lessons that ended long ago can no longer hold time; kept out of the stored list. */
const keptAfterMs = 24 * 3600_000;

/**
 * Rewrites one coach's free days (the search summary) in the caller's transaction. The booking
 * module owns bookings, so it passes `bookedLessons`, which is read after this coach's summary lock
 * is held: two booking changes of one coach then summarise one after the other, the second seeing
 * the first's booking. Without it (an availability or offering change, the daily roll) the lessons
 * booking last reported are used.
 */
export async function refreshFreeDays(
	coachId: string,
	tx: Transaction,
	options: { bookedLessons?: (tx: Transaction) => Promise<TimeRange[]>; now?: Date } = {},
): Promise<void> {
	const now = options.now ?? new Date();
	// Per coach, held to the end of the transaction: the lock is the last thing a booking change takes.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`coach_free_days:${coachId}`}, 0))`);
	let booked: TimeRange[];
	if (options.bookedLessons) {
		booked = (await options.bookedLessons(tx)).filter((lesson) => lesson.endsAt.getTime() > now.getTime() - keptAfterMs);
		const lessons = booked.map((lesson) => ({ startsAt: lesson.startsAt.toISOString(), endsAt: lesson.endsAt.toISOString() }));
		await tx
			.insert(coachBookedTimes)
			.values({ coachId, lessons, updatedAt: now })
			.onConflictDoUpdate({ target: coachBookedTimes.coachId, set: { lessons, updatedAt: now } });
	} else {
		const [stored] = await tx.select().from(coachBookedTimes).where(eq(coachBookedTimes.coachId, coachId)).limit(1);
		booked = (stored?.lessons ?? []).map((lesson) => ({ startsAt: new Date(lesson.startsAt), endsAt: new Date(lesson.endsAt) }));
	}
	const terms = await getCoachBookingTerms(coachId, tx);
	await tx.delete(coachFreeDays).where(eq(coachFreeDays.coachId, coachId));
	if (!terms?.bookable) return;
	const shortest = terms.offerings.reduce<number | null>(
		(least, offering) => (least === null || offering.durationMinutes < least ? offering.durationMinutes : least),
		null,
	);
	const days = freeDaysOf({ availability: terms.availability, booked, shortestLessonMinutes: shortest, now });
	if (days.length > 0) await tx.insert(coachFreeDays).values(days.map((day) => ({ coachId, ...day })));
}

/**
 * The daily roll (cron `coaches.refresh-free-days`): yesterday's rows go and a new 30th day comes,
 * for every approved coach, a coach per short transaction so bookings never wait long behind it.
 */
export async function refreshAllFreeDays(now = new Date()): Promise<{ coaches: number }> {
	await db()
		.delete(coachFreeDays)
		.where(lt(coachFreeDays.date, todayInShanghai(now)));
	let after = "00000000-0000-0000-0000-000000000000";
	let count = 0;
	for (;;) {
		const page = await db()
			.select({ id: coaches.id })
			.from(coaches)
			.where(and(eq(coaches.status, "approved"), gt(coaches.id, after)))
			.orderBy(asc(coaches.id))
			.limit(500);
		for (const { id } of page) await db().transaction((tx) => refreshFreeDays(id, tx, { now }));
		count += page.length;
		const last = page.at(-1);
		if (!last || page.length < 500) return { coaches: count };
		after = last.id;
	}
}
