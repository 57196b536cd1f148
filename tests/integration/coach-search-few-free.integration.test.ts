import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInShanghai } from "~/modules/coaches/availability/time";
import { coachSearchSchema } from "~/modules/coaches/search/schema";
import { buildSearchQuery, inSearchPlan } from "~/modules/coaches/search/search-coaches.server";
import { bookableCoach } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * When few coaches anywhere are free on the dates asked, the search starts from their rows in the
 * summary instead of walking every coach in the radius nearest first. Both ways must find the same
 * coaches in the same order, page by page; the date index must carry the first way.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

async function ids(params: Record<string, string>, freeDaysFirst: boolean): Promise<string[]> {
	const search = coachSearchSchema.parse(params);
	const { query, sort } = buildSearchQuery(search, new Date(), { freeDaysFirst });
	const result = await inSearchPlan(sort, (tx) => tx.execute<{ id: string }>(query));
	return result.rows.map((row) => row.id);
}

async function plan(params: Record<string, string>): Promise<string> {
	const { query, sort } = buildSearchQuery(coachSearchSchema.parse(params), new Date(), { freeDaysFirst: true });
	const result = await inSearchPlan(sort, (tx) => tx.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`));
	return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("a search for a time few coaches keep free", () => {
	const point = { latitude: 30.6, longitude: 104.06 };
	const near = (km: number) => ({ latitude: point.latitude + km / 111, longitude: point.longitude });

	beforeAll(async () => {
		// Five coaches at growing distances, open 09:00–21:00 every day (the helper's hours).
		for (const km of [0.5, 1, 1.5, 2, 2.5]) await bookableCoach(`少空闲教练${km}`, near(km));
	});

	it("finds the same coaches in the same order either way, for a date, the weekend and the evening, page by page", async () => {
		const date = addDays(todayInShanghai(), 3);
		const base = { lat: String(point.latitude), lng: String(point.longitude), radiusKm: "5" };
		const searches: Array<Record<string, string>> = [
			{ freeOn: date },
			{ freeOn: "weekend" },
			{ freeOn: date, evening: "true" },
			{ evening: "true" },
			{ freeOn: date, sort: "price" },
		];
		for (const filters of searches) {
			const walked = await ids({ ...base, ...filters }, false);
			expect(walked).toHaveLength(5);
			expect(await ids({ ...base, ...filters }, true)).toEqual(walked);
			expect(await ids({ ...base, ...filters, limit: "2" }, true)).toEqual(walked.slice(0, 3));
		}
	});

	it("answers the API the same as before: the nearest free coaches first", async () => {
		const date = addDays(todayInShanghai(), 4);
		const response = await fetch(
			`${app.url}/api/v1/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5&freeOn=${date}&evening=true`,
		);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { items: Array<{ id: string; distanceKm: number }> };
		expect(body.items.map((item) => item.distanceKm)).toEqual([0.5, 1, 1.5, 2, 2.5]);
		expect(body.items.map((item) => item.id)).toEqual(
			await ids(
				{ lat: String(point.latitude), lng: String(point.longitude), radiusKm: "5", freeOn: date, evening: "true" },
				false,
			),
		);
	});

	it("reads the free coaches through the summary's date index", async () => {
		const text = await plan({
			lat: String(point.latitude),
			lng: String(point.longitude),
			radiusKm: "5",
			freeOn: addDays(todayInShanghai(), 2),
		});
		expect(text).toMatch(/coach_free_days_by_date_idx/);
		expect(text).not.toMatch(/Seq Scan on coach_free_days\b/);
	});
});
