import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookThroughApi, pageGet } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The signed-out home page shows what the service really has: coaches of the default city (shown
 * as search shows them), city and discipline entry points that are links into search, and no
 * promise of features not built (billiard halls' team tools). It stays one cached page for every
 * signed-out visitor.
 */
let app: TestApp;
beforeAll(async () => {
	await createApprovedCoach({
		displayName: "首页周教练",
		point: { latitude: 31.23, longitude: 121.47 },
		reviewer: await createReviewer(),
	});
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const home = async (language = "zh-CN") => {
	const response = await fetch(`${app.url}/`, { headers: { "accept-language": language } });
	return { response, html: await response.text() };
};

describe("the signed-out home page", () => {
	it("links each discipline card and popular city to its search, and shows coaches of the default city", async () => {
		const { response, html } = await home();
		expect(response.status).toBe(200);
		for (const discipline of ["chinese_8_ball", "nine_ball", "snooker"])
			expect(html).toContain(`href="/coaches?discipline=${discipline}"`);
		for (const city of ["shanghai", "beijing", "chengdu"]) expect(html).toContain(`href="/coaches?city=${city}"`);
		expect(html).toContain("上海评分最高的教练");
		expect(html).toContain("首页周教练");
	});

	it("promises only what is built: no billiard-hall team tools", async () => {
		const zh = (await home()).html;
		expect(zh).not.toContain("管理教练团队");
		expect(zh).not.toContain("举办活动");
		const en = (await home("en")).html;
		expect(en).not.toContain("run events");
		expect(en).toContain("Top-rated coaches in Shanghai");
	});

	it("is still served from the cache to the next signed-out visitor", async () => {
		await home();
		const again = await home();
		expect(again.response.headers.get("x-page-cache")).toBe("hit");
	});
});

describe("the signed-in home page", () => {
	it("shows the player's booking waiting for payment, linked to its checkout, and is never the cached page", async () => {
		const coach = await bookableCoach("首页约课教练");
		const player = await signedInUser("首页球友");
		const empty = await pageGet(app, "/", player.token);
		expect(empty.html).toContain("我的课程");
		expect(empty.html).toContain("还没有约好的课。");
		expect(empty.html).toContain("没有待支付或待教练确认的预约。");

		const booking = await bookThroughApi(app, coach, player);
		const page = await pageGet(app, "/", player.token);
		expect(page.html).toContain(`href="/me/bookings/${booking.id}/pay"`);
		expect(page.html).toContain("首页约课教练");
		expect(page.html).toContain("待支付");
		expect(page.html).not.toContain("没有待支付或待教练确认的预约。");
	});
});
