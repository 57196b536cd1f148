import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { signInBrowser, staffSessionToken } from "./fixtures";
import { disputedLesson, finishedLesson } from "./lesson-completion-fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * After the coach finished: the player confirms the lesson took place, or asks the platform to step
 * in, which the coach's order shows and the back office decides. Run at a phone's size and a
 * desktop's; each test makes its own coach, player and lesson.
 */
const shot = (page: Page, testInfo: TestInfo, name: string, fullPage = false) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage });
const phoneOf = (testInfo: TestInfo, test: number) => `137090000${testInfo.project.name === "phone" ? 1 : 2}${test}`;

test("the player confirms a finished lesson from the card on its booking page", async ({ page, baseURL }, testInfo) => {
	const lesson = await finishedLesson({ playerPhone: phoneOf(testInfo, 1), coachName: `完课教练${testInfo.project.name}` });
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);

	await page.goto(`/me/bookings/${lesson.bookingId}`);
	const card = page.getByTestId("confirm-lesson");
	await expect(card.getByRole("heading", { name: "确认已上课" })).toBeVisible();
	await expect(card).toContainText("前未确认也未申请介入，课程会自动完成");
	await expect(page.getByText("上课中", { exact: true })).toBeVisible();
	await waitForHydration(page);
	// The booking page as a whole is scanned by the booking spec; this one scans what completion added.
	await expectAccessible(page, "[data-testid=confirm-lesson]");
	await shot(page, testInfo, "confirm-card");

	await card.getByRole("button", { name: "确认已上课" }).click();
	await expect(page.getByText("已确认上课，谢谢！")).toBeVisible();
	await expect(page.getByText("已完成", { exact: true })).toBeVisible();
	await expect(page.getByText("你确认课程已完成")).toBeVisible();
	await expect(page.getByTestId("confirm-lesson")).toHaveCount(0);
	// Completed, and a problem can still be reported within the window.
	await expect(page.getByText(/课程已完成。如有问题，可在 .*前申请平台介入/)).toBeVisible();
	await expectAccessible(page, "[data-testid=timeline]");
	await shot(page, testInfo, "completed");
});

test("the player reports a problem, which the coach's order shows", async ({ page, baseURL }, testInfo) => {
	const lesson = await finishedLesson({ playerPhone: phoneOf(testInfo, 2), coachName: `争议教练${testInfo.project.name}` });
	// The coach's order first: finished, it waits for the player, with nothing more to press.
	await signInBrowser(page.context(), baseURL as string, lesson.coachUserId);
	await page.goto(`/coach/orders/${lesson.bookingId}`);
	await expect(page.getByTestId("awaiting-player")).toContainText("等待学员确认");
	await expect(page.getByRole("button", { name: "结束课程" })).toHaveCount(0);
	await shot(page, testInfo, "coach-order-awaiting");

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);

	await page.goto(`/me/bookings/${lesson.bookingId}`);
	await waitForHydration(page);
	await page.getByTestId("confirm-lesson").getByRole("link", { name: "有问题？申请介入" }).click();
	const form = page.getByTestId("dispute-form");
	await expect(form.getByRole("heading", { name: "申请平台介入" })).toBeVisible();
	await form.getByLabel("问题类型").selectOption({ label: "迟到早退" });
	await form.getByLabel("具体情况").fill("教练晚到了四十分钟，课只上了二十分钟");
	await expectAccessible(page, "[data-testid=dispute-form]");
	await shot(page, testInfo, "dispute-form");
	await form.getByRole("button", { name: "提交介入申请" }).click();
	await expect(page.getByText("已提交，平台客服会尽快处理")).toBeVisible();
	await expect(page.getByTestId("dispute-state")).toContainText("争议处理中");
	await expect(page.getByText("有争议", { exact: true })).toBeVisible();
	await shot(page, testInfo, "disputed");

	// The coach sees the dispute on the order, in the same browser signed in as the coach.
	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, lesson.coachUserId);
	await page.goto(`/coach/orders/${lesson.bookingId}`);
	await expect(page.getByTestId("dispute-state")).toContainText("学员于");
	await expectAccessible(page, "[data-testid=dispute-state]");
	await shot(page, testInfo, "coach-order-disputed", true);
});

test("the back office finds a disputed lesson under 有争议 and decides it for the coach", async ({ page, baseURL }, testInfo) => {
	const lesson = await disputedLesson({ playerPhone: phoneOf(testInfo, 3), coachName: `裁决教练${testInfo.project.name}` });
	await page
		.context()
		.addCookies([
			{ name: "cp_session", value: await staffSessionToken("admin"), url: baseURL as string, httpOnly: true, sameSite: "Lax" },
		]);
	await page.goto("/admin/bookings");
	await page.getByRole("link", { name: "有争议", exact: true }).click();
	await expect(page).toHaveURL(/status=disputed/);
	await page.locator(`a[href="/admin/bookings/${lesson.bookingId}"]`).click();
	const decide = page.getByTestId("resolve-dispute");
	await expect(decide).toBeVisible();
	await expect(page.getByTestId("dispute-state")).toContainText("等了一个小时教练也没有来");
	await waitForHydration(page);
	await expectAccessible(page, "[data-testid=resolve-dispute]");
	await shot(page, testInfo, "admin-dispute", true);
	await decide.getByLabel("支持教练：课程有效，按已完成结算").check();
	await expect(decide.getByLabel(/退款金额/)).toHaveCount(0);
	await decide.getByLabel("处理说明（必填，双方都会看到）").fill("球厅监控显示教练按时到场");
	await decide.getByRole("button", { name: "提交处理结果" }).click();
	await expect(page.getByText("争议已处理，已通知双方")).toBeVisible();
	await expect(page.getByTestId("dispute-state")).toContainText("平台判定课程有效，课程已完成。");
	await shot(page, testInfo, "admin-decided");
});
