import { type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import { type FakeLivekit, startFakeLivekit } from "../fakes/livekit";
import { type FakeS3, startFakeS3 } from "../fakes/s3";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";
import { startVideoApp, type VideoApp } from "./video-app";

/**
 * Recording an online lesson, in two browsers: the player and the coach each agree on the lesson
 * page, each sees the other's answer, the coach starts and stops, both see "录制中", and once the
 * loopback LiveKit's Egress ends (the file written to the loopback bucket, `egress_ended` signed as
 * LiveKit signs it) the recording plays on the booking page through its signed link. The pages are
 * served by a second instance of the app configured with the fakes (the e2e server has neither).
 */
let livekit: FakeLivekit;
let s3: FakeS3;
let videoApp: VideoApp | undefined;
const bucket = "cuepal-e2e-recordings";

const shot = (page: Page, testInfo: TestInfo, name: string) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage: true });

test.beforeAll(async () => {
	livekit = await startFakeLivekit();
	s3 = await startFakeS3({ bucket, accessKeyId: "AKE2E", secretAccessKey: "e2e-secret-key" });
	videoApp = await startVideoApp(2, {
		...livekit.settings,
		S3_BUCKET: bucket,
		S3_ENDPOINT: s3.url,
		S3_REGION: "us-east-1",
		S3_ACCESS_KEY_ID: "AKE2E",
		S3_SECRET_ACCESS_KEY: "e2e-secret-key",
		S3_FORCE_PATH_STYLE: "1",
		S3_SERVER_SIDE_ENCRYPTION: "none",
	});
});
test.afterAll(async () => {
	videoApp?.stop();
	await livekit?.close();
	await s3?.close();
});

/** A page of a browser context of its own (its own cookies) at the project's screen, signed in as `userId` on the video app. */
async function pageOf(browser: Browser, userId: string, project: TestInfo["project"]): Promise<Page> {
	const { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, locale } = project.use;
	const context = await browser.newContext({ viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, locale });
	await signInBrowser(context, (videoApp as VideoApp).url, userId);
	return context.newPage();
}

test("both sides agree, the coach records, and the recording plays on the booking page", async ({ browser }, testInfo) => {
	const url = (videoApp as VideoApp).url;
	const project = testInfo.project.name;
	const playerId = await createPlayer(project === "phone" ? "13700000811" : "13700000812", "录像学员");
	const { onlineCoach, confirmedLesson, currentHalfHour } = await import("../support/online-lessons");
	const coach = await onlineCoach(`录像教练${project}${Date.now() % 100000}`);
	const bookingId = await confirmedLesson(coach, { userId: playerId }, currentHalfHour());

	const player = await pageOf(browser, playerId, testInfo.project);
	await player.goto(`${url}/me/bookings/${bookingId}/lesson`);
	await waitForHydration(player);
	const playerPanel = player.getByTestId("recording-panel");
	await expect(playerPanel).toContainText("双方都同意后，教练才能开始录制");
	await expect(playerPanel.getByRole("button", { name: "开始录制" })).toHaveCount(0);
	// The box shows the answer the server stored, so it turns checked once the answer is saved.
	await playerPanel.getByLabel("同意录制本节课").click();
	await expect(playerPanel.getByLabel("同意录制本节课")).toBeChecked();
	await expect(playerPanel.getByTestId("recording-consents")).toContainText("你：已同意");
	await expectAccessible(player);
	await shot(player, testInfo, "recording-player-agreed");

	const coachPage = await pageOf(browser, coach.userId, testInfo.project);
	await coachPage.goto(`${url}/coach/orders/${bookingId}/lesson`);
	await waitForHydration(coachPage);
	const coachPanel = coachPage.getByTestId("recording-panel");
	await expect(coachPanel.getByTestId("recording-other-consent")).toContainText("已同意");
	await expect(coachPanel.getByTestId("recording-start")).toBeDisabled();
	await coachPanel.getByLabel("同意录制本节课").click();
	await expect(coachPanel.getByLabel("同意录制本节课")).toBeChecked();
	await expect(coachPanel.getByTestId("recording-start")).toBeEnabled();
	await coachPanel.getByTestId("recording-start").click();
	await expect(coachPanel.getByTestId("recording-live")).toContainText("录制中 · 开始于");
	await shot(coachPage, testInfo, "recording-coach-live");
	// The player's page learns of it from its poll, and may not withdraw while it runs.
	await expect(playerPanel.getByTestId("recording-live")).toContainText("录制中");
	await expect(playerPanel.getByLabel("同意录制本节课")).toBeDisabled();
	await shot(player, testInfo, "recording-player-live");

	await coachPanel.getByRole("button", { name: "停止录制" }).click();
	// Stopped, the file is still being written: both sides see it saving, and nobody can stop it twice.
	await expect(coachPanel.getByTestId("recording-saving")).toHaveText("正在保存录像…");
	await expect(coachPanel.getByRole("button", { name: "停止录制" })).toHaveCount(0);
	await expect(coachPanel.getByTestId("recording-live")).toHaveCount(0);
	await expect(playerPanel.getByTestId("recording-saving")).toBeVisible();
	await shot(player, testInfo, "recording-player-saving");
	const [egress] = [...livekit.egresses.values()].filter((started) => started.roomName === `booking-${bookingId}`);
	expect(egress, "the coach's start asked LiveKit for a room-composite egress").toBeDefined();
	const ended = await livekit.finishEgress(`${url}/api/v1/lessons/livekit-webhook`, egress?.egressId ?? "", {
		status: "complete",
		bucket: s3.objects,
		bytes: Buffer.alloc(4096, 1),
		durationSeconds: 1_805,
	});
	expect(ended.status).toBe(204);

	await player.goto(`${url}/me/bookings/${bookingId}`);
	await waitForHydration(player);
	const recordings = player.getByTestId("lesson-recordings");
	await expect(recordings.getByTestId("lesson-recording")).toHaveCount(1);
	await expect(recordings).toContainText("30 分 5 秒");
	await expect(recordings).toContainText("自动删除");
	await expect(recordings.locator("video")).toHaveAttribute("src", /\/lesson\/recordings\//);
	await expectAccessible(player);
	await shot(player, testInfo, "recording-on-booking");
	expect(livekit.rejected).toEqual([]);
});
