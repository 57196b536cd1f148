import { devices, expect, test } from "@playwright/test";
import { bookAndPay, createOrdersCoach } from "./coach-orders-fixtures";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/** "HH:MM" of an instant in Shanghai, as the pages show lesson times. */
const shanghaiClock = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * The coach answers a paid booking with another time on a desktop screen; the player opens the
 * booking on a phone, sees the proposal (old → new, the message), accepts it, and sees the lesson
 * confirmed at the new time. Each project run has its own coach and player, so the demo accounts
 * stay as a fresh start leaves them.
 */
test("the coach proposes a new time on desktop, the player accepts it on a phone and sees the new time", async ({
	browser,
	request,
	baseURL,
}, testInfo) => {
	const run = testInfo.project.name === "phone" ? "1" : "2";
	const coach = await createOrdersCoach(`改期教练${run}`, `1370830000${run}`);
	const playerName = `改期学员${run}`;
	const playerId = await createPlayer(`1370840000${run}`, playerName);
	const { bookingId } = await bookAndPay(request, { coachId: coach.coachId, playerId, note: "想练低杆" });

	const desk = await browser.newContext({
		...devices["Desktop Chrome"],
		viewport: { width: 1280, height: 800 },
		baseURL,
		locale: "zh-CN",
	});
	await signInBrowser(desk, baseURL as string, coach.userId);
	const coachPage = await desk.newPage();
	await coachPage.goto(`/coach/orders/${bookingId}`);
	await expect(coachPage.getByRole("heading", { level: 1, name: `${playerName} 的预约` })).toBeVisible();
	await waitForHydration(coachPage);
	const panel = coachPage.getByTestId("propose-adjust");
	await panel.getByText("调整时间/地点").click();
	// Another day than the booked one: its times follow the day link.
	const days = panel.getByRole("navigation", { name: "日期" }).getByRole("link");
	await days.nth(1).click();
	// The day's own times are shown once its link is the current one (the URL changes a little earlier).
	await expect(days.nth(1)).toHaveAttribute("aria-current", "page");
	const firstTime = panel.getByTestId("free-times").getByRole("radio").first();
	const proposedAt = (await firstTime.getAttribute("value")) as string;
	const chosen = panel.locator(`label:has(input[value="${proposedAt}"])`);
	await chosen.click();
	await expect(chosen.getByRole("radio")).toBeChecked();
	await coachPage.getByLabel("给球员的说明（选填）").fill("那天上午有比赛，换到这个时间可以吗？");
	await coachPage.screenshot({ path: testInfo.outputPath("coach-adjust.png"), fullPage: true });
	// Only what this feature adds is scanned: the order page around it has its own spec.
	await expectAccessible(coachPage, '[data-testid="propose-adjust"]');
	await coachPage.getByRole("button", { name: "发送调整" }).click();
	await expect(coachPage.getByText("调整已发给球员，等待答复")).toBeVisible();
	const proposal = coachPage.getByTestId("pending-change");
	await expect(proposal).toContainText("你提议的调整");
	await expect(proposal).toContainText("等待球员答复");
	await expect(proposal).toContainText(shanghaiClock(proposedAt));
	await coachPage.screenshot({ path: testInfo.outputPath("coach-proposed.png"), fullPage: true });

	const phone = await browser.newContext({
		...devices["Pixel 7"],
		viewport: { width: 390, height: 844 },
		baseURL,
		locale: "zh-CN",
	});
	await signInBrowser(phone, baseURL as string, playerId);
	const playerPage = await phone.newPage();
	await playerPage.goto(`/me/bookings/${bookingId}`);
	const card = playerPage.getByTestId("pending-change");
	await expect(card).toContainText("教练提议调整");
	await expect(card).toContainText("那天上午有比赛，换到这个时间可以吗？");
	await expect(card).toContainText(shanghaiClock(proposedAt));
	await waitForHydration(playerPage);
	await playerPage.screenshot({ path: testInfo.outputPath("player-proposal.png"), fullPage: true });
	await expectAccessible(playerPage, '[data-testid="pending-change"]');
	await card.getByRole("button", { name: "接受" }).click();
	await expect(playerPage.getByText("已接受，预约已更新")).toBeVisible();
	await expect(playerPage.getByTestId("pending-change")).toHaveCount(0);
	const header = playerPage.locator("header").filter({ hasText: `改期教练${run}` });
	await expect(header).toContainText("已确认");
	await expect(header).toContainText(shanghaiClock(proposedAt));
	await expect(playerPage.getByText("接受了调整")).toBeVisible();
	await playerPage.screenshot({ path: testInfo.outputPath("player-accepted.png"), fullPage: true });
	await desk.close();
	await phone.close();
});
