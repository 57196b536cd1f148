import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCoach, offset, suspendAccountOfCoach } from "../support/coaches";
import { startTestApp, type TestApp } from "../support/test-app";

const shanghai = { latitude: 31.2304, longitude: 121.4737 };
const ids: Record<string, string> = {};
let app: TestApp;

beforeAll(async () => {
	const day = (n: number) => new Date(Date.UTC(2026, 9, n));
	ids.near = await insertCoach({
		displayName: "王大力",
		point: offset(shanghai, 1, 0),
		level: "advanced",
		approvedAt: day(1),
		rating: { average: 4.2, count: 8 },
		offerings: [
			{ courseType: "basic", minutes: 60, priceFen: 20_000 },
			{ courseType: "sparring", minutes: 60, priceFen: 12_000 },
		],
	});
	ids.snooker = await insertCoach({
		displayName: "陈思思",
		point: offset(shanghai, 0, 5),
		disciplines: ["snooker"],
		level: "master",
		gender: "female",
		approvedAt: day(5),
		rating: { average: 4.9, count: 20 },
		offerings: [{ courseType: "basic", minutes: 60, priceFen: 15_000, online: true }],
	});
	ids.tieA = await insertCoach({
		displayName: "同距甲",
		point: offset(shanghai, -3, 0),
		approvedAt: day(2),
		offerings: [{ courseType: "advanced", minutes: 90, priceFen: 30_000 }],
	});
	ids.tieB = await insertCoach({
		displayName: "同距乙",
		point: offset(shanghai, -3, 0),
		approvedAt: day(3),
		accepting: false,
		offerings: [{ courseType: "advanced", minutes: 90, priceFen: 30_000 }],
	});
	ids.justInside = await insertCoach({
		displayName: "边界内",
		point: offset(shanghai, 9.9, 0),
		approvedAt: day(4),
		offerings: [{ courseType: "casual_play", minutes: 60, priceFen: 9_000 }],
	});
	ids.justOutside = await insertCoach({
		displayName: "边界外",
		point: offset(shanghai, 10.2, 0),
		offerings: [{ courseType: "casual_play", minutes: 60, priceFen: 8_000 }],
	});
	ids.pending = await insertCoach({
		displayName: "待审核",
		point: offset(shanghai, 0.5, 0.5),
		status: "pending_review",
		offerings: [{ courseType: "basic", minutes: 60, priceFen: 5_000 }],
	});
	ids.suspended = await insertCoach({
		displayName: "已暂停",
		point: offset(shanghai, 0.4, 0.4),
		offerings: [{ courseType: "basic", minutes: 60, priceFen: 5_000 }],
	});
	await suspendAccountOfCoach(ids.suspended);
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

async function search(params: Record<string, string | number>) {
	const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
	const response = await fetch(`${app.url}/api/v1/coaches?${query}`);
	return { status: response.status, body: await response.json() };
}
const near = { lat: shanghai.latitude, lng: shanghai.longitude, radiusKm: 10 };
const names = (body: { items: Array<{ id: string }> }) =>
	body.items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]);

describe("GET /api/v1/coaches", () => {
	it("finds approved coaches within the radius, nearest first, ties broken by id", async () => {
		const { status, body } = await search(near);
		expect(status).toBe(200);
		const tie = [ids.tieA, ids.tieB].sort();
		expect(body.items.map((item: { id: string }) => item.id)).toEqual([ids.near, ...tie, ids.snooker, ids.justInside]);
		expect(body.items[0].distanceKm).toBeCloseTo(1, 1);
		expect(body.items[0].cheapestOffering).toEqual({
			courseType: "sparring",
			durationMinutes: 60,
			priceFen: 12_000,
			online: false,
		});
		expect(body.items[0].priceFromFen).toBe(12_000);
		expect(body.nextCursor).toBeNull();
	});

	it("leaves out coaches just outside the radius, and pending or suspended ones", async () => {
		const { body } = await search(near);
		const found = names(body);
		expect(found).not.toContain("justOutside");
		expect(found).not.toContain("pending");
		expect(found).not.toContain("suspended");
		expect(names((await search({ ...near, radiusKm: 11 })).body)).toContain("justOutside");
	});

	it("pages by keyset without skipping or repeating, also across equal distances", async () => {
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const { body }: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await search({
				...near,
				limit: 2,
				...(cursor ? { cursor } : {}),
			});
			seen.push(...body.items.map((item) => item.id));
			cursor = body.nextCursor;
		} while (cursor);
		expect(seen).toHaveLength(5);
		expect(new Set(seen).size).toBe(5);
		expect(seen).toEqual((await search(near)).body.items.map((item: { id: string }) => item.id));
	});

	it("filters by discipline, course type, level, gender, online, accepting and price", async () => {
		expect(names((await search({ ...near, discipline: "snooker" })).body)).toEqual(["snooker"]);
		expect(names((await search({ ...near, courseType: "advanced" })).body).sort()).toEqual(["tieA", "tieB"].sort());
		expect(names((await search({ ...near, level: "master" })).body)).toEqual(["snooker"]);
		expect(names((await search({ ...near, gender: "female" })).body)).toEqual(["snooker"]);
		expect(names((await search({ ...near, online: "true" })).body)).toEqual(["snooker"]);
		expect(names((await search({ ...near, accepting: "true" })).body)).not.toContain("tieB");
		const priced = await search({ ...near, minPriceFen: 14_000, maxPriceFen: 20_000 });
		expect(names(priced.body)).toEqual(["near", "snooker"]);
		// The price shown is the offering that matched the filter, not the coach's cheapest overall.
		expect(priced.body.items[0].cheapestOffering.priceFen).toBe(20_000);
	});

	it("sorts by price, rating and newest", async () => {
		expect(names((await search({ ...near, sort: "price" })).body)).toEqual([
			"justInside",
			"near",
			"snooker",
			...["tieA", "tieB"].sort((a, b) => (ids[a] as string).localeCompare(ids[b] as string)),
		]);
		expect(names((await search({ ...near, sort: "rating" })).body).slice(0, 2)).toEqual(["snooker", "near"]);
		expect(names((await search({ ...near, sort: "newest" })).body)).toEqual(["snooker", "justInside", "tieB", "tieA", "near"]);
	});

	it("searches from a city centre and by partial Chinese name", async () => {
		expect(names((await search({ city: "shanghai", radiusKm: 10, q: "王大" })).body)).toEqual(["near"]);
		expect((await search({ city: "shanghai", q: "不存在的名字" })).body.items).toEqual([]);
	});

	it("refuses bad parameters naming the field", async () => {
		const cases: Array<[Record<string, string | number>, string]> = [
			[{ lat: 200, lng: 121 }, "lat"],
			[{ lat: 31 }, "lng"],
			[{ ...near, radiusKm: 0 }, "radiusKm"],
			[{ ...near, discipline: "darts" }, "discipline"],
			[{ ...near, minPriceFen: -5 }, "minPriceFen"],
			[{ ...near, minPriceFen: 5000, maxPriceFen: 100 }, "minPriceFen"],
			[{ sort: "distance" }, "sort"],
			[{ ...near, cursor: "not-a-cursor" }, "cursor"],
			[{ city: "atlantis" }, "city"],
			[{ ...near, limit: 500 }, "limit"],
		];
		for (const [params, field] of cases) {
			const { status, body } = await search(params);
			expect(status, JSON.stringify(params)).toBe(400);
			expect(Object.keys(body.error.fields ?? {}), JSON.stringify(params)).toContain(field);
		}
	});
});

describe("GET /api/v1/coaches/:id", () => {
	it("returns the public profile with itemised offerings and the distance from the viewer", async () => {
		const response = await fetch(`${app.url}/api/v1/coaches/${ids.near}?lat=${shanghai.latitude}&lng=${shanghai.longitude}`);
		const profile = await response.json();
		expect(response.status).toBe(200);
		expect(profile.displayName).toBe("王大力");
		expect(profile.offerings).toEqual([
			expect.objectContaining({ courseType: "basic", durationMinutes: 60, priceFen: 20_000, online: false }),
			expect.objectContaining({ courseType: "sparring", durationMinutes: 60, priceFen: 12_000, online: false }),
		]);
		expect(profile.offerings[0].id).toMatch(/^[0-9a-f-]{36}$/);
		expect(profile.serviceArea.distanceKm).toBeCloseTo(1, 1);
		expect(profile.badges).toEqual(["real_name"]);
	});

	it("answers 404 for unknown, pending and suspended coaches alike", async () => {
		for (const id of [ids.pending, ids.suspended, "00000000-0000-4000-8000-000000000000"]) {
			const response = await fetch(`${app.url}/api/v1/coaches/${id}`);
			expect(response.status).toBe(404);
			expect((await response.json()).error.code).toBe("not_found");
		}
		const page = await fetch(`${app.url}/coaches/${ids.pending}`);
		expect(page.status).toBe(404);
	});
});
