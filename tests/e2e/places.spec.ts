import { expect, test } from "@playwright/test";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * Places by search, not coordinates: a coach finds where they teach by typing (here without an AMap
 * key, so the city's districts answer), picks one, keeps editing the address and adds the hall; and a
 * player's "使用我的位置" moves the city picker to the city they are in.
 */
test("a coach finds their place by search, picks it and adds the hall", async ({ page, context, baseURL }, testInfo) => {
	const phone = testInfo.project.name === "phone" ? "13712340001" : "13712340002";
	await signInBrowser(context, baseURL ?? "", await createPlayer(phone, "找地点的教练"));
	await page.goto("/coach/apply#where");
	await waitForHydration(page);

	const where = page.locator("#where");
	await expect(where.getByText("先在上面选择所在城市并保存")).toBeVisible();
	await expect(where.getByLabel("纬度")).toHaveCount(0);
	await where.getByLabel("所在城市").selectOption({ label: "上海" });
	await where.getByRole("button", { name: "保存城市与服务范围" }).click();
	await expect(where.getByRole("searchbox", { name: "搜索地点" })).toBeVisible();

	// Suggestions follow the typing; picking one fills the hall's name and address.
	await where.getByRole("searchbox", { name: "搜索地点" }).fill("徐汇");
	await expect(where.getByTestId("place-results")).toContainText("徐汇区");
	await expectAccessible(page, "#where");
	await where.getByTestId("place-results").scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath("place-suggestions.png") });
	await where.getByRole("link", { name: /^徐汇区.*选这个$/ }).click();
	await expect(where.getByTestId("picked-place")).toHaveText("位置：徐汇区");
	await expect(where.getByLabel("球厅名称")).toHaveValue("徐汇区");

	await where.getByLabel("球厅名称").fill("徐汇星牌台球");
	await where.getByLabel("地址").fill("徐汇区漕溪北路 88 号 3 楼");
	await where.getByRole("button", { name: "添加球厅" }).click();
	const hall = where.getByRole("listitem").filter({ hasText: "徐汇星牌台球" });
	await expect(hall).toBeVisible();
	await expect(hall).toContainText("徐汇区漕溪北路 88 号 3 楼");

	// The hall can now centre the service area; no coordinate to type anywhere.
	await expect(where.getByLabel("服务范围的中心").locator("option", { hasText: "徐汇星牌台球" })).toHaveCount(1);
	await expectAccessible(page, "#where");
	// The search starts afresh for the next hall.
	await expect(where.getByTestId("picked-place")).toHaveText("还没有选择位置：不选则按城市中心计算距离。");
	await hall.scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath("place-added.png") });
});

test.describe("a player in Beijing", () => {
	// The browser's WGS-84 fix at 天安门 (39.9087, 116.3975).
	test.use({ geolocation: { latitude: 39.9087, longitude: 116.3975 }, permissions: ["geolocation"] });

	test("sees 北京 on the city picker after 使用我的位置, with the point searched in GCJ-02", async ({ page }, testInfo) => {
		await page.goto("/coaches");
		await waitForHydration(page);
		await expect(page.locator("#coach-city")).toHaveValue("shanghai");
		await page.getByRole("button", { name: "使用我的位置" }).click();
		// Precise location asks its own consent first (once per browser).
		await page.getByRole("button", { name: "同意并定位" }).click();
		// gcoord's GCJ-02 for that point: 39.91010, 116.40374 (about 550 m from the WGS-84 fix).
		await expect(page).toHaveURL(/lat=39\.9101\d*&lng=116\.4037/);
		await expect(page.locator("#coach-city")).toHaveValue("beijing");
		await expect(page.getByText("我附近", { exact: false })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath("search-near-me-beijing.png") });
	});
});
