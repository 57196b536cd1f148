import {
	type CoachAvailability,
	freeStartTimes,
	heldRange,
	openRanges,
	shanghaiDate,
	shanghaiInstant,
	type TimeRange,
} from "~/lib/free-times";
import { addDays } from "../availability/time";

/**
 * What search knows of a coach's free time, a day at a time: pure, from the same slot engine the
 * booking form uses, so "free on Saturday" in search means Saturday has a time a player can book.
 */
export const freeDaysWindow = 30;
/** "In the evening": a lesson may start at 18:00 Shanghai time or later. */
export const eveningStartMinute = 18 * 60;

/** Shanghai dates "YYYY-MM-DD", both included. */
export interface DateSpan {
	from: string;
	to: string;
}

export interface FreeDay {
	/** "YYYY-MM-DD" in Asia/Shanghai. */
	date: string;
	freeMinutes: number;
	eveningFree: boolean;
	firstFreeAt: Date;
}

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

const shanghaiMinute = (instant: Date) => Math.floor((instant.getTime() + 8 * 60 * minuteMs) / minuteMs) % (24 * 60);

/**
 * The days of the next `days` Shanghai dates (today first) with at least one bookable start for
 * the coach's shortest lesson; days without one are left out. No lesson on offer, or a paused
 * coach, means no free day.
 */
export function freeDaysOf(input: {
	availability: CoachAvailability;
	booked: readonly TimeRange[];
	shortestLessonMinutes: number | null;
	now: Date;
	days?: number;
	/**
	 * Only these dates of the window (inclusive): what a booking change touches. Each date's figures
	 * depend on that date alone, so they equal the whole window's rows for the same dates.
	 */
	dates?: DateSpan;
}): FreeDay[] {
	const { availability, booked, shortestLessonMinutes, now } = input;
	if (!shortestLessonMinutes) return [];
	const lastDate = addDays(shanghaiDate(now), (input.days ?? freeDaysWindow) - 1);
	const toDate = input.dates && input.dates.to < lastDate ? input.dates.to : lastDate;
	const windowStart = input.dates ? Math.max(now.getTime(), shanghaiInstant(input.dates.from, 0).getTime()) : now.getTime();
	const windowEnd = shanghaiInstant(toDate, 24 * 60);
	if (windowStart >= windowEnd.getTime()) return [];
	const slots = freeStartTimes({
		availability,
		durationMinutes: shortestLessonMinutes,
		booked,
		now,
		from: new Date(windowStart),
		// A start at the next midnight belongs to the day after the window.
		to: new Date(windowEnd.getTime() - 1),
	});
	const days = new Map<string, FreeDay>();
	for (const slot of slots) {
		const date = shanghaiDate(slot.startsAt);
		const day = days.get(date) ?? { date, freeMinutes: 0, eveningFree: false, firstFreeAt: slot.startsAt };
		if (shanghaiMinute(slot.startsAt) >= eveningStartMinute) day.eveningFree = true;
		days.set(date, day);
	}
	if (days.size === 0) return [];
	for (const [date, minutes] of unheldMinutesByDate(input, new Date(windowStart), windowEnd)) {
		const day = days.get(date);
		if (day) day.freeMinutes = Math.min(24 * 60, minutes);
	}
	return [...days.values()];
}

/** Open minutes after the minimum notice and within the horizon, less the time bookings hold, per date. */
function unheldMinutesByDate(
	input: { availability: CoachAvailability; booked: readonly TimeRange[]; now: Date },
	windowStart: Date,
	windowEnd: Date,
): Map<string, number> {
	const { availability, now } = input;
	const earliest = Math.max(windowStart.getTime(), now.getTime() + availability.minNoticeHours * 60 * minuteMs);
	const latest = Math.min(windowEnd.getTime(), now.getTime() + availability.maxAdvanceDays * dayMs);
	if (earliest >= latest) return new Map();
	const held = input.booked.map((lesson) => heldRange(lesson, availability.bufferMinutes));
	let free: Array<[number, number]> = openRanges(availability, new Date(earliest), new Date(latest))
		.map((range): [number, number] => [Math.max(range.startsAt.getTime(), earliest), Math.min(range.endsAt.getTime(), latest)])
		.filter(([start, end]) => end > start);
	for (const range of held) {
		const cutStart = range.startsAt.getTime();
		const cutEnd = range.endsAt.getTime();
		free = free.flatMap(([start, end]): Array<[number, number]> => {
			if (cutEnd <= start || cutStart >= end) return [[start, end]];
			const kept: Array<[number, number]> = [];
			if (cutStart > start) kept.push([start, cutStart]);
			if (cutEnd < end) kept.push([cutEnd, end]);
			return kept;
		});
	}
	const byDate = new Map<string, number>();
	for (let [start, end] of free) {
		// Split at Shanghai midnights: an evening that runs past 24:00 counts on both dates.
		while (start < end) {
			const date = shanghaiDate(new Date(start));
			const dayEnd = Math.min(end, shanghaiInstant(date, 24 * 60).getTime());
			byDate.set(date, (byDate.get(date) ?? 0) + Math.round((dayEnd - start) / minuteMs));
			start = dayEnd;
		}
	}
	return byDate;
}

/** The dates a "when" filter means, from today in Shanghai: a given date, or this weekend (today on, if it is one). */
export function datesOfWhen(when: string, today: string): string[] {
	if (when !== "weekend") return [when];
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday … 6 = Saturday
	if (weekday === 0) return [today];
	if (weekday === 6) return [today, addDays(today, 1)];
	const saturday = addDays(today, 6 - weekday);
	return [saturday, addDays(saturday, 1)];
}
