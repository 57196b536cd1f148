import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall } from "../support/api-client";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Search values typed or shared in the address are bounded: one out of range is refused with a
 * message saying what is allowed (400), never echoed back as if it had been searched
 * ("99999 公里内"), and a word where a price goes says to type a number.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

async function page(query: string, language = "zh-CN") {
	const response = await fetch(`${app.url}/coaches?${query}`, { headers: { "accept-language": language } });
	return { status: response.status, html: await response.text() };
}

describe("the search page's address values", () => {
	it.each(["99999", "-5", "0"])("refuses a radius of %s km and does not claim to have searched it", async (radius) => {
		const answer = await page(`radiusKm=${radius}`);
		expect(answer.status).toBe(400);
		expect(answer.html).toContain("搜索半径应在 1 到 200 公里之间");
		expect(answer.html).not.toContain(`${radius} 公里内`);
		expect(answer.html).not.toContain("20 公里内");
	});

	it("says what radius it searched when the value is allowed", async () => {
		const answer = await page("radiusKm=50");
		expect(answer.status).toBe(200);
		expect(answer.html).toContain("上海 · 50 公里内");
	});

	it("asks for a number when a price is a word, in Chinese and in English", async () => {
		const zh = await page("minYuan=abc");
		expect(zh.status).toBe(400);
		expect(zh.html).toContain("请输入数字");
		expect(zh.html).not.toContain("价格应在 0 到 10 万元之间");
		const en = await page("maxYuan=cheap", "en");
		expect(en.status).toBe(400);
		expect(en.html).toContain("Enter a number");
	});

	it("gives the allowed range for a negative or too large price, and refuses fractions of a fen", async () => {
		for (const query of ["minYuan=-5", "maxYuan=100001"]) {
			const answer = await page(query);
			expect(answer.status, query).toBe(400);
			expect(answer.html, query).toContain("价格应在 0 到 10 万元之间");
		}
		const cents = await page("minYuan=1.234");
		expect(cents.status).toBe(400);
		expect(cents.html).toContain("价格最多精确到分（两位小数）");
		expect((await page("minYuan=100&maxYuan=199.5")).status).toBe(200);
	});

	it("keeps the API's answer for the same values: 400 naming the field", async () => {
		const radius = await apiCall(app, "GET", "/coaches?radiusKm=99999", null);
		expect(radius.status).toBe(400);
		expect(Object.keys(radius.body.error.fields)).toEqual(["radiusKm"]);
		const limit = await apiCall(app, "GET", "/coaches?limit=2.5", null, undefined, { "accept-language": "zh-CN" });
		expect(limit.status).toBe(400);
		expect(limit.body.error.fields.limit).toBe("超出允许范围");
	});
});
