import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { type FakeLivekit, startFakeLivekit } from "../fakes/livekit";
import { chromiumArgs, findChromium } from "../support/chromium";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";
import { startVideoApp, type VideoApp } from "./video-app";

/**
 * The online lesson page in the browser. The e2e server has no LiveKit, so the page says video is
 * not set up; a second instance of the app on the same database, pointed at the loopback LiveKit
 * fake, shows the pre-join step (Chromium's fake camera and microphone) and, once joined, the
 * room's connecting state (media needs a real LiveKit server, which these machines cannot run).
 * Each run makes its own coach and lesson, so it never touches the demo coach's calendar.
 */
test.use({
	launchOptions: {
		executablePath: await findChromium(),
		args: [...chromiumArgs, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
	},
	permissions: ["camera", "microphone"],
});

const shot = (page: Page, testInfo: TestInfo, name: string) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage: true });

let livekit: FakeLivekit;
let videoApp: VideoApp | undefined;
/** The lesson of this project's run: an online coach of its own, confirmed, starting in the current half hour. */
async function onlineLessonFor(playerName: string, project: string) {
	const playerId = await createPlayer(project === "phone" ? "13700000801" : "13700000802", playerName);
	const { onlineCoach, confirmedLesson, currentHalfHour } = await import("../support/online-lessons");
	const coach = await onlineCoach(`线上教练${project}${Date.now() % 100000}`);
	const bookingId = await confirmedLesson(coach, { userId: playerId }, currentHalfHour());
	return { playerId, bookingId };
}

test.beforeAll(async () => {
	livekit = await startFakeLivekit();
	videoApp = await startVideoApp(1, livekit.settings);
});
test.afterAll(async () => {
	videoApp?.stop();
	await livekit?.close();
});

test("without LiveKit the lesson page says video is not set up, and the booking page links to it", async ({
	page,
	baseURL,
}, testInfo) => {
	const lesson = await onlineLessonFor("线上学员", testInfo.project.name);
	await signInBrowser(page.context(), baseURL as string, lesson.playerId);
	await page.goto(`/me/bookings/${lesson.bookingId}`);
	await waitForHydration(page);
	await page.getByTestId("enter-classroom").click();
	await expect(page).toHaveURL(new RegExp(`/me/bookings/${lesson.bookingId}/lesson$`));
	await expect(page.getByTestId("lesson-not-configured")).toContainText("这里还没有设置视频课堂");
	await expectAccessible(page);
	await shot(page, testInfo, "lesson-not-configured");
});

test("with LiveKit the player tests camera and microphone before joining, then the room connects", async ({ page }, testInfo) => {
	const lesson = await onlineLessonFor("线上学员", testInfo.project.name);
	const videoUrl = (videoApp as VideoApp).url;
	// Sessions live in the shared database: a cookie for this host serves the second instance too.
	await signInBrowser(page.context(), videoUrl, lesson.playerId);
	await page.goto(`${videoUrl}/me/bookings/${lesson.bookingId}/lesson`);
	await waitForHydration(page);
	const prejoin = page.getByTestId("lesson-prejoin");
	await expect(prejoin).toBeVisible();
	await expect(prejoin.locator("video")).toBeVisible();
	await expect(prejoin.getByRole("button", { name: "进入课堂" })).toBeEnabled();
	await expect(prejoin.getByRole("button", { name: "选择摄像头" })).toBeVisible();
	await expectAccessible(page);
	await shot(page, testInfo, "lesson-prejoin");

	await prejoin.getByRole("button", { name: "进入课堂" }).click();
	await expect(page.getByTestId("lesson-connection")).toHaveAttribute("data-state", "connecting");
	await expect(page.getByTestId("lesson-connection")).toHaveText("正在连接…");
	await expect(page.getByTestId("lesson-other")).toContainText("还没进入课堂");
	await shot(page, testInfo, "lesson-connecting");
	// The room was made through the server SDK, with the token the fake checked.
	expect(livekit.rooms.has(`booking-${lesson.bookingId}`)).toBe(true);
	expect(livekit.rejected).toEqual([]);
});
