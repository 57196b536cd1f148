import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiDate } from "~/lib/free-times";
import { addDays, todayInShanghai } from "~/modules/coaches/availability/time";
import { datesOfWhen } from "~/modules/coaches/search/free-days";
import { refreshAllFreeDays } from "~/modules/coaches/search/refresh-free-days.server";
import { apiCall } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Search by availability, through the API a client calls and the /coaches page a player opens:
 * each card's next free time, and the "free on a date / this weekend / in the evening" filters,
 * answered from the per-day summary that every booking and availability change keeps current.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

type Coach = Awaited<ReturnType<typeof bookableCoach>>;
type Slot = { startsAt: string; endsAt: string };
type Hours = Array<{ weekday: number; start: string; end: string }>;

const hours = (weekdays: number[], start: string, end: string): Hours => weekdays.map((weekday) => ({ weekday, start, end }));

async function setHours(coach: Coach, weeklyHours: Hours, exceptions: unknown[] = [], minNoticeHours = 2) {
	const saved = await call("PUT", "/coach/availability", coach.token, {
		weeklyHours,
		exceptions,
		bufferMinutes: 15,
		minNoticeHours,
		maxAdvanceDays: 30,
		acceptingBookings: true,
	});
	expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

async function slotsOf(coach: Coach): Promise<Slot[]> {
	const to = new Date(Date.now() + 29 * 24 * 3_600_000).toISOString();
	const answer = await call("GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}&to=${to}`, null);
	expect(answer.status).toBe(200);
	return answer.body.slots;
}

/** The ids of the coaches a search around a point finds (all of this file's coaches are within 5 km of it). */
async function found(point: { latitude: number; longitude: number }, filters: string): Promise<string[]> {
	const answer = await call("GET", `/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5&limit=50&${filters}`, null);
	expect(answer.status, JSON.stringify(answer.body)).toBe(200);
	return answer.body.items.map((item: { id: string }) => item.id);
}

/** A weekday ("YYYY-MM-DD", Monday = 1) at least two days ahead, so every hour of it is still bookable. */
function nextWeekday(weekday: number): string {
	let date = addDays(todayInShanghai(), 2);
	while ((new Date(`${date}T00:00:00Z`).getUTCDay() || 7) !== weekday) date = addDays(date, 1);
	return date;
}

const shanghaiMinute = (iso: string) => {
	const local = new Date(new Date(iso).getTime() + 8 * 3_600_000);
	return local.getUTCHours() * 60 + local.getUTCMinutes();
};

describe("search by availability", () => {
	const point = { latitude: 31.3, longitude: 121.5 };
	let allWeek: Coach;
	let weekendDays: Coach;
	let weekdayEvenings: Coach;
	let weekdayMornings: Coach;

	beforeAll(async () => {
		allWeek = await bookableCoach("全周教练", point);
		weekendDays = await bookableCoach("周末白天教练", point);
		weekdayEvenings = await bookableCoach("工作日晚上教练", point);
		weekdayMornings = await bookableCoach("工作日上午教练", point);
		// Open every hour of Saturday and Sunday until 18:00, with no notice: free on any weekend day not yet over.
		await setHours(weekendDays, hours([6, 7], "00:00", "18:00"), [], 0);
		await setHours(weekdayEvenings, hours([1, 2, 3, 4, 5], "19:00", "22:00"));
		await setHours(weekdayMornings, hours([1, 2, 3, 4, 5], "09:00", "12:00"));
	});

	it("shows each coach's next free time on the card, the same as the first of its free times", async () => {
		const answer = await call("GET", `/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5`, null);
		expect(answer.status).toBe(200);
		for (const coach of [allWeek, weekdayEvenings]) {
			const card = answer.body.items.find((item: { id: string }) => item.id === coach.coachId);
			const [first] = await slotsOf(coach);
			expect(card.nextFreeAt).toBe(new Date(first?.startsAt as string).toISOString());
		}
	});

	it("filters by a date: only coaches with a free time that day", async () => {
		const wednesday = nextWeekday(3);
		const ids = await found(point, `freeOn=${wednesday}`);
		expect(ids).toEqual(expect.arrayContaining([allWeek.coachId, weekdayEvenings.coachId, weekdayMornings.coachId]));
		expect(ids).not.toContain(weekendDays.coachId);
	});

	it("filters by this weekend: coaches free on Saturday or Sunday, not weekday-only ones", async () => {
		const ids = await found(point, "freeOn=weekend");
		expect(ids).not.toContain(weekdayEvenings.coachId);
		expect(ids).not.toContain(weekdayMornings.coachId);
		// Late on a Sunday the weekend may hold no start at all any more: expect what the free times say.
		const weekend = datesOfWhen("weekend", todayInShanghai());
		const freeThisWeekend = (await slotsOf(weekendDays)).some((slot) => weekend.includes(shanghaiDate(new Date(slot.startsAt))));
		expect(ids.includes(weekendDays.coachId)).toBe(freeThisWeekend);
	});

	it("filters by the evening, alone and on a date: a lesson may start at 18:00 or later", async () => {
		const evenings = await found(point, "evening=true");
		expect(evenings).toEqual(expect.arrayContaining([allWeek.coachId, weekdayEvenings.coachId]));
		expect(evenings).not.toContain(weekendDays.coachId);
		expect(evenings).not.toContain(weekdayMornings.coachId);

		const wednesday = nextWeekday(3);
		const wednesdayEvening = await found(point, `freeOn=${wednesday}&evening=true`);
		expect(wednesdayEvening).toEqual(expect.arrayContaining([allWeek.coachId, weekdayEvenings.coachId]));
		expect(wednesdayEvening).not.toContain(weekdayMornings.coachId);
	});

	it("refuses a date that is not one or lies beyond the 30 days search knows, with a message, in the API and on the page", async () => {
		const wrong = await call("GET", `/coaches?lat=${point.latitude}&lng=${point.longitude}&freeOn=2026-13-45`, null);
		expect(wrong.status).toBe(400);
		expect(wrong.body.error.fields.freeOn).toBe("请选择日期，或“本周末”");
		const tooFar = addDays(todayInShanghai(), 45);
		const far = await call("GET", `/coaches?lat=${point.latitude}&lng=${point.longitude}&freeOn=${tooFar}`, null);
		expect(far.status).toBe(400);
		expect(far.body.error.fields.freeOn).toBe("只能按今天起 30 天内的日期筛选");
		const page = await fetch(`${app.url}/coaches?freeOn=${tooFar}`, { headers: { "accept-language": "zh-CN" } });
		expect(page.status).toBe(400);
		expect(await page.text()).toContain("只能按今天起 30 天内的日期筛选");
	});

	it("offers the filters on the /coaches page and shows the next free time on each card", async () => {
		const page = await fetch(`${app.url}/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5&freeOn=weekend`, {
			headers: { "accept-language": "zh-CN" },
		});
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('name="freeOn"');
		expect(html).toContain('name="evening"');
		expect(html).toContain("本周末");
		expect(html).not.toContain("工作日晚上教练");
		const all = await (await fetch(`${app.url}/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5`)).text();
		expect(all).toContain("最近可约：");
	});
});

describe("the summary follows every change", () => {
	const point = { latitude: 39.9, longitude: 116.4 };

	it("takes a day out of search when its only free time is booked, brings it back on cancellation, and follows an availability change", async () => {
		const coach = await bookableCoach("单时段教练", point);
		const player = await signedInUser("找空闲的学员");
		const day = nextWeekday(4);
		// Free only on that Thursday, 10:00–11:00: exactly one bookable hour.
		await setHours(coach, [], [{ date: day, kind: "extra_hours", start: "10:00", end: "11:00" }]);
		const [only, ...others] = await slotsOf(coach);
		expect(others).toEqual([]);
		expect(shanghaiMinute(only?.startsAt as string)).toBe(10 * 60);
		expect(await found(point, `freeOn=${day}`)).toEqual([coach.coachId]);

		const booked = await call("POST", "/bookings", player.token, {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: only?.startsAt,
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "deposit",
		});
		expect(booked.status, JSON.stringify(booked.body)).toBe(201);
		expect(await found(point, `freeOn=${day}`)).toEqual([]);
		const card = (await call("GET", `/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5`, null)).body.items[0];
		expect(card.nextFreeAt).toBeNull();

		const cancelled = await call("POST", `/bookings/${booked.body.booking.id}/cancel`, player.token, { reason: "时间有变" });
		expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
		expect(await found(point, `freeOn=${day}`)).toEqual([coach.coachId]);

		// The coach takes the day off again, and adds an evening on another date.
		const other = addDays(day, 1);
		await setHours(coach, [], [{ date: other, kind: "extra_hours", start: "19:00", end: "21:00" }]);
		expect(await found(point, `freeOn=${day}`)).toEqual([]);
		expect(await found(point, `freeOn=${other}&evening=true`)).toEqual([coach.coachId]);
	});

	it("rolls on daily: the job recomputes every coach for the new day, so past times leave search", async () => {
		const rolling = { latitude: 22.54, longitude: 114.06 };
		await bookableCoach("每日滚动教练", rolling, { allDay: true });
		const nextFree = async () =>
			(await call("GET", `/coaches?lat=${rolling.latitude}&lng=${rolling.longitude}&radiusKm=5`, null)).body.items[0].nextFreeAt;
		const dayMs = 24 * 3_600_000;
		// Open around the clock with two hours' notice: the next free time is a few hours away.
		expect(new Date(await nextFree()).getTime()).toBeLessThan(Date.now() + dayMs);
		// The job as it runs a day later: everything before then is gone from the summary.
		await refreshAllFreeDays(new Date(Date.now() + dayMs));
		expect(new Date(await nextFree()).getTime()).toBeGreaterThan(Date.now() + dayMs);
	});
});
