import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./support";

test("the home page is in Chinese, accessible, and switches to English and back", async ({ page }) => {
	await page.goto("/");
	await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
	await expect(page.getByRole("heading", { level: 1 })).toContainText("约一位好教练");
	await expect(page.getByText("中式八球").first()).toBeVisible();
	await expectAccessible(page);

	await waitForHydration(page);
	await page.getByRole("button", { name: "切换语言" }).click();
	await expect(page.locator("html")).toHaveAttribute("lang", "en");
	await expect(page.getByRole("heading", { level: 1 })).toContainText("Book a great coach");
	await expectAccessible(page);

	// The choice is remembered in a cookie across a full reload.
	await page.reload();
	await expect(page.locator("html")).toHaveAttribute("lang", "en");
	await page.getByRole("button", { name: "Change language" }).click();
	await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("an unknown address shows the friendly 404 page", async ({ page }) => {
	const response = await page.goto("/this/does/not/exist");
	expect(response?.status()).toBe(404);
	await expect(page.getByRole("heading", { name: "找不到您要的内容" })).toBeVisible();
	await expect(page.getByRole("link", { name: "返回首页" })).toBeVisible();
	await expectAccessible(page);
});
