import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfiguredApp, type TestApp } from "../support/test-app";

// A file of its own: the pages read their settings once per process, so these are set before the first page renders.
let app: TestApp;
beforeAll(async () => {
	app = await startConfiguredApp({ ICP_LICENSE: "沪ICP备2026000001号-1", PSB_FILING: "沪公网安备31010402000001号" });
});
afterAll(async () => {
	await app.close();
});

describe("the footer with the site's filing numbers", () => {
	it("shows the ICP licence linked to the MIIT registry and the public-security filing linked to its record", async () => {
		for (const path of ["/", "/coaches", "/privacy"]) {
			const page = await (await fetch(`${app.url}${path}`)).text();
			expect(page).toContain("沪ICP备2026000001号-1");
			expect(page).toContain('href="https://beian.miit.gov.cn/"');
			expect(page).toContain("沪公网安备31010402000001号");
			expect(page).toContain("https://beian.mps.gov.cn/#/query/webSearch?code=31010402000001");
		}
	});
});
