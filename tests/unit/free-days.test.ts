import { describe, expect, it } from "vitest";
import { type CoachAvailability, shanghaiDate, shanghaiInstant } from "~/lib/free-times";
import { datesOfWhen, freeDaysOf } from "~/modules/coaches/search/free-days";

/** Shanghai wall-clock "YYYY-MM-DD HH:MM" → instant. */
const at = (local: string) => {
	const [date, time] = local.split(" ") as [string, string];
	const [hours, minutes] = time.split(":").map(Number) as [number, number];
	return shanghaiInstant(date, hours * 60 + minutes);
};

// 2026-12-07 is a Monday.
const weekdays: CoachAvailability = {
	acceptingBookings: true,
	weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 14 * 60, endMinute: 20 * 60 })),
	exceptions: [],
	bufferMinutes: 15,
	minNoticeHours: 2,
	maxAdvanceDays: 30,
};
const mondayMorning = at("2026-12-07 08:00");

describe("free days (the search summary)", () => {
	it("lists the days with a bookable start, with the first start, the free minutes and whether the evening is free", () => {
		const days = freeDaysOf({ availability: weekdays, booked: [], shortestLessonMinutes: 60, now: mondayMorning, days: 7 });
		expect(days.map((day) => day.date)).toEqual(["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]);
		expect(days[0]).toEqual({ date: "2026-12-07", freeMinutes: 360, eveningFree: true, firstFreeAt: at("2026-12-07 14:00") });
	});

	it("counts the minimum notice: today's first start moves later and its free minutes shrink", () => {
		const [today] = freeDaysOf({
			availability: weekdays,
			booked: [],
			shortestLessonMinutes: 60,
			now: at("2026-12-07 15:10"),
			days: 1,
		});
		expect(today).toEqual({ date: "2026-12-07", freeMinutes: 170, eveningFree: true, firstFreeAt: at("2026-12-07 17:30") });
	});

	it("takes out the time a booking holds (with its buffer), and drops a day booked full", () => {
		const booked = [
			{ startsAt: at("2026-12-07 14:00"), endsAt: at("2026-12-07 16:00") },
			{ startsAt: at("2026-12-08 14:00"), endsAt: at("2026-12-08 19:45") },
		];
		const days = freeDaysOf({ availability: weekdays, booked, shortestLessonMinutes: 60, now: mondayMorning, days: 2 });
		// Monday: 16:00–16:15 is buffer; 16:15 is off the grid, so 16:30 is the first start.
		expect(days).toEqual([{ date: "2026-12-07", freeMinutes: 225, eveningFree: true, firstFreeAt: at("2026-12-07 16:30") }]);
	});

	it("is free in the evening only when a lesson may start at 18:00 or later", () => {
		const daytime = { ...weekdays, weeklyHours: [{ weekday: 1, startMinute: 9 * 60, endMinute: 19 * 60 }] };
		const [early] = freeDaysOf({ availability: daytime, booked: [], shortestLessonMinutes: 60, now: mondayMorning, days: 1 });
		expect(early?.eveningFree).toBe(true);
		const [shortDay] = freeDaysOf({
			availability: daytime,
			booked: [],
			shortestLessonMinutes: 90,
			now: mondayMorning,
			days: 1,
		});
		// A 90-minute lesson must start by 17:30 to end at 19:00.
		expect(shortDay?.eveningFree).toBe(false);
	});

	it("has no free day for a paused coach or one without a lesson on offer, and none past the horizon", () => {
		expect(
			freeDaysOf({
				availability: { ...weekdays, acceptingBookings: false },
				booked: [],
				shortestLessonMinutes: 60,
				now: mondayMorning,
			}),
		).toEqual([]);
		expect(freeDaysOf({ availability: weekdays, booked: [], shortestLessonMinutes: null, now: mondayMorning })).toEqual([]);
		const nearHorizon = freeDaysOf({
			availability: { ...weekdays, maxAdvanceDays: 3 },
			booked: [],
			shortestLessonMinutes: 60,
			now: mondayMorning,
		});
		// Three days ahead is Thursday 08:00, before its hours open.
		expect(nearHorizon.map((day) => day.date)).toEqual(["2026-12-07", "2026-12-08", "2026-12-09"]);
	});

	it("counts an evening that runs past midnight on both dates, and keeps the window to 30 Shanghai dates", () => {
		const lateNights = {
			...weekdays,
			weeklyHours: [
				{ weekday: 5, startMinute: 22 * 60, endMinute: 24 * 60 },
				{ weekday: 6, startMinute: 0, endMinute: 2 * 60 },
			],
		};
		const days = freeDaysOf({ availability: lateNights, booked: [], shortestLessonMinutes: 60, now: mondayMorning, days: 7 });
		expect(days).toEqual([
			{ date: "2026-12-11", freeMinutes: 120, eveningFree: true, firstFreeAt: at("2026-12-11 22:00") },
			{ date: "2026-12-12", freeMinutes: 120, eveningFree: false, firstFreeAt: at("2026-12-12 00:00") },
		]);
		const month = freeDaysOf({ availability: weekdays, booked: [], shortestLessonMinutes: 60, now: mondayMorning });
		expect(month.at(-1)?.date).toBe("2027-01-05");
		expect(month.every((day) => shanghaiDate(day.firstFreeAt) === day.date)).toBe(true);
	});
});

describe("this weekend", () => {
	it("is the coming Saturday and Sunday on a weekday, today and tomorrow on a Saturday, today on a Sunday", () => {
		expect(datesOfWhen("weekend", "2026-12-07")).toEqual(["2026-12-12", "2026-12-13"]);
		expect(datesOfWhen("weekend", "2026-12-11")).toEqual(["2026-12-12", "2026-12-13"]);
		expect(datesOfWhen("weekend", "2026-12-12")).toEqual(["2026-12-12", "2026-12-13"]);
		expect(datesOfWhen("weekend", "2026-12-13")).toEqual(["2026-12-13"]);
		expect(datesOfWhen("2026-12-09", "2026-12-07")).toEqual(["2026-12-09"]);
	});
});
