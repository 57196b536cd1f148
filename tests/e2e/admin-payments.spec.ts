import { expect, test } from "@playwright/test";
import { signInStaffThroughPages } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The back office's money on a fresh start (the demo data has paid bookings and refunds): an admin
 * finds the payments, opens one's whole history, reads the trial balance (summing to ¥0 with the
 * ledger check passed) and the reconciliation page, at each viewport, screenshots kept with the run.
 */
test("an admin reads the payments, one payment's history, the trial balance and the reconciliation", async ({
	page,
}, testInfo) => {
	await signInStaffThroughPages(page, "admin", "/admin/payments");
	await expect(page.getByRole("heading", { level: 1, name: "支付" })).toBeVisible();
	const rows = page.getByRole("region", { name: "支付记录" }).getByRole("link");
	await expect(rows.first()).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("payments.png"), fullPage: true });

	// A payment that was refunded: its row says so, and its history shows the refund and the postings.
	await page.getByRole("link", { name: /已退/ }).first().click();
	await expect(page.getByRole("heading", { level: 2, name: "账本分录" })).toBeVisible();
	await expect(page.getByRole("heading", { level: 2, name: "退款", exact: true })).toBeVisible();
	await expect(page.getByText("已退款", { exact: true }).first()).toBeVisible();
	await expect(page.getByRole("link", { name: /查看预约/ })).toBeVisible();
	await waitForHydration(page);
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("payment.png"), fullPage: true });

	await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "账本" }).click();
	await expect(page.getByRole("heading", { level: 1, name: "账本试算" })).toBeVisible();
	await expect(page.getByText("借贷平衡")).toBeVisible();
	await expect(page.getByText(/全部通过/)).toBeVisible();
	await page
		.getByRole("link", { name: /按对象查看/ })
		.first()
		.click();
	await expect(page.getByRole("link", { name: /收起/ })).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("ledger.png"), fullPage: true });

	await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "对账" }).click();
	await expect(page.getByRole("heading", { level: 1, name: "对账" })).toBeVisible();
	await page.getByRole("link", { name: "全部", exact: true }).click();
	await expect(page).toHaveURL(/status=all/);
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("reconciliation.png"), fullPage: true });
});
