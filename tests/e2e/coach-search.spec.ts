import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./support";

test.use({ geolocation: { latitude: 31.2304, longitude: 121.4737 }, permissions: ["geolocation"] });

test("a player finds a snooker coach near them and opens the profile", async ({ page, isMobile }, testInfo) => {
	await page.goto("/");
	await waitForHydration(page);
	await page.getByRole("link", { name: "找附近的教练" }).click();
	await expect(page.getByRole("heading", { name: "找教练", level: 1 })).toBeVisible();
	await expect(page.getByTestId("coach-results").locator("> li").first()).toBeVisible();
	await expectAccessible(page);

	await page.getByRole("button", { name: "使用我的位置" }).click();
	// Precise location asks its own consent first (once per browser).
	await page.getByRole("button", { name: "同意并定位" }).click();
	// The browser's WGS-84 31.2304,121.4737 searched as GCJ-02, the datum coaches' places are stored in.
	await expect(page).toHaveURL(/lat=31\.2284\d*&lng=121\.4782/);
	await expect(page.getByText("我附近 · 20 公里内")).toBeVisible();

	// On a phone the filters open in a sheet; on a desktop they sit beside the list.
	const phoneSized = (testInfo.project.use.viewport?.width ?? 1280) < 768 || isMobile;
	if (phoneSized) {
		await page.getByRole("button", { name: "筛选" }).click();
		const sheet = page.getByRole("dialog", { name: "筛选" });
		await expect(sheet).toBeVisible();
		await expectAccessible(page);
		await sheet.getByLabel("项目").selectOption({ label: "斯诺克" });
		await sheet.getByRole("button", { name: "查看结果" }).click();
	} else {
		const side = page.locator("aside");
		await side.getByLabel("项目").selectOption({ label: "斯诺克" });
		await side.getByRole("button", { name: "查看结果" }).click();
	}
	await expect(page).toHaveURL(/discipline=snooker/);
	const results = page.getByTestId("coach-results").locator("> li");
	await expect(results.first()).toBeVisible();
	for (const text of await results.allInnerTexts()) expect(text).toContain("斯诺克");

	// The filters are in the address: a reload (or a shared link) shows the same search.
	await page.reload();
	await expect(page).toHaveURL(/discipline=snooker/);
	const firstName = ((await results.first().getByRole("heading").textContent()) ?? "").trim();
	await results.first().getByRole("link").click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstName);
	await expect(page.getByRole("heading", { name: "课程与价格" })).toBeVisible();
	await expect(page.getByTestId("offerings")).toContainText("¥");
	await expect(page.getByText("距您", { exact: false }).first()).toBeVisible();
	await expect(page.getByText("还没有评价")).toBeVisible();
	await expectAccessible(page);

	await page.goBack();
	await expect(page).toHaveURL(/discipline=snooker/);
});

test("a search with nothing nearby says so and suggests what to change", async ({ page }) => {
	await page.goto("/coaches?city=lasa&radiusKm=3");
	await expect(page.getByText("附近暂时没有符合条件的教练")).toBeVisible();
	await expectAccessible(page);
});
