import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { type FakeAmap, startFakeAmap } from "../fakes/amap";
import { signInBySms } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { startConfiguredApp, startTestApp, type TestApp } from "../support/test-app";

/**
 * Places found by search instead of typed coordinates: the AMap Web Service through its loopback fake
 * (key and signature checked), the bundled districts when there is no key or AMap fails, the API
 * `GET /api/v1/places`, and the coach's application page saving a picked place.
 */
const key = "test-amap-key";
const secret = "test-amap-secret";
const clearLimits = () => db().execute("delete from rate_limits");
afterEach(clearLimits);

// 星牌台球 in 徐汇, as AMap answers it (GCJ-02 "lng,lat"); the second has no address, which AMap sends as [].
const halls = [
	{
		name: "星牌台球俱乐部(徐汇店)",
		address: "漕溪北路88号",
		cityname: "上海市",
		adname: "徐汇区",
		location: "121.437520,31.188973",
	},
	{ name: "星牌台球(五角场店)", address: [] as [], cityname: "上海市", adname: "杨浦区", location: "121.514180,31.300240" },
];

async function places(app: TestApp, query: Record<string, string>, headers: Record<string, string> = {}) {
	const response = await fetch(`${app.url}/api/v1/places?${new URLSearchParams(query)}`, { headers });
	return { status: response.status, body: await response.json() };
}

describe("place search through AMap (signed requests)", () => {
	let amap: FakeAmap;
	let app: TestApp;
	beforeAll(async () => {
		amap = await startFakeAmap({ key, secret });
		amap.addPois("上海", halls);
		app = await startConfiguredApp({ AMAP_KEY: key, AMAP_SECRET: secret, AMAP_API_BASE: amap.url, AMAP_TIMEOUT_MS: "500" });
	});
	afterAll(async () => {
		await app.close();
		await amap.close();
	});

	it("finds halls by name in the city, with their address and GCJ-02 point, from a signed POI search", async () => {
		const found = await places(app, { q: "星牌台球", city: "shanghai" });
		expect(found.status).toBe(200);
		expect(found.body).toEqual({
			source: "amap",
			notice: null,
			items: [
				{
					name: "星牌台球俱乐部(徐汇店)",
					address: "漕溪北路88号",
					district: "徐汇区",
					latitude: 31.188973,
					longitude: 121.43752,
				},
				// No address from AMap: the city and district stand in, never "[]".
				{ name: "星牌台球(五角场店)", address: "上海市杨浦区", district: "杨浦区", latitude: 31.30024, longitude: 121.51418 },
			],
		});
		const request = amap.requests.at(-1);
		expect(request?.path).toBe("/v3/place/text");
		expect(request?.params).toMatchObject({ key, keywords: "星牌台球", city: "上海", citylimit: "true" });
		expect(request?.params.sig).toMatch(/^[0-9a-f]{32}$/);
		expect(amap.rejected).toEqual([]);
	});

	it("geocodes an address that names no hall", async () => {
		const found = await places(app, { q: "上海市徐汇区漕溪北路88号", city: "shanghai" });
		expect(found.body.source).toBe("amap");
		expect(found.body.items[0]).toMatchObject({ address: "上海市徐汇区漕溪北路88号", latitude: 31.188973, longitude: 121.43752 });
		expect(amap.requests.at(-1)?.path).toBe("/v3/geocode/geo");
	});

	it("offers the city's districts with a notice in the reader's language when AMap refuses (a spent quota)", async () => {
		amap.failNextWith("DAILY_QUERY_OVER_LIMIT", "10003");
		const found = await places(app, { q: "徐汇 台球", city: "shanghai" });
		expect(found.status).toBe(200);
		expect(found.body.source).toBe("districts");
		expect(found.body.notice).toBe("地点搜索暂时不可用，请先从下面的区县中选择，稍后再搜索具体球厅。");
		expect(found.body.items).toEqual([
			{ name: "徐汇区", address: "徐汇区", district: "徐汇区", latitude: 31.179973, longitude: 121.43752 },
		]);
		expect(amap.rejected).toContain("DAILY_QUERY_OVER_LIMIT");

		amap.failNextWith("DAILY_QUERY_OVER_LIMIT", "10003");
		const english = await places(app, { q: "台球", city: "shanghai" }, { "accept-language": "en" });
		expect(english.body.notice).toBe(
			"Place search is unavailable right now. Choose a district below for now and search for your hall later.",
		);
		expect(english.body.items).toHaveLength(16);
	});

	it("offers the districts when AMap does not answer in time", async () => {
		amap.stopAnswering();
		try {
			const found = await places(app, { q: "星牌台球", city: "shanghai" });
			expect(found.status).toBe(200);
			expect(found.body.source).toBe("districts");
			expect(found.body.notice).toContain("暂时不可用");
		} finally {
			amap.answerAgain();
		}
	});

	it("refuses an unknown city or an overlong query with a message naming the field, without asking AMap", async () => {
		const before = amap.requests.length;
		const unknown = await places(app, { q: "台球", city: "atlantis" });
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.fields.city).toBe("请选择列表中的城市");
		const long = await places(app, { q: "台".repeat(61), city: "shanghai" });
		expect(long.status).toBe(400);
		expect(long.body.error.fields.q).toBe("搜索词最多 60 个字");
		expect(amap.requests.length).toBe(before);
	});

	it("limits how often one client may search (AMap's key has a daily quota)", async () => {
		const statuses: number[] = [];
		for (let count = 0; count < 31; count += 1) statuses.push((await places(app, { q: "星牌", city: "shanghai" })).status);
		expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
		const refused = await places(app, { q: "星牌", city: "shanghai" });
		expect(refused.status).toBe(429);
		expect(refused.body.error.code).toBe("rate_limited");
	});
});

describe("a key whose signature does not match", () => {
	it("is refused by AMap and the districts are offered instead", async () => {
		const amap = await startFakeAmap({ key, secret });
		amap.addPois("上海", halls);
		const app = await startConfiguredApp({ AMAP_KEY: key, AMAP_SECRET: "not-the-secret", AMAP_API_BASE: amap.url });
		try {
			const found = await places(app, { q: "星牌台球", city: "shanghai" });
			expect(amap.rejected).toEqual(["INVALID_USER_SIGNATURE"]);
			expect(found.body.source).toBe("districts");
			expect(found.body.items).toHaveLength(16);
		} finally {
			await app.close();
			await amap.close();
		}
	});
});

describe("without an AMap key", () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it("answers from the bundled districts: the one the query names, else all of the city's", async () => {
		const pudong = await places(app, { q: "浦东张江", city: "shanghai" });
		expect(pudong.body).toEqual({
			source: "districts",
			notice: null,
			items: [{ name: "浦东新区", address: "浦东新区", district: "浦东新区", latitude: 31.245944, longitude: 121.567706 }],
		});
		expect((await places(app, { q: "", city: "beijing" })).body.items).toHaveLength(16);
		const lhasa = await places(app, { q: "台球", city: "lasa" });
		expect(lhasa.body.items).toEqual([]);
		expect(lhasa.body.notice).toBe("这座城市暂时没有区县列表：请填写地址，距离按城市中心计算。");
	});
});

describe("the coach's place form", () => {
	let amap: FakeAmap;
	let app: TestApp;
	let token: string;
	beforeAll(async () => {
		amap = await startFakeAmap({ key, secret });
		amap.addPois("上海", halls);
		app = await startConfiguredApp({ AMAP_KEY: key, AMAP_SECRET: secret, AMAP_API_BASE: amap.url });
		token = (await signInBySms(app.url, "13700001234")).token;
	});
	afterAll(async () => {
		await app.close();
		await amap.close();
	});

	const page = (path: string) => fetch(`${app.url}${path}`, { headers: { cookie: `cp_session=${token}` } }).then((r) => r.text());
	const post = (fields: Record<string, string>) =>
		fetch(`${app.url}/coach/apply`, {
			method: "POST",
			redirect: "manual",
			headers: { cookie: `cp_session=${token}`, origin: app.url },
			body: new URLSearchParams(fields),
		});
	const application = async () => (await apiCall(app, "GET", "/coach/application", token)).body;

	it("asks for the city before searching, then lists halls without JavaScript and saves the one picked", async () => {
		expect(await page("/coach/apply?placeQuery=星牌")).toContain("先在上面选择所在城市并保存");
		expect((await post({ intent: "area", cityCode: "shanghai", serviceRadiusKm: "", centre: "" })).status).toBe(302);

		const listed = await page(`/coach/apply?${new URLSearchParams({ placeQuery: "星牌台球" })}`);
		expect(listed).toContain("星牌台球俱乐部(徐汇店)");
		expect(listed).toContain("漕溪北路88号");
		expect(listed).toContain("pick=0");

		// Picking (a link without JavaScript) fills the form: the name and address editable, the point kept.
		const picked = await page(`/coach/apply?${new URLSearchParams({ placeQuery: "星牌台球", pick: "0" })}`);
		expect(picked).toContain('value="31.188973"');
		expect(picked).toContain('value="121.43752"');
		expect(picked).toContain("位置：星牌台球俱乐部(徐汇店)");

		const saved = await post({
			intent: "add-place",
			name: "星牌台球俱乐部(徐汇店)",
			address: "漕溪北路88号 3楼",
			latitude: "31.188973",
			longitude: "121.43752",
		});
		expect(saved.status).toBe(302);
		expect((await application()).places).toEqual([
			expect.objectContaining({
				name: "星牌台球俱乐部(徐汇店)",
				address: "漕溪北路88号 3楼",
				latitude: 31.188973,
				longitude: 121.43752,
			}),
		]);
	});

	it("centres the service area on a chosen hall or district, and refuses a centre that was not offered", async () => {
		const html = await page("/coach/apply");
		expect(html).toContain('<option value="31.188973,121.43752">星牌台球俱乐部(徐汇店)</option>');
		expect(html).toContain('<option value="31.179973,121.43752">徐汇区</option>');
		expect(
			(await post({ intent: "area", cityCode: "shanghai", serviceRadiusKm: "8", centre: "31.179973,121.43752" })).status,
		).toBe(302);
		expect((await application()).area).toMatchObject({ serviceRadiusKm: 8, latitude: 31.179973, longitude: 121.43752 });

		const refused = await post({ intent: "area", cityCode: "shanghai", serviceRadiusKm: "5", centre: "徐汇" });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain("请从列表中选择服务范围的中心");
		expect((await application()).area).toMatchObject({ serviceRadiusKm: 8, latitude: 31.179973 });
	});

	it("no longer asks a coach to type coordinates", async () => {
		const html = await page("/coach/apply");
		expect(html).not.toContain('name="latitude" inputMode="decimal"');
		expect(html).not.toMatch(/<input[^>]*name="latitude"[^>]*type="text"|placeholder="31\.2304"/);
	});
});

describe("the coach search near a point", () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it("shows the city the point is in on the city picker, not 上海", async () => {
		const html = await fetch(`${app.url}/coaches?lat=39.91334&lng=116.38405&sort=distance`).then((r) => r.text());
		expect(html).toMatch(/<option value="beijing" selected="">北京<\/option>/);
		expect(html).not.toMatch(/<option value="shanghai" selected="">/);
	});
});
