import { eq } from "drizzle-orm";
import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { cancelBooking } from "~/modules/booking/cancel-booking.server";
import { confirmCompletion } from "~/modules/booking/completion/confirm-completion.server";
import { progressLesson } from "~/modules/booking/lesson-progress.server";
import { issueSecondCameraToken, secondCameraKey } from "~/modules/booking/online-lesson/second-camera.server";
import { bookingEvents, bookings, lessonAttendance } from "../../db/schema";
import { type FakeLivekit, startFakeLivekit } from "../fakes/livekit";
import { apiCall, pageGet } from "../support/api-client";
import { signedInUser } from "../support/bookings";
import { confirmedLesson, currentHalfHour, onlineCoach } from "../support/online-lessons";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Online lessons against the loopback LiveKit: tokens for the booking's two people only, while the
 * room is open, checked with the SDK's TokenVerifier as LiveKit would; the room made through the
 * real RoomServiceClient; LiveKit's signed webhooks turned into attendance and the lesson's start.
 */
let livekit: FakeLivekit;
let app: TestApp;
let coach: Awaited<ReturnType<typeof onlineCoach>>;
let player: { userId: string; token: string };
let lessonId: string;

const dayMs = 24 * 3_600_000;
const call = (path: string, token: string | null, body?: unknown) => apiCall(app, "POST", path, token, body);
const tokenFor = (bookingId: string, token: string | null, body: unknown = {}) =>
	call(`/bookings/${bookingId}/video-token`, token, body);
const webhookUrl = () => `${app.url}/api/v1/lessons/livekit-webhook`;
const verify = (token: string) => new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(token);
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0];
const attendanceOf = (id: string) =>
	db().select().from(lessonAttendance).where(eq(lessonAttendance.bookingId, id)).orderBy(lessonAttendance.joinedAt);
const eventsOf = async (id: string) =>
	(await db().select().from(bookingEvents).where(eq(bookingEvents.bookingId, id)).orderBy(bookingEvents.createdAt)).map(
		(event) => event.kind,
	);

let eventCount = 0;
/** A LiveKit participant event for the booking's room, as LiveKit's webhook JSON writes it. */
function participantEvent(
	kind: "participant_joined" | "participant_left",
	bookingId: string,
	identity: string,
	participantSid: string,
	at = new Date(),
) {
	eventCount += 1;
	return {
		id: `EV_test${eventCount}`,
		event: kind,
		createdAt: String(Math.floor(at.getTime() / 1000)),
		room: { sid: "RM_test", name: `booking-${bookingId}` },
		participant: { sid: participantSid, identity, name: identity, joinedAt: String(Math.floor(at.getTime() / 1000)) },
	};
}

beforeAll(async () => {
	livekit = await startFakeLivekit();
	app = await startConfiguredApp(livekit.settings);
	coach = await onlineCoach("线上教练");
	player = await signedInUser("线上学员");
	lessonId = await confirmedLesson(coach, player, currentHalfHour());
});
afterAll(async () => {
	await app?.close();
	await livekit?.close();
});

describe("video tokens", () => {
	it("gives the booking's player and coach a short token for that room only, after creating the room with its limits", async () => {
		const asPlayer = await tokenFor(lessonId, player.token);
		expect(asPlayer.status).toBe(200);
		const room = `booking-${lessonId}`;
		expect(asPlayer.body).toMatchObject({ url: livekit.url, room, identity: `player-${player.userId}-main` });
		const claims = await verify(asPlayer.body.token);
		expect(claims.sub).toBe(`player-${player.userId}-main`);
		expect(claims.video).toMatchObject({ roomJoin: true, room, canPublish: true, canSubscribe: true });
		expect(claims.video?.roomCreate).toBeUndefined();
		const lifetime = (claims.exp ?? 0) - Math.floor(Date.now() / 1000);
		expect(lifetime).toBeGreaterThan(0);
		expect(lifetime).toBeLessThanOrEqual(600);
		expect(new Date(asPlayer.body.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 600_000);

		const asCoach = await tokenFor(lessonId, coach.token, { device: "main" });
		expect(asCoach.status).toBe(200);
		expect((await verify(asCoach.body.token)).sub).toBe(`coach-${coach.userId}-main`);

		// The room was made through the SDK with a token the fake verified, carrying roomCreate.
		expect(livekit.rooms.get(room)).toMatchObject({ maxParticipants: 4, emptyTimeout: 600 });
		const creates = livekit.calls.filter((c) => c.method === "livekit.RoomService/CreateRoom");
		expect(creates.length).toBeGreaterThan(0);
		expect(creates[0]?.video.roomCreate).toBe(true);
		expect(livekit.rejected).toEqual([]);
	});

	it("lets a second device publish its camera only, and see and send nothing", async () => {
		const second = await tokenFor(lessonId, player.token, { device: "second" });
		expect(second.status).toBe(200);
		expect(second.body.identity).toBe(`player-${player.userId}-second`);
		const claims = await verify(second.body.token);
		expect(claims.video).toMatchObject({
			canPublish: true,
			canPublishSources: ["camera"],
			canSubscribe: false,
			canPublishData: false,
		});
	});

	it("refuses strangers, in-person lessons, rooms not open, cancelled and completed lessons, and unknown devices", async () => {
		const stranger = await signedInUser("路人");
		const refused = await tokenFor(lessonId, stranger.token);
		expect(refused.status).toBe(404);
		expect(refused.body.error.code).toBe("not_found");
		expect((await tokenFor(lessonId, null)).status).toBe(401);
		expect((await tokenFor(lessonId, player.token, { device: "third" })).status).toBe(400);

		const inPerson = await confirmedLesson(coach, player, new Date(currentHalfHour().getTime() + 3 * dayMs), "venue");
		const notOnline = await tokenFor(inPerson, player.token);
		expect(notOnline.status).toBe(422);
		expect(notOnline.body.error.code).toBe("not_online");

		const tomorrow = await confirmedLesson(coach, player, new Date(currentHalfHour().getTime() + dayMs));
		const early = await tokenFor(tomorrow, player.token);
		expect(early.status).toBe(409);
		expect(early.body.error.code).toBe("room_not_open");
		expect(new Date(early.body.error.opensAt).getTime()).toBe(currentHalfHour().getTime() + dayMs - 10 * 60_000);
		expect(early.body.error.message).toMatch(/10/);

		// Both in the window now, each of its own coach so the times do not collide.
		const otherCoach = await onlineCoach("另一位线上教练");
		const cancelled = await confirmedLesson(otherCoach, player, currentHalfHour());
		await cancelBooking({ caller: { userId: player.userId, roles: ["player"] }, bookingId: cancelled });
		const afterCancel = await tokenFor(cancelled, player.token);
		expect(afterCancel.status).toBe(409);
		expect(afterCancel.body.error.code).toBe("conflict");

		const thirdCoach = await onlineCoach("第三位线上教练");
		const started = currentHalfHour();
		const done = await confirmedLesson(thirdCoach, player, started);
		const coachCaller = { userId: thirdCoach.userId, roles: ["player" as const, "coach" as const] };
		await progressLesson({ caller: coachCaller, bookingId: done, step: "start", now: started });
		await progressLesson({ caller: coachCaller, bookingId: done, step: "finish" });
		await confirmCompletion({ caller: { userId: player.userId, roles: ["player"] }, bookingId: done });
		expect((await bookingRow(done))?.status).toBe("completed");
		expect((await tokenFor(done, player.token)).status).toBe(409);
	});
});

describe("LiveKit webhooks", () => {
	it("refuses a forged, stale or altered webhook with 401 and records nothing", async () => {
		const joined = participantEvent("participant_joined", lessonId, `player-${player.userId}-main`, "PA_forged");
		const forged = await livekit.sendWebhook(webhookUrl(), joined, { secret: "not-the-api-secret" });
		expect(forged.status).toBe(401);
		expect((await forged.json()).error.code).toBe("unauthorized");
		expect((await livekit.sendWebhook(webhookUrl(), joined, { expiredSecondsAgo: 3600 })).status).toBe(401);
		expect((await livekit.sendWebhook(webhookUrl(), joined, { tamper: true })).status).toBe(401);
		const unsigned = await fetch(webhookUrl(), {
			method: "POST",
			headers: { "content-type": "application/webhook+json" },
			body: JSON.stringify(joined),
		});
		expect(unsigned.status).toBe(401);
		expect(await attendanceOf(lessonId)).toEqual([]);
	});

	it("records joins and leaves as attendance and on the timeline, once however often LiveKit sends them; both sides present start the lesson", async () => {
		const joinedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
		const playerJoined = participantEvent("participant_joined", lessonId, `player-${player.userId}-main`, "PA_player", joinedAt);
		expect((await livekit.sendWebhook(webhookUrl(), playerJoined)).status).toBe(204);
		// LiveKit retries a webhook it thinks was lost: the same event id changes nothing.
		expect((await livekit.sendWebhook(webhookUrl(), playerJoined)).status).toBe(204);
		let attendance = await attendanceOf(lessonId);
		expect(attendance).toHaveLength(1);
		expect(attendance[0]).toMatchObject({ party: "player", userId: player.userId, device: "main", leftAt: null });
		expect(attendance[0]?.joinedAt.getTime()).toBe(joinedAt.getTime());
		expect((await bookingRow(lessonId))?.status).toBe("confirmed");

		// The player's phone over the table joins and leaves: its own row, with its device.
		const secondJoined = participantEvent("participant_joined", lessonId, `player-${player.userId}-second`, "PA_table");
		await livekit.sendWebhook(webhookUrl(), secondJoined);
		const secondLeft = participantEvent("participant_left", lessonId, `player-${player.userId}-second`, "PA_table");
		expect((await livekit.sendWebhook(webhookUrl(), secondLeft)).status).toBe(204);
		attendance = await attendanceOf(lessonId);
		expect(attendance.map((row) => [row.device, row.leftAt !== null])).toEqual([
			["main", false],
			["second", true],
		]);
		expect((await bookingRow(lessonId))?.status).toBe("confirmed");

		// A participant claiming to be the coach with another person's id is not the coach.
		const impostor = await signedInUser("冒充者");
		await livekit.sendWebhook(
			webhookUrl(),
			participantEvent("participant_joined", lessonId, `coach-${impostor.userId}-main`, "PA_x"),
		);
		expect((await bookingRow(lessonId))?.status).toBe("confirmed");

		const coachJoined = participantEvent("participant_joined", lessonId, `coach-${coach.userId}-main`, "PA_coach");
		expect((await livekit.sendWebhook(webhookUrl(), coachJoined)).status).toBe(204);
		expect((await bookingRow(lessonId))?.status).toBe("in_progress");
		expect(await eventsOf(lessonId)).toEqual([
			"created",
			"pay",
			"confirm",
			"lesson_joined",
			"lesson_joined",
			"lesson_left",
			"lesson_joined",
			"start",
		]);
		const start = (await db().select().from(bookingEvents).where(eq(bookingEvents.bookingId, lessonId))).find(
			(event) => event.kind === "start",
		);
		expect(start).toMatchObject({ actor: "system", fromStatus: "confirmed", toStatus: "in_progress" });

		// The player's booking shows who was in the room, with the device.
		const view = await apiCall(app, "GET", `/bookings/${lessonId}`, player.token);
		const joins = view.body.booking.events.filter((event: { kind: string }) => event.kind === "lesson_joined");
		expect(joins.map((event: { actor: string; detail: { device: string } }) => [event.actor, event.detail.device])).toEqual([
			["player", "main"],
			["player", "second"],
			["coach", "main"],
		]);
	});
});

describe("second camera", () => {
	it("shows the booking's people a QR code for a phone over the table, which joins as the same person with its camera only", async () => {
		const page = await pageGet(app, `/me/bookings/${lessonId}/lesson`, player.token);
		expect(page.status).toBe(200);
		expect(page.html).toContain('data-testid="second-camera"');
		expect(page.html).toMatch(/<svg[^>]*viewBox/);
		const stranger = await signedInUser("扫码路人");
		expect((await pageGet(app, `/me/bookings/${lessonId}/lesson`, stranger.token)).status).toBe(404);
		expect((await pageGet(app, `/coach/orders/${lessonId}/lesson`, player.token)).status).toBe(404);

		const { key } = await secondCameraKey({ caller: { userId: player.userId, roles: ["player"] }, bookingId: lessonId });
		const joined = await call("/lessons/second-camera-token", null, { key });
		expect(joined.status).toBe(200);
		expect(joined.body.identity).toBe(`player-${player.userId}-second`);
		const claims = await verify(joined.body.token);
		expect(claims.video).toMatchObject({ room: `booking-${lessonId}`, canPublishSources: ["camera"], canSubscribe: false });
	});

	it("refuses an altered, made-up or expired key, and nobody else can make one", async () => {
		const { key } = await secondCameraKey({ caller: { userId: coach.userId, roles: ["player", "coach"] }, bookingId: lessonId });
		const altered = `${key.slice(0, -3)}${key.slice(-3) === "AAA" ? "BBB" : "AAA"}`;
		const refused = await call("/lessons/second-camera-token", null, { key: altered });
		expect(refused.status).toBe(401);
		expect(refused.body.error.message).toBe("这个第二机位链接无效，请在主设备上重新扫码");
		expect((await call("/lessons/second-camera-token", null, { key: "v2.made.up.key.here" })).status).toBe(401);
		expect((await call("/lessons/second-camera-token", null, {})).status).toBe(400);
		await expect(issueSecondCameraToken({ key, now: new Date(Date.now() + 16 * 60_000) })).rejects.toMatchObject({
			status: 401,
			messageKey: "booking.online.errors.linkExpired",
		});
		const stranger = await signedInUser("另一个路人");
		await expect(
			secondCameraKey({ caller: { userId: stranger.userId, roles: ["player"] }, bookingId: lessonId }),
		).rejects.toMatchObject({
			status: 404,
		});
	});
});
