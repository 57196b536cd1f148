/**
 * Free times: pure functions that turn a coach's availability and existing bookings into the start
 * times a player may book. No database, no clock: the caller passes `now`, so every rule is tested
 * at its boundaries.
 *
 * Time: the coach's hours are wall-clock minutes in Asia/Shanghai, which has kept UTC+8 all year
 * since 1991 (no daylight saving), so a local day is exactly 24 hours and the conversion is a fixed
 * offset. Instants are Dates; a viewer in another zone formats them in both zones.
 */
export const shanghaiOffsetMinutes = 8 * 60;
const minuteMs = 60_000;
const dayMinutes = 24 * 60;

export interface WeeklyHours {
	/** 1 = Monday … 7 = Sunday. */
	weekday: number;
	startMinute: number;
	endMinute: number;
}

export interface DateException {
	/** "YYYY-MM-DD" in Asia/Shanghai. */
	date: string;
	/** A day off without times is the whole day; with times, just that range. Extra hours add a range. */
	kind: "day_off" | "extra_hours";
	startMinute?: number | null;
	endMinute?: number | null;
}

export interface TimeRange {
	startsAt: Date;
	endsAt: Date;
}

export interface CoachAvailability {
	acceptingBookings: boolean;
	weeklyHours: readonly WeeklyHours[];
	exceptions: readonly DateException[];
	/** Kept free after every lesson (travel, rest); part of the range a booking holds. */
	bufferMinutes: number;
	/** How long before its start a lesson may still be booked. */
	minNoticeHours: number;
	/** How far ahead a lesson may start. */
	maxAdvanceDays: number;
}

export interface FreeTimesQuery {
	availability: CoachAvailability;
	durationMinutes: number;
	/** Lessons already holding time (active bookings), as booked, without their buffer. */
	booked: readonly TimeRange[];
	now: Date;
	/** The period asked about; start times outside it are left out. */
	from: Date;
	to: Date;
}

/** Start times fall on a grid from local midnight: every 30 minutes, or every lesson length if shorter. */
export const gridMinutes = (durationMinutes: number) => Math.min(30, durationMinutes);

/** The range a booking holds: the lesson and the buffer after it (what the exclusion constraint compares). */
export function heldRange(lesson: TimeRange, bufferMinutes: number): TimeRange {
	return { startsAt: lesson.startsAt, endsAt: new Date(lesson.endsAt.getTime() + bufferMinutes * minuteMs) };
}

/** "YYYY-MM-DD" of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
	return new Date(instant.getTime() + shanghaiOffsetMinutes * minuteMs).toISOString().slice(0, 10);
}

/** The instant of a wall-clock minute of a Shanghai date (minute may be 1440: the next midnight). */
export function shanghaiInstant(date: string, minute: number): Date {
	return new Date(Date.parse(`${date}T00:00:00Z`) + (minute - shanghaiOffsetMinutes) * minuteMs);
}

function nextDate(date: string): string {
	const day = new Date(`${date}T00:00:00Z`);
	day.setUTCDate(day.getUTCDate() + 1);
	return day.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
function weekdayOf(date: string): number {
	const sundayZero = new Date(`${date}T00:00:00Z`).getUTCDay();
	return sundayZero === 0 ? 7 : sundayZero;
}

type MinuteRange = { start: number; end: number };

function subtract(ranges: MinuteRange[], cut: MinuteRange): MinuteRange[] {
	return ranges.flatMap((range) => {
		if (cut.end <= range.start || cut.start >= range.end) return [range];
		const kept: MinuteRange[] = [];
		if (cut.start > range.start) kept.push({ start: range.start, end: cut.start });
		if (cut.end < range.end) kept.push({ start: cut.end, end: range.end });
		return kept;
	});
}

/** A date's open hours: the weekly hours of its weekday, less its days off, plus its extra hours. */
export function openHoursOn(date: string, availability: Pick<CoachAvailability, "weeklyHours" | "exceptions">): MinuteRange[] {
	const weekday = weekdayOf(date);
	let open: MinuteRange[] = availability.weeklyHours
		.filter((hours) => hours.weekday === weekday)
		.map((hours) => ({ start: hours.startMinute, end: hours.endMinute }));
	const exceptions = availability.exceptions.filter((exception) => exception.date === date);
	for (const exception of exceptions) {
		if (exception.kind !== "day_off") continue;
		const whole = exception.startMinute == null || exception.endMinute == null;
		open = whole ? [] : subtract(open, { start: exception.startMinute as number, end: exception.endMinute as number });
	}
	for (const exception of exceptions) {
		if (exception.kind === "extra_hours" && exception.startMinute != null && exception.endMinute != null) {
			open.push({ start: exception.startMinute, end: exception.endMinute });
		}
	}
	return mergeMinuteRanges(open);
}

function mergeMinuteRanges(ranges: MinuteRange[]): MinuteRange[] {
	const sorted = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
	const merged: MinuteRange[] = [];
	for (const range of sorted) {
		const last = merged.at(-1);
		if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
		else merged.push({ ...range });
	}
	return merged;
}

/**
 * Open hours as instants over a period, with ranges that touch across midnight joined, so a
 * lesson may run from 23:00 into the next day when the coach is open on both sides of midnight.
 */
export function openRanges(availability: CoachAvailability, from: Date, to: Date): TimeRange[] {
	const ranges: TimeRange[] = [];
	// Start a day early: the previous evening's hours may run into the period.
	let date = shanghaiDate(new Date(from.getTime() - dayMinutes * minuteMs));
	const lastDate = shanghaiDate(to);
	for (;;) {
		for (const range of openHoursOn(date, availability)) {
			const startsAt = shanghaiInstant(date, range.start);
			const endsAt = shanghaiInstant(date, range.end);
			const last = ranges.at(-1);
			if (last && startsAt.getTime() <= last.endsAt.getTime()) {
				if (endsAt > last.endsAt) last.endsAt = endsAt;
			} else ranges.push({ startsAt, endsAt });
		}
		if (date === lastDate) break;
		date = nextDate(date);
	}
	return ranges;
}

/**
 * The bookable start times of a lesson of `durationMinutes`: on the grid, inside open hours for
 * the whole lesson, clear of every booked range (each with its buffer after it) by this lesson's
 * own buffer, no sooner than the minimum notice and no later than the booking horizon. A paused
 * coach has none.
 */
export function freeStartTimes(query: FreeTimesQuery): TimeRange[] {
	const { availability, durationMinutes, now } = query;
	if (!availability.acceptingBookings || durationMinutes <= 0) return [];
	const earliest = Math.max(query.from.getTime(), now.getTime() + availability.minNoticeHours * 60 * minuteMs);
	const latest = Math.min(query.to.getTime(), now.getTime() + availability.maxAdvanceDays * dayMinutes * minuteMs);
	if (earliest > latest) return [];
	const lessonMs = durationMinutes * minuteMs;
	const bufferMs = availability.bufferMinutes * minuteMs;
	const gridMs = gridMinutes(durationMinutes) * minuteMs;
	const held = query.booked
		.map((lesson) => heldRange(lesson, availability.bufferMinutes))
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

	const free: TimeRange[] = [];
	// A lesson starting by `latest` may end after it (past midnight): read the hours it would run into.
	for (const open of openRanges(availability, new Date(earliest), new Date(latest + lessonMs))) {
		// The grid counts from local midnight; Shanghai midnight is 16:00 UTC.
		const offsetMs = shanghaiOffsetMinutes * minuteMs;
		const firstOnGrid = Math.ceil((Math.max(open.startsAt.getTime(), earliest) + offsetMs) / gridMs) * gridMs - offsetMs;
		for (let start = firstOnGrid; start <= latest && start + lessonMs <= open.endsAt.getTime(); start += gridMs) {
			const end = start + lessonMs;
			// This lesson holds [start, end + buffer); it must not meet any held range.
			const clashes = held.some((range) => start < range.endsAt.getTime() && end + bufferMs > range.startsAt.getTime());
			if (!clashes) free.push({ startsAt: new Date(start), endsAt: new Date(end) });
		}
	}
	return free;
}

/** Whether a start time is one of the free times (what booking checks before it tries to hold it). */
export function isFreeStartTime(query: Omit<FreeTimesQuery, "from" | "to">, startsAt: Date): boolean {
	return freeStartTimes({ ...query, from: startsAt, to: startsAt }).some(
		(slot) => slot.startsAt.getTime() === startsAt.getTime(),
	);
}
