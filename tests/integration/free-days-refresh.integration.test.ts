import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { refreshCoachFreeDays } from "~/modules/booking/free-days.server";
import { addDays, todayInShanghai } from "~/modules/coaches/availability/time";
import { coachBookedTimes, coachFreeDays } from "../../db/schema";
import { apiCall } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * A booking change rewrites only the days around the time it takes or frees, and replaces only the
 * lessons around it in the coach's stored list. After every step, what search reads must be
 * exactly what rewriting the whole summary from every booking gives.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const call = (method: string, path: string, token: string, body?: unknown) => apiCall(app, method, path, token, body);

/** What search reads of a coach: the free days, and the lessons the daily roll will use. */
async function summaryOf(coachId: string) {
	const days = await db().select().from(coachFreeDays).where(eq(coachFreeDays.coachId, coachId)).orderBy(asc(coachFreeDays.date));
	const [stored] = await db().select().from(coachBookedTimes).where(eq(coachBookedTimes.coachId, coachId));
	const lessons = [...(stored?.lessons ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
	return { days, lessons };
}

/** The same coach's summary rewritten whole from every booking, as before the partial rewrite. */
async function fullSummaryOf(coachId: string) {
	await db().transaction((tx) => refreshCoachFreeDays(tx, coachId));
	return summaryOf(coachId);
}

/** 20:00 (or another hour) in Shanghai, `days` from today: inside the coach's 09:00–21:00 and its notice. */
const startAt = (days: number, hours: number, minutes = 0) =>
	new Date(Date.parse(`${addDays(todayInShanghai(), days)}T00:00:00Z`) + ((hours - 8) * 60 + minutes) * 60_000).toISOString();

describe("the partial rewrite of a coach's free days", () => {
	it("leaves exactly the rows a full rewrite leaves, as lessons are booked, fill a day and are cancelled", async () => {
		const coach = await bookableCoach("局部刷新教练");
		const player = await signedInUser("局部刷新球员");
		const book = async (startsAt: string) => {
			const answer = await call("POST", "/bookings", player.token, {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt,
				location: { kind: "address", address: "上海市静安区南京西路 1 号" },
				paymentPlan: "deposit",
			});
			expect(answer.status, JSON.stringify(answer.body)).toBe(201);
			return answer.body.booking.id as string;
		};
		const expectSameAsFull = async () => {
			const partial = await summaryOf(coach.coachId);
			expect(partial.days.length).toBeGreaterThan(0);
			expect(await fullSummaryOf(coach.coachId)).toEqual(partial);
		};

		// The last hour of a day, so its buffer ends after the hours close.
		const late = await book(startAt(3, 20));
		await expectSameAsFull();
		await book(startAt(3, 9));
		await book(startAt(10, 14, 30));
		await expectSameAsFull();

		// A whole day booked: 09:00–21:00 in 60-minute lessons with their 15-minute buffers, so the
		// day drops out of search.
		const fullDay = 5;
		for (const [hours, minutes] of [
			[9, 0],
			[10, 30],
			[12, 0],
			[13, 30],
			[15, 0],
			[16, 30],
			[18, 0],
			[19, 30],
		] as const) {
			await book(startAt(fullDay, hours, minutes));
		}
		const dayDate = addDays(todayInShanghai(), fullDay);
		expect((await summaryOf(coach.coachId)).days.map((day) => day.date)).not.toContain(dayDate);
		await expectSameAsFull();

		// Freed again: the day is back, and the stored lessons no longer hold the cancelled one.
		const cancelled = await call("POST", `/bookings/${late}/cancel`, player.token, { reason: "临时有事" });
		expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
		const afterCancel = await summaryOf(coach.coachId);
		expect(afterCancel.lessons).toHaveLength(10);
		expect(afterCancel.lessons.map((lesson) => lesson.startsAt)).not.toContain(startAt(3, 20));
		await expectSameAsFull();
	});
});
