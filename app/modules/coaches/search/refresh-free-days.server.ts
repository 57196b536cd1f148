import { and, asc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { type CoachAvailability, shanghaiDate, shanghaiInstant, type TimeRange } from "~/lib/free-times";
import { coachBookedTimes, coaches, coachFreeDays } from "../../../../db/schema";
import { addDays, todayInShanghai } from "../availability/time";
import { type DateSpan, type FreeDay, freeDaysOf } from "./free-days";

/** Lessons that ended long ago can no longer hold time; kept out of the stored list. */
const keptAfterMs = 24 * 3600_000;
const dayMs = 24 * 3600_000;
/** How far ahead a full refresh asks for lessons: past any booking horizon. */
const lessonsAheadMs = 800 * dayMs;

/**
 * The coach's lessons (active bookings) that hold time in a period, as a JSON array expression
 * (`[{ startsAt, endsAt }]`): read here, after the lock, in the same statement as the coach's hours.
 */
export type BookedLessons = (period: { from: Date; to: Date }) => SQL;

type JsonLesson = { startsAt: string; endsAt: string };
const lessonsOf = (rows: JsonLesson[]): TimeRange[] =>
	rows.map((lesson) => ({ startsAt: new Date(lesson.startsAt), endsAt: new Date(lesson.endsAt) }));

/** Only the lessons, when the coach's hours are not needed. */
async function readLessons(tx: Transaction, lessons: SQL): Promise<TimeRange[]> {
	const result = await tx.execute<{ lessons: JsonLesson[] }>(sql`select ${lessons} as lessons`);
	return lessonsOf(result.rows[0]?.lessons ?? []);
}

type StoredLesson = { startsAt: string; endsAt: string };
const stored = (lesson: TimeRange): StoredLesson => ({
	startsAt: lesson.startsAt.toISOString(),
	endsAt: lesson.endsAt.toISOString(),
});

/**
 * Rewrites one coach's free days (the search summary) in the caller's transaction. The booking
 * module owns bookings, so it passes `bookedLessons`, which is read after this coach's summary lock
 * is held: two booking changes of one coach then summarise one after the other, the second seeing
 * the first's booking. Without it (an availability or offering change, the daily roll) the lessons
 * booking last reported are used.
 *
 * With `changed` (the ranges, buffer included, that a booking change took or freed) only the dates
 * those ranges can affect are recomputed, from the lessons around them, and only those lessons are
 * replaced in the stored list: a booking moves one or two days, not the whole window. Rows whose
 * figures did not change are not written at all.
 */
export async function refreshFreeDays(
	coachId: string,
	tx: Transaction,
	options: { bookedLessons?: BookedLessons; changed?: readonly TimeRange[]; now?: Date; locked?: boolean } = {},
): Promise<void> {
	const now = options.now ?? new Date();
	// Per coach, held to the end of the transaction: the lock is the last thing a booking change
	// takes, unless the caller took it already in an earlier statement of its own (`locked`).
	if (!options.locked) await tx.execute(sql`select ${freeDaysLock(coachId)}`);
	if (options.bookedLessons && options.changed?.length) {
		return refreshAround(coachId, tx, options.bookedLessons, affectedDates(options.changed), now);
	}
	let booked: TimeRange[];
	if (options.bookedLessons) {
		const period = { from: new Date(now.getTime() - keptAfterMs), to: new Date(now.getTime() + lessonsAheadMs) };
		booked = keptLessons(await readLessons(tx, options.bookedLessons(period)), now);
		const lessons = booked.map(stored);
		await tx
			.insert(coachBookedTimes)
			.values({ coachId, lessons, updatedAt: now })
			.onConflictDoUpdate({ target: coachBookedTimes.coachId, set: { lessons, updatedAt: now } });
	} else {
		const [row] = await tx.select().from(coachBookedTimes).where(eq(coachBookedTimes.coachId, coachId)).limit(1);
		booked = (row?.lessons ?? []).map((lesson) => ({ startsAt: new Date(lesson.startsAt), endsAt: new Date(lesson.endsAt) }));
	}
	const coach = await summaryInputs(coachId, tx);
	const days =
		coach?.status === "approved"
			? freeDaysOf({ availability: coach.availability, booked, shortestLessonMinutes: coach.shortest, now })
			: [];
	await tx.execute(writeFreeDays(coachId, days));
}

/**
 * The coach's summary lock as an expression, for a caller that takes it in a statement it sends
 * anyway (booking creation: with its event) and then passes `locked`. It must be a statement before
 * the one that reads the lessons: in READ COMMITTED a statement's snapshot is taken before a lock
 * inside it is granted, so a read in the locking statement could miss the previous holder's booking.
 */
export const freeDaysLock = (coachId: string): SQL =>
	sql`pg_advisory_xact_lock(hashtextextended(${`coach_free_days:${coachId}`}, 0))`;

/** Lessons still able to hold time. */
const keptLessons = (lessons: TimeRange[], now: Date) =>
	lessons.filter((lesson) => lesson.endsAt.getTime() > now.getTime() - keptAfterMs);

/**
 * The Shanghai dates whose free days a change of these held ranges can alter: a start on the day
 * before may run into the range (a lesson is far shorter than a day), and the range's own dates.
 */
export function affectedDates(ranges: readonly TimeRange[]): DateSpan {
	const starts = Math.min(...ranges.map((range) => range.startsAt.getTime()));
	const ends = Math.max(...ranges.map((range) => range.endsAt.getTime()));
	return { from: addDays(shanghaiDate(new Date(starts)), -1), to: shanghaiDate(new Date(ends)) };
}

/**
 * A booking change: the days of `span` are summarised again from the lessons around them (a day
 * either side, for lessons and buffers that cross midnight), and in the stored list only those
 * lessons are replaced; lessons elsewhere did not change. A coach without a stored list has never
 * had a booking change, so has no other lessons. One write for both.
 */
async function refreshAround(coachId: string, tx: Transaction, bookedLessons: BookedLessons, span: DateSpan, now: Date) {
	const from = new Date(shanghaiInstant(span.from, 0).getTime() - dayMs);
	const to = new Date(shanghaiInstant(span.to, 24 * 60).getTime() + dayMs);
	const keptAfter = new Date(now.getTime() - keptAfterMs);
	const today = todayInShanghai(now);
	const dates = { from: span.from.localeCompare(today) < 0 ? today : span.from, to: span.to };
	const lessonsSql = bookedLessons({ from, to });
	// The lessons come with the coach's hours, in one round trip, unless only past days changed.
	const coach = dates.from <= dates.to ? await summaryInputs(coachId, tx, lessonsSql) : null;
	const read = coach ? coach.lessons : await readLessons(tx, lessonsSql);
	// The same test as the removal from the stored list below, so a lesson is never both kept and added.
	const around = keptLessons(read, now).filter((lesson) => lesson.startsAt < to && lesson.endsAt > from);
	const days =
		coach?.status === "approved"
			? freeDaysOf({ availability: coach.availability, booked: around, shortestLessonMinutes: coach.shortest, now, dates })
			: [];
	const lessons = JSON.stringify(around.map(stored));
	const storedLessons = sql`
		insert into coach_booked_times (coach_id, lessons, updated_at)
		values (${coachId}::uuid, ${lessons}::jsonb, ${now.toISOString()}::timestamptz)
		on conflict (coach_id) do update set updated_at = excluded.updated_at, lessons = coalesce((
			select jsonb_agg(l) from jsonb_array_elements(coach_booked_times.lessons) l
			where (l->>'endsAt')::timestamptz > ${keptAfter.toISOString()}::timestamptz
				and not ((l->>'startsAt')::timestamptz < ${to.toISOString()}::timestamptz
					and (l->>'endsAt')::timestamptz > ${from.toISOString()}::timestamptz)
		), '[]'::jsonb) || excluded.lessons`;
	// Days in the past, or a coach no longer approved (whose summary a full refresh emptied): the
	// stored lessons are all there is to write.
	if (!coach) return void (await tx.execute(storedLessons));
	await tx.execute(writeFreeDays(coachId, days, { dates, first: storedLessons }));
}

/**
 * Writes the days over the old ones (only where a figure changed), then removes the days no longer
 * free: of the whole summary, or of `dates` only; after `first`, a write of the same round trip.
 */
function writeFreeDays(coachId: string, days: FreeDay[], options: { dates?: DateSpan; first?: SQL } = {}): SQL {
	const rows = days.map((day) => ({ ...day, firstFreeAt: day.firstFreeAt.toISOString() }));
	const { dates, first } = options;
	const within = dates ? sql`and date between ${dates.from}::date and ${dates.to}::date` : sql``;
	return sql`
		with ${first ? sql`first_write as (${first}),` : sql``} fresh as (
			select d.date, d."freeMinutes", d."eveningFree", d."firstFreeAt"
			from json_to_recordset(${JSON.stringify(rows)}::json)
				as d(date date, "freeMinutes" smallint, "eveningFree" boolean, "firstFreeAt" timestamptz)
		), written as (
			insert into coach_free_days (coach_id, date, free_minutes, evening_free, first_free_at)
			select ${coachId}::uuid, date, "freeMinutes", "eveningFree", "firstFreeAt" from fresh
			on conflict (coach_id, date) do update set free_minutes = excluded.free_minutes,
				evening_free = excluded.evening_free, first_free_at = excluded.first_free_at
			where (coach_free_days.free_minutes, coach_free_days.evening_free, coach_free_days.first_free_at)
				is distinct from (excluded.free_minutes, excluded.evening_free, excluded.first_free_at)
		)
		delete from coach_free_days where coach_id = ${coachId}::uuid ${within}
			and date not in (select date from fresh)`;
}

/** What the summary needs of a coach, in one round trip (it runs inside every booking change). */
async function summaryInputs(
	coachId: string,
	tx: Transaction,
	lessons?: SQL,
): Promise<{ status: string; shortest: number | null; availability: CoachAvailability; lessons: TimeRange[] } | null> {
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
		lessons: JsonLesson[];
	}>(sql`
		select c.status, c.accepting_bookings, c.buffer_minutes, c.min_notice_hours, c.max_advance_days,
			(select min(o.duration_minutes) from coach_offerings o where o.coach_id = c.id and o.active) as shortest,
			coalesce((select json_agg(json_build_object('weekday', h.weekday, 'startMinute', h.start_minute,
				'endMinute', h.end_minute)) from coach_weekly_hours h where h.coach_id = c.id), '[]') as weekly,
			coalesce((select json_agg(json_build_object('date', e.date, 'kind', e.kind, 'startMinute', e.start_minute,
				'endMinute', e.end_minute)) from coach_date_exceptions e where e.coach_id = c.id and e.date >= ${since}::date), '[]')
				as exceptions,
			${lessons ?? sql`'[]'::json`} as lessons
		from coaches c where c.id = ${coachId}::uuid`);
	const row = result.rows[0];
	if (!row) return null;
	return {
		status: row.status,
		shortest: row.shortest === null ? null : Number(row.shortest),
		lessons: lessonsOf(row.lessons),
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
