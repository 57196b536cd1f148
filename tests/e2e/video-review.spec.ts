import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * Stroke-video review in the browser: a player sends a real 2-second recording to a coach they
 * have a confirmed lesson with; the coach steps to a moment, draws an arrow over the frame and
 * comments there, and finishes; the player opens the review, taps the comment and sees the arrow
 * drawn at that moment. Each project makes its own coach and player, so runs do not collide.
 */
const shot = (page: Page, testInfo: TestInfo, name: string) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage: true });

const videoFixture = new URL("../fixtures/video/stroke-2s.webm", import.meta.url).pathname;

test("a coach comments with an arrow at a moment and the player sees it there", async ({ page, baseURL }, testInfo) => {
	// The player first: making them connects this process to the e2e server's database.
	const phone = testInfo.project.name === "phone" ? "13900000391" : "13900001281";
	const playerId = await createPlayer(phone, "发视频的球友");
	const { bookableCoach, bookedLesson } = await import("../support/bookings");
	const coachName = `点评教练${testInfo.project.name}`;
	const coach = await bookableCoach(coachName, undefined, { allDay: true });
	await bookedLesson(coach, { userId: playerId });

	// The player sends the video.
	await signInBrowser(page.context(), baseURL as string, playerId);
	await page.goto("/me/video-reviews");
	await expect(page.getByRole("heading", { name: "我的视频点评", level: 1 })).toBeVisible();
	await page.getByRole("combobox").selectOption({ label: coachName });
	await page.getByLabel(/视频（MP4/).setInputFiles(videoFixture);
	await page.getByLabel("想让教练看什么（选填）").fill("低杆拉不回来");
	await expectAccessible(page, "form");
	await page.getByRole("button", { name: "发送视频" }).click();
	await expect(page.getByText("视频已发给教练，点评好后会通知你。")).toBeVisible();
	const reviewPath = new URL(page.url()).pathname;

	// The coach steps to a moment, draws an arrow and comments there.
	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, coach.userId);
	await page.goto("/coach/video-reviews");
	await page.getByRole("link", { name: /发视频的球友/ }).click();
	await expect(page).toHaveURL(reviewPath);
	await waitForHydration(page);
	await expect
		.poll(() => page.getByTestId("review-video").evaluate((video: HTMLVideoElement) => video.readyState))
		.toBeGreaterThanOrEqual(1);
	await page.getByRole("button", { name: "0.25×" }).click();
	for (let i = 0; i < 15; i++) await page.getByRole("button", { name: "前进一帧" }).click();
	await expect(page.getByTestId("review-time")).toContainText("0:00.50");
	await page.getByRole("button", { name: "箭头" }).click();
	const canvas = page.getByTestId("review-canvas");
	const box = await canvas.boundingBox();
	if (!box) throw new Error("the canvas is not laid out");
	await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.7);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.55, { steps: 5 });
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4, { steps: 5 });
	await page.mouse.up();
	await expect(page.getByText("已画 1 个图形")).toBeVisible();
	await page.getByLabel(/在 0:00.50 留言/).fill("击球瞬间肘部下沉，出杆方向偏了");
	await page.getByRole("button", { name: "添加点评" }).click();
	await expect(page.getByRole("button", { name: /跳到 0:00.50: 击球瞬间肘部下沉/ })).toBeVisible();
	await expectAccessible(page, "main");
	await shot(page, testInfo, "coach-review");
	await page.getByRole("button", { name: "完成点评并通知学员" }).click();
	await expect(page.getByText("已完成点评，学员会收到通知。")).toBeVisible();

	// The player is told, opens it, and the comment jumps to its moment with the arrow drawn.
	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, playerId);
	await page.goto("/me/notifications");
	await page.getByText("教练已点评您的击球视频，点开即可观看。").click();
	await expect(page).toHaveURL(reviewPath);
	await waitForHydration(page);
	await expect(page.getByText("教练已完成点评")).toBeVisible();
	await expect(page.getByTestId("review-canvas")).toHaveAttribute("data-shapes", "0");
	await page.getByRole("button", { name: /跳到 0:00.50/ }).click();
	await expect(page.getByTestId("review-time")).toContainText("0:00.50");
	await expect(page.getByTestId("review-canvas")).toHaveAttribute("data-shapes", "1");
	await expect(page.getByRole("button", { name: /跳到 0:00.50/ })).toHaveAttribute("aria-current", "true");
	await shot(page, testInfo, "player-playback");
});
