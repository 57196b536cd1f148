import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("/api/v1", () => {
	it("returns the enumerations from /meta", async () => {
		const response = await fetch(`${app.url}/api/v1/meta`);
		const body = await response.json();
		expect(response.status).toBe(200);
		expect(body.disciplines.map((item: { code: string }) => item.code)).toEqual(["chinese_8_ball", "nine_ball", "snooker"]);
		expect(body.courseTypes).toHaveLength(5);
		expect(body.courseTypes[3]).toEqual({ code: "sparring", name: { "zh-CN": "陪练", en: "Sparring" } });
		expect(body.locales).toEqual(["zh-CN", "en"]);
		expect(body.currency).toBe("CNY");
	});

	it("publishes an OpenAPI 3.1 document describing its operations", async () => {
		const document = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
		expect(document.openapi).toBe("3.1.0");
		expect(document.paths["/api/v1/meta"].get.responses["200"].content["application/json"].schema.properties).toHaveProperty(
			"disciplines",
		);
	});

	it("answers unknown routes with JSON 404 in the caller's language", async () => {
		const chinese = await fetch(`${app.url}/api/v1/does-not-exist`);
		expect(chinese.status).toBe(404);
		expect(chinese.headers.get("content-type")).toContain("application/json");
		expect(await chinese.json()).toEqual({ error: { code: "not_found", message: "没有这个接口" } });
		const english = await fetch(`${app.url}/api/v1/does-not-exist`, { headers: { "accept-language": "en-US,en;q=0.9" } });
		expect((await english.json()).error.message).toBe("There is no such endpoint");
	});

	it("answers a wrong method on a known route with JSON 405", async () => {
		const response = await fetch(`${app.url}/api/v1/meta`, { method: "DELETE" });
		expect(response.status).toBe(405);
		expect((await response.json()).error.code).toBe("method_not_allowed");
	});
});
