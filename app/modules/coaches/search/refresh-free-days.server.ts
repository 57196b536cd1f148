import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import type { CoachAvailability, TimeRange } from "~/lib/free-times";
import { coachBookedTimes, coaches, coachFreeDays } from "../../../../db/schema";
import { addDays, todayInShanghai } from "../availability/time";
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
	const coach = await summaryInputs(coachId, tx);
	const days =
		coach?.status === "approved"
			? freeDaysOf({ availability: coach.availability, booked, shortestLessonMinutes: coach.shortest, now })
			: [];
	const rows = days.map((day) => ({ ...day, firstFreeAt: day.firstFreeAt.toISOString() }));
	// One statement: the new days are written over the old ones, then the days no longer free go.
	await tx.execute(sql`
		with fresh as (
			insert into coach_free_days (coach_id, date, free_minutes, evening_free, first_free_at)
			select ${coachId}::uuid, d.date, d."freeMinutes", d."eveningFree", d."firstFreeAt"
			from json_to_recordset(${JSON.stringify(rows)}::json)
				as d(date date, "freeMinutes" smallint, "eveningFree" boolean, "firstFreeAt" timestamptz)
			on conflict (coach_id, date) do update set free_minutes = excluded.free_minutes,
				evening_free = excluded.evening_free, first_free_at = excluded.first_free_at
			returning date
		)
		delete from coach_free_days where coach_id = ${coachId}::uuid and date not in (select date from fresh)`);
}

/** What the summary needs of a coach, in one round trip (it runs inside every booking change). */
async function summaryInputs(
	coachId: string,
	tx: Transaction,
): Promise<{ status: string; shortest: number | null; availability: CoachAvailability } | null> {
	// Yesterday on: an evening's hours may run into today.
	const since = addDays(todayInShanghai(), -1);
	const result = await tx.execute<{
		status: string;
		accepting_bookings: boolean;
		buffer_minutes: number;
		min_notice_hours: number;
		max_advance_days: number;
		shortest: number | null;
		weekly: Array<{ weekday: number; startMinute: number; endMinute: number }>;
		exceptions: Array<{ date: string; kind: "day_off" | "extra_hours"; startMinute: number | null; endMinute: number | null }>;
	}>(sql`
		select c.status, c.accepting_bookings, c.buffer_minutes, c.min_notice_hours, c.max_advance_days,
			(select min(o.duration_minutes) from coach_offerings o where o.coach_id = c.id and o.active) as shortest,
			coalesce((select json_agg(json_build_object('weekday', h.weekday, 'startMinute', h.start_minute,
				'endMinute', h.end_minute)) from coach_weekly_hours h where h.coach_id = c.id), '[]') as weekly,
			coalesce((select json_agg(json_build_object('date', e.date, 'kind', e.kind, 'startMinute', e.start_minute,
				'endMinute', e.end_minute)) from coach_date_exceptions e where e.coach_id = c.id and e.date >= ${since}::date), '[]')
				as exceptions
		from coaches c where c.id = ${coachId}::uuid`);
	const row = result.rows[0];
	if (!row) return null;
	return {
		status: row.status,
		shortest: row.shortest === null ? null : Number(row.shortest),
		availability: {
			acceptingBookings: row.accepting_bookings,
			weeklyHours: row.weekly,
			exceptions: row.exceptions,
			bufferMinutes: row.buffer_minutes,
			minNoticeHours: row.min_notice_hours,
			maxAdvanceDays: row.max_advance_days,
		},
	};
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
