import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { signInBrowser } from "./fixtures";
import { bookingToPay, completedLessonWithDeposit, ledgerBreaks } from "./payments-fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * Money around a lesson, in the sandbox cashier: the deposit of a new booking, then after the
 * lesson (which the coach-orders spec gives through the coach's pages) the balance and a tip —
 * each confirmed on its result page, and the ledger balanced after each. Run at a phone's size
 * and a desktop's; each run makes its own coach, player and booking.
 */
const shot = (page: Page, testInfo: TestInfo, name: string) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage: true });

/** From a checkout: pay in the sandbox cashier and wait for the confirmed result, then back to the booking. */
async function payInSandbox(page: Page, amount: string) {
	await page.getByRole("button", { name: new RegExp(amount ? `确认支付 ${amount}` : "确认打赏") }).click();
	await expect(page.getByText("这是测试支付（开发环境），不会真实扣款")).toBeVisible();
	await page.getByRole("button", { name: "模拟支付成功" }).click();
	await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "succeeded");
	await page.getByRole("link", { name: "查看预约" }).click();
}

test("a player pays the deposit of a new booking in the sandbox cashier and sees the balance still owed", async ({
	page,
	baseURL,
}, testInfo) => {
	const phoneSized = testInfo.project.name === "phone";
	const lesson = await bookingToPay({
		playerPhone: phoneSized ? "13706100001" : "13706100002",
		coachName: phoneSized ? "收款教练甲" : "收款教练乙",
	});
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);

	await page.goto(`/me/bookings/${lesson.bookingId}`);
	await page.getByRole("link", { name: "去支付" }).click();
	await expect(page.getByText("只付定金 ¥60，课后付尾款")).toBeVisible();
	await expect(page.getByRole("heading", { name: "取消规则" })).toBeVisible();
	await waitForHydration(page);
	await expectAccessible(page);
	await shot(page, testInfo, "checkout");
	await payInSandbox(page, "¥60");
	await expect(page.getByText("待教练确认", { exact: true })).toBeVisible();
	await expect(page.getByTestId("balance-due")).toContainText("尾款 ¥140 待支付");
	expect(await ledgerBreaks()).toEqual([]);
});

test("after the lesson the player pays the balance and tips the coach", async ({ page, baseURL }, testInfo) => {
	const phoneSized = testInfo.project.name === "phone";
	const lesson = await completedLessonWithDeposit({
		playerPhone: phoneSized ? "13706100003" : "13706100004",
		coachName: phoneSized ? "收款教练丙" : "收款教练丁",
	});
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);

	await page.goto(`/me/bookings/${lesson.bookingId}`);
	await expect(page.getByText("已完成", { exact: true })).toBeVisible();
	await page.getByTestId("balance-due").getByRole("link", { name: "支付尾款" }).click();
	await payInSandbox(page, "¥140");
	await expect(page.getByTestId("balance-due")).toHaveCount(0);

	await page.getByRole("link", { name: "打赏教练" }).click();
	await page.getByText("¥50", { exact: true }).click();
	await waitForHydration(page);
	await expectAccessible(page);
	await shot(page, testInfo, "tip");
	await payInSandbox(page, "");
	await expect(page.getByTestId("timeline")).toContainText("¥50");
	expect(await ledgerBreaks()).toEqual([]);
});
