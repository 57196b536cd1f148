import { describe, expect, it } from "vitest";
import { type CoachAvailability, shanghaiInstant, type TimeRange } from "~/lib/free-times";
import { addDays } from "~/modules/coaches/availability/time";
import { freeDaysOf } from "~/modules/coaches/search/free-days";
import { affectedDates } from "~/modules/coaches/search/refresh-free-days.server";

/**
 * A booking change rewrites only the days it can affect (`affectedDates`), computed from the
 * lessons around them (`dates`). Search must see exactly what a rewrite of the whole window would
 * give: these compare the two over coaches whose hours, buffers and lessons cross midnight.
 */
const at = (date: string, hours: number, minutes = 0) => shanghaiInstant(date, hours * 60 + minutes);
const hour = 3_600_000;
const dayMs = 24 * hour;

const lateEvenings: CoachAvailability = {
	acceptingBookings: true,
	// Open into the night on Friday and Saturday, from midnight on Saturday and Sunday.
	weeklyHours: [
		...[1, 2, 3, 4].map((weekday) => ({ weekday, startMinute: 14 * 60, endMinute: 22 * 60 })),
		{ weekday: 5, startMinute: 18 * 60, endMinute: 24 * 60 },
		{ weekday: 6, startMinute: 0, endMinute: 24 * 60 },
		{ weekday: 7, startMinute: 0, endMinute: 3 * 60 },
	],
	exceptions: [{ date: "2026-12-16", kind: "day_off" }],
	bufferMinutes: 30,
	minNoticeHours: 2,
	maxAdvanceDays: 30,
};
// Monday 2026-12-07, 15:10 in Shanghai: today is partly past the notice.
const now = at("2026-12-07", 15, 10);

/** The whole window's rows for the dates of a span: what a full rewrite leaves there. */
function fullRowsWithin(booked: TimeRange[], span: { from: string; to: string }) {
	return freeDaysOf({ availability: lateEvenings, booked, shortestLessonMinutes: 60, now }).filter(
		(day) => day.date >= span.from && day.date <= span.to,
	);
}

/** Only the lessons a partial rewrite reads: a day either side of the span. */
function lessonsAround(booked: TimeRange[], span: { from: string; to: string }) {
	const from = shanghaiInstant(span.from, 0).getTime() - dayMs;
	const to = shanghaiInstant(span.to, 24 * 60).getTime() + dayMs;
	return booked.filter((lesson) => lesson.startsAt.getTime() < to && lesson.endsAt.getTime() > from);
}

const lesson = (startsAt: Date, minutes: number): TimeRange => ({
	startsAt,
	endsAt: new Date(startsAt.getTime() + minutes * 60_000),
});
const held = (booked: TimeRange) => ({ startsAt: booked.startsAt, endsAt: new Date(booked.endsAt.getTime() + 30 * 60_000) });

describe("the free days a booking change rewrites", () => {
	// Lessons all over the window: late on Friday into Saturday, at Saturday midnight, on weekdays.
	const others = [
		lesson(at("2026-12-08", 14), 120),
		lesson(at("2026-12-11", 23), 90),
		lesson(at("2026-12-12", 0, 30), 60),
		lesson(at("2026-12-19", 10), 60),
		lesson(at("2026-12-26", 23, 30), 60),
	];
	const changes = [
		lesson(at("2026-12-07", 17), 60), // today, after the notice
		lesson(at("2026-12-07", 21), 60), // today's last hour
		lesson(at("2026-12-11", 23), 60), // Friday night into Saturday
		lesson(at("2026-12-12", 23, 30), 120), // Saturday night into Sunday
		lesson(at("2026-12-13", 0), 60), // Sunday just after midnight
		lesson(at("2026-12-15", 21, 30), 30), // the evening before a day off
		lesson(at("2027-01-05", 20), 60), // the window's last date
	];

	for (const change of changes) {
		it(`gives the full rewrite's rows for a lesson at ${change.startsAt.toISOString()}, booked or freed`, () => {
			const span = affectedDates([held(change)]);
			for (const booked of [[...others, change], others]) {
				const partial = freeDaysOf({
					availability: lateEvenings,
					booked: lessonsAround(booked, span),
					shortestLessonMinutes: 60,
					now,
					dates: span,
				});
				expect(partial).toEqual(fullRowsWithin(booked, span));
			}
			// And no day outside the span differs with or without the lesson: the span is wide enough.
			const outside = (booked: TimeRange[]) =>
				freeDaysOf({ availability: lateEvenings, booked, shortestLessonMinutes: 60, now }).filter(
					(day) => day.date < span.from || day.date > span.to,
				);
			expect(outside([...others, change])).toEqual(outside(others));
		});
	}

	it("leaves the other days as the full rewrite has them: a booking changes only its own days", () => {
		const change = lesson(at("2026-12-11", 23), 60);
		const span = affectedDates([held(change)]);
		const outside = (days: ReturnType<typeof freeDaysOf>) => days.filter((day) => day.date < span.from || day.date > span.to);
		const before = freeDaysOf({ availability: lateEvenings, booked: others, shortestLessonMinutes: 60, now });
		const after = freeDaysOf({ availability: lateEvenings, booked: [...others, change], shortestLessonMinutes: 60, now });
		expect(outside(after)).toEqual(outside(before));
		expect(span).toEqual({ from: "2026-12-10", to: "2026-12-12" });
	});

	it("spans both times of a move, and nothing for dates outside the window", () => {
		const from = lesson(at("2026-12-08", 14), 60);
		const to = lesson(at("2026-12-20", 1), 60);
		expect(affectedDates([held(from), held(to)])).toEqual({ from: "2026-12-07", to: "2026-12-20" });
		const lastDate = addDays("2026-12-07", 29);
		const beyond = freeDaysOf({
			availability: lateEvenings,
			booked: [],
			shortestLessonMinutes: 60,
			now,
			dates: { from: addDays(lastDate, 1), to: addDays(lastDate, 3) },
		});
		expect(beyond).toEqual([]);
		expect(now.getTime() + 29 * dayMs).toBeLessThan(at(lastDate, 24).getTime());
	});
});
