import { expect, test } from "@playwright/test";
import { createBookableCoach } from "./booking-fixtures";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

// A player abroad: every time shows in Shanghai and in the viewer's own zone.
test.use({ timezoneId: "America/New_York" });

/**
 * A player books a coach of the spec's own from the profile, pays the deposit in the sandbox
 * cashier, then cancels and is refunded exactly what the quote promised. Run at a phone's size and a
 * desktop's; each run makes its own coach and player.
 */
test("a player books from the profile, pays the deposit in the sandbox cashier, and cancels for the refund the quote promised", async ({
	page,
	baseURL,
}, testInfo) => {
	const phoneSized = testInfo.project.name === "phone";
	const coachName = phoneSized ? "约课教练甲" : "约课教练乙";
	const coach = await createBookableCoach(coachName);
	const playerId = await createPlayer(phoneSized ? "13707000001" : "13708000001", "约课球友");
	await signInBrowser(page.context(), baseURL as string, playerId);
	// What the player sees first at each size, kept with the run's results (CSS pixels: cheap to encode on a busy machine).
	const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css" });

	await page.goto(`/coaches/${coach.coachId}`);
	await expect(page.getByRole("heading", { name: "近 7 天可约时间" })).toBeVisible();
	await expect(page.getByTestId("week-strip").getByRole("link").first()).toBeVisible();
	await waitForHydration(page);
	// The rest of the profile is scanned by the search spec; this one scans what booking added.
	await expectAccessible(page, "[data-testid=week-strip]");
	await shot("profile");

	await page
		.getByRole("link", { name: /^预约 / })
		.first()
		.click();
	await expect(page.getByRole("heading", { level: 1, name: `预约 ${coachName}` })).toBeVisible();
	await waitForHydration(page);
	// Four days ahead, so cancelling later is still refunded in full under the moderate policy.
	await page.getByRole("navigation", { name: "日期" }).getByRole("link").nth(4).click();
	await expect(page.getByRole("navigation", { name: "日期" }).getByRole("link").nth(4)).toHaveAttribute("aria-current", "page");
	// The radio itself is visually hidden inside its button-like label, as a finger meets it.
	await page.getByTestId("free-times").locator("label").first().click();
	await expect(page.getByTestId("free-times").getByRole("radio").first()).toBeChecked();
	await page.getByLabel("给教练的留言").fill("想练中式八球的走位");
	await expect(page.getByText("付定金 ¥60")).toBeVisible();
	await expect(page.getByText("开课前 24 小时以前取消，全额退款")).toBeVisible();
	await expectAccessible(page);
	await shot("booking-form");
	await page.getByRole("button", { name: /提交预约/ }).click();

	await expect(page.getByText("预约已提交，请尽快付款")).toBeVisible();
	await expect(page.getByText("待支付", { exact: true })).toBeVisible();
	await expect(page.getByTestId("pay-countdown")).toBeVisible();
	await expect(page.getByTestId("viewer-time").first()).toContainText("America/New_York");
	await waitForHydration(page);
	await expectAccessible(page);
	await shot("booking-pending-payment");

	// Pay the deposit in the sandbox cashier; the result page waits for the confirmation, then back to the booking.
	await page.getByRole("link", { name: "去支付" }).click();
	await page.getByRole("button", { name: /确认支付 ¥60/ }).click();
	await expect(page.getByText("这是测试支付（开发环境），不会真实扣款")).toBeVisible();
	await page.getByRole("button", { name: "模拟支付成功" }).click();
	await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "succeeded");
	await page.getByRole("link", { name: "查看预约" }).click();
	await expect(page.getByText("待教练确认", { exact: true })).toBeVisible();
	await expect(page.getByText("系统确认收到付款")).toBeVisible();

	await page.getByRole("link", { name: "取消预约" }).click();
	const panel = page.getByTestId("cancel-panel");
	await expect(panel).toBeVisible();
	const promised = (await panel.getByTestId("quote-refund").textContent()) ?? "";
	expect(promised).toBe("¥60");
	await expect(panel.getByTestId("quote-fee")).toHaveText("¥0");
	await panel.getByLabel("取消原因").fill("临时要出差");
	await expectAccessible(page, "[data-testid=cancel-panel]");
	await shot("cancel-quote");
	await panel.getByRole("button", { name: `确认取消，退款 ${promised}` }).click();

	await expect(page.getByText("预约已取消，退款将原路退回")).toBeVisible();
	await expect(page.getByText("已取消", { exact: true })).toBeVisible();
	await expect(page.getByText("你取消了预约")).toBeVisible();
	await expect(page.locator("dl").getByText("退款", { exact: true }).locator("..")).toContainText(promised);
	await shot("booking-cancelled");

	await page.goto("/me/bookings?tab=cancelled");
	await expect(page.getByTestId("booking-card")).toHaveCount(1);
	await expect(page.getByTestId("booking-card")).toContainText(promised);
	await expectAccessible(page, "main");
	await shot("bookings-cancelled");
});
