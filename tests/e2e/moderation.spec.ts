import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { staffSessionToken } from "./fixtures";
import { completedLessonWithDeposit } from "./payments-fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * Moderation in the browser at a phone's size and a desktop's: a review that hit the forbidden-word
 * list waits under 待审核 with the words it hit; support publishes it with a reason, and it shows on
 * the coach's profile. Each run makes its own lesson and review, with a coach of its own.
 */
const shot = (page: Page, testInfo: TestInfo, name: string, fullPage = false) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage });

test("support publishes a held review from the queue", async ({ page, baseURL }, testInfo) => {
	const text = `${testInfo.project.name} 教练讲得细，想多练的加 微 信 问我`;
	const lesson = await completedLessonWithDeposit({ playerPhone: "13800000001", coachName: `审核教练${testInfo.project.name}` });
	const { reviewableLesson } = await import("../../app/modules/booking/completion/reviewable-lesson.server");
	const { writeReview } = await import("../../app/modules/coaches/reviews/write-review.server");
	const facts = await reviewableLesson(lesson.bookingId, lesson.playerId);
	const written = await writeReview({
		lesson: facts,
		review: { overall: 5, aspects: { attitude: 5, skill: 5, service: 5 }, tags: ["patient"], text, anonymous: false },
	});
	expect(written.status).toBe("held");

	await page
		.context()
		.addCookies([
			{ name: "cp_session", value: await staffSessionToken("support"), url: baseURL as string, httpOnly: true, sameSite: "Lax" },
		]);
	await page.goto("/admin/reviews?status=held");
	const card = page.getByTestId("review").filter({ hasText: text });
	await expect(card).toBeVisible();
	await expect(card.getByTestId("matched-words")).toContainText("加微信");
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await shot(page, testInfo, "moderation-held");

	await card.getByLabel("处理原因").fill("只是留了联系方式的客气话，内容属实");
	await card.getByRole("button", { name: "发布", exact: true }).click();
	await expect(page.getByText("已处理。")).toBeVisible();
	await expect(page.getByTestId("review").filter({ hasText: text })).toHaveCount(0);

	await page.goto(`/coaches/${facts.coachId}`);
	await expect(page.getByTestId("review").filter({ hasText: text })).toBeVisible();
	await shot(page, testInfo, "moderation-published", true);
});
