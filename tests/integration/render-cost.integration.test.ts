import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfiguredApp, startTestApp, type TestApp } from "../support/test-app";

/**
 * What a page costs to answer (issue 12.1, decision 024): the search page's data carries only what
 * the answer changes (the city list is built in the browser from the bundled cities), and who
 * compresses is a setting: the app (gzip: pages stream in small chunks) or, behind an ingress that
 * compresses, nobody here.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("the search page's loader data", () => {
	it("does not carry the city list on a client navigation, while the page still offers every city", async () => {
		const data = await fetch(`${app.url}/coaches.data?city=shanghai`, { headers: { "accept-language": "zh-CN" } });
		expect(data.status).toBe(200);
		const stream = await data.text();
		expect(stream).toContain("上海");
		expect(stream).not.toContain("哈尔滨");

		const page = await fetch(`${app.url}/coaches?city=shanghai`, { headers: { "accept-language": "zh-CN" } });
		const html = await page.text();
		expect(html).toMatch(/<option value="haerbin"[^>]*>哈尔滨<\/option>/);
	});
});

describe("compression", () => {
	it("answers a page in gzip even to a browser that prefers brotli (streamed brotli is larger and slower)", async () => {
		const response = await fetch(`${app.url}/coaches?city=shanghai`, {
			headers: { "accept-encoding": "br, gzip", "accept-language": "zh-CN" },
		});
		expect(response.status).toBe(200);
		expect(response.headers.get("content-encoding")).toBe("gzip");
		expect(await response.text()).toContain("</html>");
	});

	it("leaves compression to the ingress with HTTP_COMPRESSION=off", async () => {
		const behindIngress = await startConfiguredApp({ HTTP_COMPRESSION: "off" });
		try {
			const response = await fetch(`${behindIngress.url}/coaches?city=shanghai`, {
				headers: { "accept-encoding": "br, gzip", "accept-language": "zh-CN" },
			});
			expect(response.status).toBe(200);
			expect(response.headers.get("content-encoding")).toBeNull();
			expect(await response.text()).toContain("</html>");
		} finally {
			await behindIngress.close();
		}
	});
});
