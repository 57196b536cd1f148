import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { signInBrowser } from "./fixtures";
import { completedLessonWithDeposit } from "./payments-fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * Learning in the browser: a coach records a completed lesson of the demo player with the tap
 * counters, and the demo player sees the new pot rate on /me/progress. Each run makes its own
 * lesson with a coach of its own (the demo coach's lesson is the demo's), so runs do not collide.
 */
const shot = (page: Page, testInfo: TestInfo, name: string, fullPage = true) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage });

const potCount = async (page: Page) => {
	await page.goto("/me/progress");
	const text = (await page.getByTestId("pot-rate").locator("xpath=..").textContent()) ?? "";
	const match = /(\d+)\/(\d+)/.exec(text);
	return match ? { made: Number(match[1]), attempted: Number(match[2]) } : { made: 0, attempted: 0 };
};

test("a coach records a lesson with tap counters and the player sees the new pot rate", async ({ page, baseURL }, testInfo) => {
	const lesson = await completedLessonWithDeposit({ playerPhone: "13800000001", coachName: `记录教练${testInfo.project.name}` });
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);
	const before = await potCount(page);

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, lesson.coachUserId);
	await page.goto(`/coach/orders/${lesson.bookingId}`);
	await page.getByRole("link", { name: "填写上课记录" }).click();
	await expect(page.getByRole("heading", { name: "上课记录", level: 1 })).toBeVisible();
	await waitForHydration(page);
	// Five makes of six cut shots, tapped: a make also counts as an attempt.
	for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "切球 进球加一" }).click();
	await page.getByRole("button", { name: "切球 出杆加一" }).click();
	await expect(page.getByLabel("切球 出杆", { exact: true })).toHaveValue("6");
	await expect(page.getByLabel("切球 进球", { exact: true })).toHaveValue("5");
	await page.getByRole("button", { name: "走位失误加一" }).click();
	await page.getByLabel("备注").fill("切球瞄准稳定了");
	await expectAccessible(page, "form");
	await shot(page, testInfo, "lesson-record-form");
	await page.getByRole("button", { name: "保存记录" }).click();
	await expect(page.getByText("上课记录已保存。")).toBeVisible();

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);
	const after = await potCount(page);
	expect(after).toEqual({ made: before.made + 5, attempted: before.attempted + 6 });
	await expect(page.locator("svg").first()).toBeVisible();
	await shot(page, testInfo, "progress");
	await page.goto(`/me/bookings/${lesson.bookingId}`);
	await expect(page.getByText("切球瞄准稳定了")).toBeVisible();
});

test("the player's level, plan and report, and the coach's students and student page", async ({ page, baseURL }, testInfo) => {
	const lesson = await completedLessonWithDeposit({
		playerPhone: "13800000001",
		coachName: `学员页教练${testInfo.project.name}`,
	});
	await signInBrowser(page.context(), baseURL as string, lesson.coachUserId);
	await page.goto(`/coach/orders/${lesson.bookingId}/record`);
	await waitForHydration(page);
	for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "切球 进球加一" }).click();
	await page.getByLabel("备注").fill("学员页：切球很稳");
	await page.getByRole("button", { name: "保存记录" }).click();
	await expect(page.getByText("上课记录已保存。")).toBeVisible();

	await page.goto("/coach/students");
	await expect(page.getByRole("heading", { name: "教学统计" })).toBeVisible();
	await expectAccessible(page, "main");
	await shot(page, testInfo, "coach-students");
	await page.locator(`a[href="/coach/students/${lesson.playerId}"]`).click();
	await expect(page.getByText("学员页：切球很稳")).toBeVisible();
	await expectAccessible(page, "main");
	await shot(page, testInfo, "coach-student");

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);
	await page.goto("/me/progress");
	await expect(page.getByRole("heading", { name: "技术等级" })).toBeVisible();
	await expect(page.getByTestId("skill-level")).toBeVisible();
	await expectAccessible(page, "main");
	await shot(page, testInfo, "progress-level-plan");
	await page.getByRole("link", { name: "查看 / 打印报告" }).click();
	await expect(page.getByRole("heading", { name: "练习成绩变化" }).first()).toBeVisible();
	await shot(page, testInfo, "progress-report");
	await page.emulateMedia({ media: "print" });
	await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
	await shot(page, testInfo, "progress-report-print");
});
