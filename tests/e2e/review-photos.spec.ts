import { expect, type Page, type TestInfo, test } from "@playwright/test";
import sharp from "sharp";
import { signInBrowser, staffSessionToken } from "./fixtures";
import { completedLessonWithDeposit } from "./payments-fixtures";
import { waitForHydration } from "./support";

/**
 * A photo on a review, at a phone's size and a desktop's: the demo player picks a photo in the
 * review form (thumbnail, upload, hidden id), publishes the review, sees the photo 待审核; support
 * approves it in /admin/reviews; the profile shows it as a thumbnail that opens the photo viewer.
 * And the demo coach's profile on a fresh start already shows a demo review with its approved photo.
 */
const shot = (page: Page, testInfo: TestInfo, name: string, fullPage = false) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage });

test("the demo player attaches a photo to a review, approved in the back office, shown on the profile", async ({
	page,
	baseURL,
}, testInfo) => {
	const coachName = `照片评价教练${testInfo.project.name}`;
	const lesson = await completedLessonWithDeposit({ playerPhone: "13800000001", coachName });
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);

	await page.goto(`/me/bookings/${lesson.bookingId}/review`);
	await waitForHydration(page);
	for (const group of ["总体评价", "教学态度", "技术水平", "服务质量"]) {
		await page.getByRole("group", { name: group }).getByLabel("5 星").check({ force: true });
	}
	await page.getByLabel("评价内容（选填，最多 1000 字）").fill("这是练习时的球台，教练摆的球型很实用。");
	const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 24, g: 110, b: 70 } } })
		.jpeg()
		.toBuffer();
	await page.getByTestId("review-photo-input").setInputFiles({ name: "table.jpg", mimeType: "image/jpeg", buffer: photo });
	const picked = page.getByTestId("picked-photos").getByRole("listitem");
	await expect(picked).toHaveCount(1);
	// Uploaded: its id rides with the form and the submit is free again.
	await expect(page.locator('input[name="photoFileIds"]')).toHaveCount(1);
	await expect(page.getByRole("button", { name: "发布评价" })).toBeEnabled();
	await shot(page, testInfo, "review-photo-picked", true);
	await page.getByRole("button", { name: "发布评价" }).click();

	await expect(page.getByText("评价已发布，谢谢！")).toBeVisible();
	const mine = page.getByTestId("review");
	await expect(mine).toContainText("这是练习时的球台");
	await expect(mine.getByText("待审核")).toBeVisible();
	await shot(page, testInfo, "review-photo-pending");

	// Support approves it in the back office's photo list.
	const staff = await page
		.context()
		.browser()
		?.newContext({ viewport: page.viewportSize() ?? undefined });
	if (!staff) throw new Error("browser");
	await staff.addCookies([
		{ name: "cp_session", value: await staffSessionToken("support"), url: baseURL as string, httpOnly: true, sameSite: "Lax" },
	]);
	const desk = await staff.newPage();
	await desk.goto("/admin/reviews?status=photos");
	await waitForHydration(desk);
	const card = desk.getByTestId("review").filter({ hasText: "这是练习时的球台" });
	await card.getByTestId("staff-review-photo").first().getByRole("button", { name: "通过", exact: true }).click();
	await expect(desk.getByText("照片已处理。")).toBeVisible();
	await staff.close();

	// Everyone sees the thumbnail on the profile; a tap opens the viewer.
	const { reviewableLesson } = await import("../../app/modules/booking/completion/reviewable-lesson.server");
	const facts = await reviewableLesson(lesson.bookingId, lesson.playerId);
	await page.goto(`/coaches/${facts.coachId}#reviews`);
	await waitForHydration(page);
	const thumbnail = page.getByTestId("review-photo").first();
	await expect(thumbnail).toBeVisible();
	await thumbnail.scrollIntoViewIfNeeded();
	await shot(page, testInfo, "review-photo-on-profile");
	await thumbnail.click();
	const viewer = page.getByRole("dialog", { name: "评价照片" });
	await expect(viewer).toBeVisible();
	await expect(viewer.getByRole("img", { name: "评价照片 1" })).toBeVisible();
	await shot(page, testInfo, "review-photo-viewer");
	await page.keyboard.press("Escape");
	await expect(viewer).toBeHidden();
});

test("a fresh start shows the demo coach's reviews with an approved photo, opened large from its thumbnail", async ({
	page,
}, testInfo) => {
	// Found by name, as a player would: other specs' coaches rank first in a plain city search.
	await page.goto(`/coaches?city=shanghai&q=${encodeURIComponent("李教练")}`);
	await page.getByTestId("coach-results").locator("> li").first().getByRole("link").first().click();
	await expect(page).toHaveURL(/\/coaches\/[0-9a-f-]{36}/);
	// The new URL shows before the profile renders: wait for its gallery, not just the address.
	await expect(page.getByRole("region", { name: "照片" })).toBeVisible();
	await waitForHydration(page);
	await shot(page, testInfo, "demo-coach-gallery");
	const review = page.getByTestId("review").filter({ hasText: "练习安排得很实用" });
	const thumbnail = review.getByTestId("review-photo");
	await expect(thumbnail).toHaveCount(1);
	await thumbnail.scrollIntoViewIfNeeded();
	await expect(thumbnail.getByRole("img", { name: "评价照片 1" })).toBeVisible();
	await shot(page, testInfo, "demo-review-photo");
	await thumbnail.click();
	const viewer = page.getByRole("dialog", { name: "评价照片" });
	await expect(viewer.getByRole("img", { name: "评价照片 1" })).toBeVisible();
	await expect(viewer.getByText("第 1 张，共 1 张")).toBeVisible();
	await shot(page, testInfo, "demo-review-photo-viewer");
	await page.keyboard.press("Escape");
	await expect(viewer).toBeHidden();
	// Back on the thumbnail that was tapped.
	await expect(thumbnail).toBeFocused();
});
