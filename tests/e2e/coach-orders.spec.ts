import { expect, test } from "@playwright/test";
import { bookAndPay, createOrdersCoach } from "./coach-orders-fixtures";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * A coach keeps the orders inbox open; a player books and pays meanwhile; the booking appears in
 * the inbox and the badge without a reload (PostgreSQL NOTIFY → Server-Sent Events), and the coach
 * confirms it. Each viewport has its own coach and player, so nothing depends on the demo accounts.
 */
test("a coach sees a new paid booking arrive without reloading and confirms it", async ({ page, request, baseURL }, testInfo) => {
	const phoneSized = testInfo.project.name === "phone";
	const coach = await createOrdersCoach(phoneSized ? "接单教练甲" : "接单教练乙", phoneSized ? "13707100001" : "13707200001");
	const playerName = phoneSized ? "实时学员甲" : "实时学员乙";
	const playerId = await createPlayer(phoneSized ? "13707100002" : "13707200002", playerName);
	await signInBrowser(page.context(), baseURL as string, coach.userId);

	await page.goto("/coach/orders");
	await expect(page.getByRole("heading", { level: 1, name: "预约订单" })).toBeVisible();
	await expect(page.getByText("没有待确认的预约")).toBeVisible();
	await waitForHydration(page);
	// The feed is open (it says so), so a booking committed from now on reaches this page.
	await expect(page.locator('[data-live="on"]')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath("orders-empty.png"), fullPage: true });
	await expectAccessible(page);
	// Set on this document only: still there afterwards means the page was never reloaded.
	await page.evaluate(() => {
		(window as unknown as { stayedOnPage: boolean }).stayedOnPage = true;
	});

	const { bookingId } = await bookAndPay(request, { coachId: coach.coachId, playerId, note: "想练中杆和走位" });

	const card = page.getByRole("link", { name: new RegExp(playerName) });
	await expect(card).toBeVisible();
	await expect(card).toContainText("想练中杆和走位");
	await expect(page.getByTestId("count-to_confirm")).toHaveText("1");
	const desk = page
		.getByRole("navigation", { name: "主导航" })
		.filter({ visible: true })
		.getByRole("link", { name: /工作台/ });
	await expect(desk).toContainText("1");
	expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
	await page.screenshot({ path: testInfo.outputPath("orders-arrived.png"), fullPage: true });

	await card.click();
	await expect(page).toHaveURL(new RegExp(`/coach/orders/${bookingId}$`));
	await expect(page.getByRole("heading", { level: 1, name: `${playerName} 的预约` })).toBeVisible();
	await waitForHydration(page);
	await page.getByText("婉拒预约").click();
	await expect(page.getByLabel("婉拒原因")).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath("order-detail.png"), fullPage: true });
	// The frame around the order was scanned with the inbox: this page's own part is what is new.
	await expectAccessible(page, "#main");

	await page.getByRole("button", { name: "确认接单" }).click();
	await expect(page.getByText("已接单，已通知球员")).toBeVisible();
	await expect(page.getByText("教练确认接单")).toBeVisible();
	await expect(page.getByRole("button", { name: "确认接单" })).toHaveCount(0);
	await expect(desk).not.toContainText("1");
	await page.getByText("取消这节课").click();
	await expect(page.getByText(/球员将获得全额退款 ¥200，这次取消会计入你的教练记录/)).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath("order-confirmed.png"), fullPage: true });
});
