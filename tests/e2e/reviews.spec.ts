import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { signInBrowser } from "./fixtures";
import { completedLessonWithDeposit } from "./payments-fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * Reviews in the browser at a phone's size and a desktop's: the demo player reviews a completed
 * lesson anonymously from its booking, the coach answers from their reviews page, and the player
 * and everyone else see the answer on the profile; search sorted by 评分最高 ranks by real ratings.
 * Each run makes its own lesson of the demo player, with a coach of its own.
 */
const shot = (page: Page, testInfo: TestInfo, name: string, fullPage = false) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage });

test("the demo player reviews a completed lesson anonymously from its booking", async ({ page, baseURL }, testInfo) => {
	const coachName = `评价教练${testInfo.project.name}`;
	const lesson = await completedLessonWithDeposit({ playerPhone: "13800000001", coachName });
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);

	await page.goto(`/me/bookings/${lesson.bookingId}`);
	await waitForHydration(page);
	await page.getByRole("link", { name: "★ 评价这节课" }).click();
	await expect(page.getByRole("heading", { name: "评价这节课", level: 1 })).toBeVisible();
	await expect(page.getByRole("link", { name: "打赏教练" })).toBeVisible();
	await waitForHydration(page);

	// Sent without stars first: the form says what is missing and keeps what was typed.
	await page.getByLabel("评价内容（选填，最多 1000 字）").fill("讲解清楚，纠正了我的架杆手型，很有耐心。");
	await page.getByRole("button", { name: "发布评价" }).click();
	await expect(page.getByRole("alert").filter({ hasText: "请选择 1 到 5 星" }).first()).toBeVisible();
	await expect(page.getByLabel("评价内容（选填，最多 1000 字）")).toHaveValue("讲解清楚，纠正了我的架杆手型，很有耐心。");

	for (const group of ["总体评价", "教学态度", "技术水平", "服务质量"]) {
		await page.getByRole("group", { name: group }).getByLabel("5 星").check({ force: true });
	}
	await page.getByText("有耐心", { exact: true }).click();
	await page.getByText("讲解清楚", { exact: true }).click();
	await page.getByLabel("匿名评价（显示为“匿名学员”，不显示头像）").check();
	await expectAccessible(page, "form");
	await shot(page, testInfo, "review-form", true);
	await page.getByRole("button", { name: "发布评价" }).click();

	await expect(page.getByText("评价已发布，谢谢！")).toBeVisible();
	const mine = page.getByTestId("review");
	await expect(mine).toContainText("匿名学员");
	await expect(mine).toContainText("已上课");
	await expect(mine).toContainText("讲解清楚，纠正了我的架杆手型，很有耐心。");
	await expect(page.getByRole("link", { name: "修改评价（7 天内可修改一次）" })).toBeVisible();
	await shot(page, testInfo, "review-written");
});

/** A completed lesson of the demo player already reviewed anonymously, through the review services. */
async function reviewedLesson(coachName: string) {
	const lesson = await completedLessonWithDeposit({ playerPhone: "13800000001", coachName });
	const { reviewableLesson } = await import("../../app/modules/booking/completion/reviewable-lesson.server");
	const { writeReview } = await import("../../app/modules/coaches/reviews/write-review.server");
	const facts = await reviewableLesson(lesson.bookingId, lesson.playerId);
	await writeReview({
		lesson: facts,
		review: {
			overall: 5,
			aspects: { attitude: 5, skill: 5, service: 5 },
			tags: ["clear_explanations", "patient"],
			text: "讲解清楚，纠正了我的架杆手型，很有耐心。",
			anonymous: true,
		},
	});
	return { ...lesson, coachId: facts.coachId };
}

test("the coach replies to a review and the player sees the reply", async ({ page, baseURL }, testInfo) => {
	const lesson = await reviewedLesson(`回复教练${testInfo.project.name}`);
	await signInBrowser(page.context(), baseURL as string, lesson.coachUserId);
	await page.goto("/coach/reviews");
	await expect(page.getByTestId("rating-summary")).toContainText("1 条评价");
	await waitForHydration(page);
	// The averages per aspect, the stars and the month's trend, drawn on the server at the page's width.
	await expect(page.getByTestId("rating-summary")).toContainText("教学态度");
	await expect(page.getByRole("heading", { name: "每月评价" })).toBeVisible();
	const trend = testInfo.project.name === "phone" ? "review-trend" : "review-trend-wide";
	await expect(page.getByTestId(trend).locator("svg")).toBeVisible();
	await page.getByLabel("公开回复").fill("谢谢认可！下次我们重点练走位。");
	await expectAccessible(page);
	await shot(page, testInfo, "coach-reviews", true);
	await page.getByRole("button", { name: "发布回复" }).click();
	await expect(page.getByText("回复已发布。")).toBeVisible();
	await expect(page.getByRole("button", { name: "修改回复" })).toBeVisible();

	// The player reads the answer on their review and on the coach's profile.
	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);
	await page.goto(`/me/bookings/${lesson.bookingId}/review`);
	await expect(page.getByTestId("review-reply")).toContainText("谢谢认可！下次我们重点练走位。");
	await page.goto(`/coaches/${lesson.coachId}#reviews`);
	const onProfile = page.getByTestId("review");
	await expect(onProfile).toContainText("匿名学员");
	await expect(onProfile).not.toContainText("王小明");
	await expect(onProfile.getByTestId("review-reply")).toContainText("谢谢认可！下次我们重点练走位。");
	await expect(page.getByTestId("rating-summary")).toContainText("5.0");
	// Too few bookings in 90 days for rates: the profile says so rather than showing 100 %.
	await expect(page.getByTestId("reliability")).toContainText("履约数据不足");
	await page.locator("#reviews").screenshot({ path: testInfo.outputPath("profile-reviews.png"), scale: "css" });
});

test("search sorted by 评分最高 puts coaches with many good reviews above a single perfect one", async ({ page }, testInfo) => {
	await page.goto("/coaches?city=shanghai&sort=rating");
	const cards = page.getByTestId("coach-results").locator(":scope > li");
	await expect(cards.first()).toBeVisible();
	const counts = await cards.evaluateAll((nodes) =>
		nodes.map((node) => Number(node.textContent?.match(/(\d+) 条评价/)?.[1] ?? 0)),
	);
	const rated = counts.filter((count) => count > 0);
	expect(rated.length).toBeGreaterThanOrEqual(6);
	expect(rated[0]).toBeGreaterThan(1);
	expect(rated.indexOf(1)).toBeGreaterThan(0);
	await shot(page, testInfo, "search-by-rating");
});
