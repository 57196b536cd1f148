import { describe, expect, it } from "vitest";
import {
	type CoachAvailability,
	freeStartTimes,
	isFreeStartTime,
	openHoursOn,
	shanghaiDate,
	shanghaiInstant,
} from "~/modules/booking/free-times";

/** Shanghai wall-clock "YYYY-MM-DD HH:MM" → instant, and back: what a coach and a player read. */
const at = (local: string) => {
	const [date, time] = local.split(" ") as [string, string];
	const [hours, minutes] = time.split(":").map(Number) as [number, number];
	return shanghaiInstant(date, hours * 60 + minutes);
};
const local = (instant: Date) =>
	`${shanghaiDate(instant)} ${new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
const starts = (slots: Array<{ startsAt: Date }>) => slots.map((slot) => local(slot.startsAt));

// 2026-12-07 is a Monday.
const base: CoachAvailability = {
	acceptingBookings: true,
	weeklyHours: [{ weekday: 1, startMinute: 14 * 60, endMinute: 17 * 60 }],
	exceptions: [],
	bufferMinutes: 0,
	minNoticeHours: 0,
	maxAdvanceDays: 30,
};
const monday = { from: at("2026-12-07 00:00"), to: at("2026-12-07 23:59") };
const now = at("2026-12-01 09:00");

describe("free times", () => {
	it("offers every half hour of the open hours where the whole lesson fits", () => {
		const slots = freeStartTimes({ availability: base, durationMinutes: 60, booked: [], now, ...monday });
		expect(starts(slots)).toEqual([
			"2026-12-07 14:00",
			"2026-12-07 14:30",
			"2026-12-07 15:00",
			"2026-12-07 15:30",
			"2026-12-07 16:00",
		]);
		expect(local(slots[0]?.endsAt as Date)).toBe("2026-12-07 15:00");
	});

	it("uses the lesson's length as the grid when it is shorter than 30 minutes", () => {
		const slots = freeStartTimes({
			availability: { ...base, weeklyHours: [{ weekday: 1, startMinute: 14 * 60, endMinute: 15 * 60 }] },
			durationMinutes: 20,
			booked: [],
			now,
			...monday,
		});
		expect(starts(slots)).toEqual(["2026-12-07 14:00", "2026-12-07 14:20", "2026-12-07 14:40"]);
	});

	it("starts on the grid counted from midnight even when the hours start off it", () => {
		const slots = freeStartTimes({
			availability: { ...base, weeklyHours: [{ weekday: 1, startMinute: 14 * 60 + 15, endMinute: 16 * 60 }] },
			durationMinutes: 60,
			booked: [],
			now,
			...monday,
		});
		expect(starts(slots)).toEqual(["2026-12-07 14:30", "2026-12-07 15:00"]);
	});

	it("keeps the buffer free after a booked lesson and before the next one", () => {
		const booked = [{ startsAt: at("2026-12-07 15:00"), endsAt: at("2026-12-07 16:00") }];
		const slots = freeStartTimes({
			availability: { ...base, weeklyHours: [{ weekday: 1, startMinute: 12 * 60, endMinute: 19 * 60 }], bufferMinutes: 30 },
			durationMinutes: 60,
			booked,
			now,
			...monday,
		});
		// Before: a 60-minute lesson plus its 30-minute buffer must end by 15:00, so 13:30 is the last.
		// After: the booked lesson holds until 16:30.
		expect(starts(slots)).toEqual([
			"2026-12-07 12:00",
			"2026-12-07 12:30",
			"2026-12-07 13:00",
			"2026-12-07 13:30",
			"2026-12-07 16:30",
			"2026-12-07 17:00",
			"2026-12-07 17:30",
			"2026-12-07 18:00",
		]);
	});

	it("lets a lesson end exactly when the next booked one starts, without a buffer", () => {
		const booked = [{ startsAt: at("2026-12-07 16:00"), endsAt: at("2026-12-07 17:00") }];
		const slots = freeStartTimes({ availability: base, durationMinutes: 60, booked, now, ...monday });
		expect(starts(slots)).toEqual(["2026-12-07 14:00", "2026-12-07 14:30", "2026-12-07 15:00"]);
	});

	it("respects the minimum notice to the minute", () => {
		const slots = freeStartTimes({
			availability: { ...base, minNoticeHours: 12 },
			durationMinutes: 60,
			booked: [],
			now: at("2026-12-07 03:00"),
			...monday,
		});
		expect(starts(slots)).toEqual(["2026-12-07 15:00", "2026-12-07 15:30", "2026-12-07 16:00"]);
	});

	it("offers nothing beyond the booking horizon", () => {
		const availability = { ...base, maxAdvanceDays: 6 };
		const sixDaysBefore = at("2026-12-01 15:00");
		const slots = freeStartTimes({ availability, durationMinutes: 60, booked: [], now: sixDaysBefore, ...monday });
		expect(starts(slots)).toEqual(["2026-12-07 14:00", "2026-12-07 14:30", "2026-12-07 15:00"]);
		expect(freeStartTimes({ availability, durationMinutes: 60, booked: [], now: at("2026-11-30 09:00"), ...monday })).toEqual([]);
	});

	it("takes a whole day off, a partial day off, and extra hours from the date exceptions", () => {
		const wholeDay = { ...base, exceptions: [{ date: "2026-12-07", kind: "day_off" as const }] };
		expect(freeStartTimes({ availability: wholeDay, durationMinutes: 60, booked: [], now, ...monday })).toEqual([]);

		const partial = {
			...base,
			exceptions: [{ date: "2026-12-07", kind: "day_off" as const, startMinute: 15 * 60, endMinute: 16 * 60 }],
		};
		expect(starts(freeStartTimes({ availability: partial, durationMinutes: 60, booked: [], now, ...monday }))).toEqual([
			"2026-12-07 14:00",
			"2026-12-07 16:00",
		]);

		const extra = {
			...base,
			exceptions: [{ date: "2026-12-08", kind: "extra_hours" as const, startMinute: 9 * 60, endMinute: 10 * 60 }],
		};
		const tuesday = { from: at("2026-12-08 00:00"), to: at("2026-12-08 23:59") };
		expect(starts(freeStartTimes({ availability: extra, durationMinutes: 60, booked: [], now, ...tuesday }))).toEqual([
			"2026-12-08 09:00",
		]);
	});

	it("lets a lesson cross midnight when the coach is open on both sides of it", () => {
		const lateNight: CoachAvailability = {
			...base,
			weeklyHours: [
				{ weekday: 1, startMinute: 22 * 60, endMinute: 24 * 60 },
				{ weekday: 2, startMinute: 0, endMinute: 60 },
			],
		};
		const slots = freeStartTimes({ availability: lateNight, durationMinutes: 120, booked: [], now, ...monday });
		expect(starts(slots)).toEqual(["2026-12-07 22:00", "2026-12-07 22:30", "2026-12-07 23:00"]);
		expect(local(slots.at(-1)?.endsAt as Date)).toBe("2026-12-08 01:00");
	});

	it("offers nothing while the coach has paused bookings", () => {
		expect(
			freeStartTimes({ availability: { ...base, acceptingBookings: false }, durationMinutes: 60, booked: [], now, ...monday }),
		).toEqual([]);
	});

	it("says whether one start time is free, for the booking to check", () => {
		const query = { availability: base, durationMinutes: 60, booked: [], now };
		expect(isFreeStartTime(query, at("2026-12-07 14:30"))).toBe(true);
		expect(isFreeStartTime(query, at("2026-12-07 14:10"))).toBe(false);
		expect(isFreeStartTime(query, at("2026-12-07 16:30"))).toBe(false);
	});

	it("works in Shanghai time whatever zone the server runs in", () => {
		expect(openHoursOn("2026-12-07", base)).toEqual([{ start: 840, end: 1020 }]);
		expect(at("2026-12-07 14:00").toISOString()).toBe("2026-12-07T06:00:00.000Z");
		expect(shanghaiDate(new Date("2026-12-07T16:30:00Z"))).toBe("2026-12-08");
	});
});
