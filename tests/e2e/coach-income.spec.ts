import { expect, test } from "@playwright/test";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The demo coach on a fresh start, in Chromium at both viewports: the desk leads to the income
 * page, which shows money available to withdraw from the settled demo lessons, the monthly chart
 * (an SVG drawn on the server), and the demo lessons' movements once the month is filtered, each
 * linking to its order. Screenshots kept with the run.
 */
const previousMonth = () => {
	const now = new Date(Date.now() + 8 * 3_600_000);
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

test("the demo coach sees the income, its chart and the movements of the demo lessons", async ({
	page,
	context,
	baseURL,
}, testInfo) => {
	// The demo coach exists after the seed: this finds it rather than making an account.
	const coachId = await createPlayer("13800000002");
	await signInBrowser(context, baseURL as string, coachId);

	await page.goto("/coach");
	await page.getByRole("link", { name: "收入" }).click();
	await expect(page.getByRole("heading", { level: 1, name: "我的收入" })).toBeVisible();
	const overview = page.getByRole("region", { name: "收入概览" });
	await expect(overview.getByTestId("available")).toHaveText(/¥[1-9]/);
	await expect(overview.getByRole("link", { name: "提现" })).toHaveAttribute("href", "/coach/withdrawals/new");
	// One drawing for phones, one for wide screens: whichever this viewport shows is there.
	await expect(page.getByRole("figure", { name: "近 12 个月收入" }).locator("svg:visible")).toHaveCount(1);
	await expect(page.getByRole("table", { name: "每月收入（元）" })).toBeAttached();
	await waitForHydration(page);
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("income.png"), fullPage: true });

	// The demo lessons were completed weeks ago: the month before this one (or this one) lists them.
	for (const month of [previousMonth(), new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)]) {
		await page.getByLabel("月份").fill(month);
		await page.getByRole("button", { name: "筛选" }).click();
		await expect(page).toHaveURL(new RegExp(`month=${month}`));
		// The month's answer has rendered (its list, or the words for an empty month) before it is read.
		await expect(page.getByRole("link", { name: "下载月度对账单（CSV）" })).toHaveAttribute("href", new RegExp(`month=${month}`));
		await expect(page.getByTestId("movements").or(page.getByText("这个月没有收支记录"))).toBeVisible();
		if ((await page.getByTestId("movements").count()) > 0) break;
	}
	const movements = page.getByTestId("movements");
	await expect(movements.getByText("课程").first()).toBeVisible();
	await expect(movements.getByRole("link", { name: /查看订单/ }).first()).toHaveAttribute("href", /^\/coach\/orders\//);
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("income-month.png"), fullPage: true });
});
