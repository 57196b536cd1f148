import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { signRecordingLink } from "~/modules/booking/online-lesson/recording/recording-links.server";
import { deleteExpiredRecordings } from "~/modules/booking/online-lesson/recording/recordings.server";
import { setFileStorage, storageFromSettings } from "~/modules/files/storage.server";
import { lessonRecordingConsents, lessonRecordings, notifications } from "../../db/schema";
import { type FakeLivekit, startFakeLivekit } from "../fakes/livekit";
import { type FakeS3, startFakeS3 } from "../fakes/s3";
import { apiCall } from "../support/api-client";
import { signedInUser } from "../support/bookings";
import { confirmedLesson, currentHalfHour, onlineCoach } from "../support/online-lessons";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Recording an online lesson with both sides' consent, against the loopback LiveKit (Egress Twirp
 * calls checked for the roomRecord grant, egress_ended webhooks signed as LiveKit signs them) and
 * the loopback S3 the recording lands in: consent, the coach's start and stop, the file attached
 * by the webhook, a failure retried once and reported, watching through a signed link, deletion.
 */
let livekit: FakeLivekit;
let s3: FakeS3;
let app: TestApp;
let coach: Awaited<ReturnType<typeof onlineCoach>>;
let player: { userId: string; token: string };
let stranger: { userId: string; token: string };

const credentials = { bucket: "cuepal-recordings", accessKeyId: "AKFAKE", secretAccessKey: "fake-secret-key" };
const hourMs = 3_600_000;

const api = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const consent = (bookingId: string, token: string, value: unknown) =>
	api("POST", `/bookings/${bookingId}/recording-consent`, token, { consent: value });
const record = (bookingId: string, token: string, action: string) =>
	api("POST", `/bookings/${bookingId}/recording`, token, { action });
const recordingsOf = (bookingId: string, token: string) => api("GET", `/bookings/${bookingId}/recordings`, token);
const webhookUrl = () => `${app.url}/api/v1/lessons/livekit-webhook`;
const rowsOf = (bookingId: string) =>
	db().select().from(lessonRecordings).where(eq(lessonRecordings.bookingId, bookingId)).orderBy(lessonRecordings.startedAt);
const notificationsOf = (userId: string, kind: string) =>
	db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

let coachCount = 0;
/**
 * A confirmed online lesson whose room is open now, with a coach of its own (one coach has one
 * lesson at a time), signed in as `coach` for the test that asked for it.
 */
async function lessonNow(startsAt = currentHalfHour()): Promise<string> {
	coachCount += 1;
	coach = await onlineCoach(`录制教练${coachCount}`);
	return confirmedLesson(coach, player, startsAt);
}

/** A lesson whose room is open now, both sides agreeing to record it. */
async function agreedLesson(): Promise<string> {
	const bookingId = await lessonNow();
	expect((await consent(bookingId, player.token, true)).status).toBe(200);
	expect((await consent(bookingId, coach.token, true)).status).toBe(200);
	return bookingId;
}

/** Starts recording as the coach and answers the egress LiveKit was asked for. */
async function startRecording(bookingId: string) {
	const started = await record(bookingId, coach.token, "start");
	expect(started.status).toBe(200);
	const [row] = (await rowsOf(bookingId)).filter((recording) => recording.status === "recording");
	return livekit.egresses.get(row?.egressId ?? "") ?? expect.unreachable("no egress started");
}

beforeAll(async () => {
	livekit = await startFakeLivekit();
	s3 = await startFakeS3(credentials);
	app = await startConfiguredApp({
		...livekit.settings,
		S3_BUCKET: credentials.bucket,
		S3_ENDPOINT: s3.url,
		S3_REGION: "us-east-1",
		S3_ACCESS_KEY_ID: credentials.accessKeyId,
		S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
		S3_FORCE_PATH_STYLE: "1",
		S3_SERVER_SIDE_ENCRYPTION: "none",
	});
	// The storage singleton may have been made before these settings: the app reads the fake bucket.
	setFileStorage(storageFromSettings());
	player = await signedInUser("录制学员");
	stranger = await signedInUser("旁人");
});
afterAll(async () => {
	await app?.close();
	setFileStorage(storageFromSettings());
	await livekit?.close();
	await s3?.close();
});

describe("consent in the room", () => {
	it("stores each side's answer with who and when, shows both sides the same state, and lets either withdraw", async () => {
		const bookingId = await lessonNow();
		const agreed = await consent(bookingId, player.token, true);
		expect(agreed.status).toBe(200);
		expect(agreed.body).toMatchObject({ party: "player", bothAgreed: false, canStart: false, recording: null });
		expect(agreed.body.consents.player.agreed).toBe(true);
		expect(agreed.body.consents.coach).toBeNull();

		// The coach sees the player's agreement.
		const seen = await api("GET", `/bookings/${bookingId}/recording-consent`, coach.token);
		expect(seen.body).toMatchObject({ party: "coach", consents: { player: { agreed: true }, coach: null }, canStart: false });
		const both = await consent(bookingId, coach.token, true);
		expect(both.body).toMatchObject({ bothAgreed: true, canStart: true });

		const withdrawn = await consent(bookingId, player.token, false);
		expect(withdrawn.body).toMatchObject({ bothAgreed: false, canStart: false, consents: { player: { agreed: false } } });
		const stored = await db().select().from(lessonRecordingConsents).where(eq(lessonRecordingConsents.bookingId, bookingId));
		expect(stored.map((row) => [row.party, row.userId, row.agreed]).sort()).toEqual(
			[
				["coach", coach.userId, true],
				["player", player.userId, false],
			].sort(),
		);
	});

	it("answers 404 to strangers and a clear 400 to a consent that is not yes or no, changing nothing", async () => {
		const bookingId = await lessonNow();
		expect((await consent(bookingId, stranger.token, true)).status).toBe(404);
		expect((await api("GET", `/bookings/${bookingId}/recording-consent`, stranger.token)).status).toBe(404);
		const bad = await api("POST", `/bookings/${bookingId}/recording-consent`, player.token, { consent: "yes", locale: "zh-CN" });
		expect(bad.status).toBe(400);
		expect(bad.text).not.toMatch(/at .*\.ts/);
		expect(await db().select().from(lessonRecordingConsents).where(eq(lessonRecordingConsents.bookingId, bookingId))).toEqual([]);
	});
});

describe("start and stop", () => {
	it("refuses to record without both consents (409), for the player (403) and for strangers (404), and calls no Egress", async () => {
		const bookingId = await lessonNow();
		const before = livekit.egresses.size;
		const noConsent = await record(bookingId, coach.token, "start");
		expect(noConsent.status).toBe(409);
		expect(noConsent.body.error.code).toBe("consent_missing");
		await consent(bookingId, coach.token, true);
		expect((await record(bookingId, coach.token, "start")).body.error.code).toBe("consent_missing");
		await consent(bookingId, player.token, true);
		expect((await record(bookingId, player.token, "start")).status).toBe(403);
		expect((await record(bookingId, stranger.token, "start")).status).toBe(404);
		expect(livekit.egresses.size).toBe(before);
		expect(await rowsOf(bookingId)).toEqual([]);
	});

	it("refuses outside the room's window", async () => {
		const later = new Date(currentHalfHour().getTime() + 5 * hourMs);
		const bookingId = await lessonNow(later);
		await consent(bookingId, player.token, true);
		await consent(bookingId, coach.token, true);
		const early = await record(bookingId, coach.token, "start");
		expect(early.status).toBe(409);
		expect(early.body.error.code).toBe("room_not_open");
	});

	it("starts a room-composite Egress into the bucket with the roomRecord grant, shows both sides it runs, refuses a second start and a withdrawal", async () => {
		const bookingId = await agreedLesson();
		const egress = await startRecording(bookingId);
		expect(egress).toMatchObject({ roomName: `booking-${bookingId}`, layout: "grid", status: "EGRESS_STARTING" });
		expect(egress.filepath).toMatch(new RegExp(`^lesson-recordings/${bookingId}/[0-9a-f-]{36}\\.mp4$`));
		expect(egress.s3).toMatchObject({ bucket: credentials.bucket, accessKey: credentials.accessKeyId, forcePathStyle: true });
		const call = livekit.calls.find((made) => made.method === "livekit.Egress/StartRoomCompositeEgress");
		expect(call?.video.roomRecord).toBe(true);

		for (const token of [player.token, coach.token]) {
			const state = await api("GET", `/bookings/${bookingId}/recording-consent`, token);
			expect(state.body.recording).toMatchObject({ startedAt: expect.any(String) });
		}
		const again = await record(bookingId, coach.token, "start");
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe("already_recording");
		const withdraw = await consent(bookingId, player.token, false);
		expect(withdraw.status).toBe(409);
		expect(withdraw.body.error.code).toBe("recording_in_progress");

		expect((await record(bookingId, player.token, "stop")).status).toBe(403);
		const stopped = await record(bookingId, coach.token, "stop");
		expect(stopped.status).toBe(200);
		const stopCalls = () =>
			livekit.calls.filter((made) => made.method === "livekit.Egress/StopEgress" && made.body.egressId === egress.egressId);
		expect(stopCalls()).toHaveLength(1);
		expect(livekit.egresses.get(egress.egressId)?.status).toBe("EGRESS_ENDING");
		// Both sides see it saving (no longer "recording"), until egress_ended says what became of the file.
		expect(stopped.body.recording).toMatchObject({ stopping: true });
		expect((await api("GET", `/bookings/${bookingId}/recording-consent`, player.token)).body.recording).toMatchObject({
			stopping: true,
		});
		// A second stop (a double tap, the other device) answers the same and asks LiveKit nothing more.
		const stopAgain = await record(bookingId, coach.token, "stop");
		expect(stopAgain.status).toBe(200);
		expect(stopAgain.body.recording).toMatchObject({ stopping: true });
		expect(stopCalls()).toHaveLength(1);
	});
});

describe("egress_ended", () => {
	it("attaches the file (key, size, duration) on EGRESS_COMPLETE, once however often LiveKit repeats the event", async () => {
		const bookingId = await agreedLesson();
		const egress = await startRecording(bookingId);
		const bytes = Buffer.from("a small mp4 stand-in");
		const ended = await livekit.finishEgress(
			webhookUrl(),
			egress.egressId,
			{ status: "complete", bucket: s3.objects, bytes, durationSeconds: 42 },
			{ eventId: `EV_done_${bookingId}` },
		);
		expect(ended.status).toBe(204);
		const [row] = await rowsOf(bookingId);
		expect(row).toMatchObject({ status: "ready", storageKey: egress.filepath, sizeBytes: bytes.length, durationSeconds: 42 });
		const repeat = await livekit.finishEgress(
			webhookUrl(),
			egress.egressId,
			{ status: "failed" },
			{ eventId: `EV_done_${bookingId}` },
		);
		expect(repeat.status).toBe(204);
		expect((await rowsOf(bookingId)).map((recording) => recording.status)).toEqual(["ready"]);
		// Recording is over: a new one may start.
		const state = await api("GET", `/bookings/${bookingId}/recording-consent`, coach.token);
		expect(state.body).toMatchObject({ recording: null, canStart: true });
	});

	it("retries a failed egress once with a new one, then reports the failure to the coach and the back office", async () => {
		const bookingId = await agreedLesson();
		const first = await startRecording(bookingId);
		expect((await livekit.finishEgress(webhookUrl(), first.egressId, { status: "failed", error: "no tracks" })).status).toBe(204);
		const afterFirst = await rowsOf(bookingId);
		expect(afterFirst.map((row) => row.status)).toEqual(["failed", "recording"]);
		expect(afterFirst[1]?.retryOf).toBe(afterFirst[0]?.id);
		expect(afterFirst[0]?.error).toBe("no tracks");
		expect(await notificationsOf(coach.userId, "lessonRecordingRetrying")).toHaveLength(1);

		const retry = livekit.egresses.get(afterFirst[1]?.egressId ?? "") ?? expect.unreachable("no retry");
		expect((await livekit.finishEgress(webhookUrl(), retry.egressId, { status: "aborted" })).status).toBe(204);
		expect((await rowsOf(bookingId)).map((row) => row.status)).toEqual(["failed", "failed"]);
		expect(await notificationsOf(coach.userId, "lessonRecordingFailed")).toHaveLength(1);
		const staffAlerts = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.kind, "lessonRecordingFailedStaff"), eq(notifications.link, `/admin/bookings/${bookingId}`)));
		expect(staffAlerts.length).toBeGreaterThan(0);
		// Listed as failed to both sides, not silently gone.
		const listed = await recordingsOf(bookingId, player.token);
		expect(listed.body.recordings.map((recording: { status: string }) => recording.status)).toEqual(["failed", "failed"]);
	});
});

describe("watching and deleting", () => {
	async function readyRecording() {
		const bookingId = await agreedLesson();
		const egress = await startRecording(bookingId);
		await livekit.finishEgress(webhookUrl(), egress.egressId, {
			status: "complete",
			bucket: s3.objects,
			bytes: Buffer.from("0123456789 recorded lesson"),
			durationSeconds: 60,
		});
		return { bookingId, egress };
	}

	it("lists recordings to the booking's two people only, with a signed link that plays (and seeks) and one that has expired refused", async () => {
		const { bookingId } = await readyRecording();
		expect((await recordingsOf(bookingId, stranger.token)).status).toBe(404);
		const listed = await recordingsOf(bookingId, coach.token);
		expect(listed.status).toBe(200);
		const [recording] = listed.body.recordings;
		expect(recording).toMatchObject({
			status: "ready",
			durationSeconds: 60,
			watch: { url: expect.stringMatching(/^\/lesson\/recordings\//) },
		});
		const watched = await fetch(`${app.url}${recording.watch.url}`);
		expect(watched.status).toBe(200);
		expect(watched.headers.get("content-type")).toBe("video/mp4");
		expect(await watched.text()).toBe("0123456789 recorded lesson");
		const seek = await fetch(`${app.url}${recording.watch.url}`, { headers: { range: "bytes=11-" } });
		expect(seek.status).toBe(206);
		expect(await seek.text()).toBe("recorded lesson");

		const stale = signRecordingLink(recording.id, Date.now() - 16 * 60_000);
		expect((await fetch(`${app.url}${stale.url}`)).status).toBe(403);
		const forged = recording.watch.url.replace(/sig=[\w-]+/, `sig=${"A".repeat(43)}`);
		expect((await fetch(`${app.url}${forged}`)).status).toBe(403);
		expect((await recordingsOf(bookingId, player.token)).body.recordings).toHaveLength(1);
	});

	it("deletes at either side's request: the object leaves the bucket, the row is marked deleted, the link stops working", async () => {
		const { bookingId, egress } = await readyRecording();
		const [recording] = (await recordingsOf(bookingId, player.token)).body.recordings;
		expect((await api("DELETE", `/bookings/${bookingId}/recordings/${recording.id}`, stranger.token)).status).toBe(404);
		expect(s3.objects.has(egress.filepath)).toBe(true);
		expect((await api("DELETE", `/bookings/${bookingId}/recordings/${recording.id}`, player.token)).status).toBe(204);
		expect(s3.objects.has(egress.filepath)).toBe(false);
		const [row] = await rowsOf(bookingId);
		expect(row).toMatchObject({ status: "deleted", deletedAt: expect.any(Date) });
		expect((await recordingsOf(bookingId, coach.token)).body.recordings).toEqual([]);
		expect((await fetch(`${app.url}${recording.watch.url}`)).status).toBe(404);
		expect((await api("DELETE", `/bookings/${bookingId}/recordings/${recording.id}`, coach.token)).status).toBe(404);
	});

	it("the daily job deletes recordings older than RECORDING_RETENTION_DAYS and keeps younger ones", async () => {
		const old = await readyRecording();
		const young = await readyRecording();
		// Ninety days and a bit later for the old one only: its end is moved back as time passing would.
		await db()
			.update(lessonRecordings)
			.set({ endedAt: new Date(Date.now() - 91 * 24 * hourMs) })
			.where(eq(lessonRecordings.bookingId, old.bookingId));
		expect(await deleteExpiredRecordings()).toBeGreaterThanOrEqual(1);
		expect(s3.objects.has(old.egress.filepath)).toBe(false);
		expect((await rowsOf(old.bookingId))[0]?.status).toBe("deleted");
		expect(s3.objects.has(young.egress.filepath)).toBe(true);
		expect((await rowsOf(young.bookingId))[0]?.status).toBe("ready");
	});
});
