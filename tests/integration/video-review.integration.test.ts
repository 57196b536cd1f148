import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { notifications, storedFiles, videoReviews } from "../../db/schema";
import { apiCall } from "../support/api-client";
import { bookableCoach, bookedLesson, completedLesson, signedInUser } from "../support/bookings";
import { mp4Header, strokeWebm } from "../support/stroke-video";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Async stroke-video review over the API, as a player, their coach and strangers meet it: a video
 * sent to a coach the player has booked, refused when too long, not a video or to a coach never
 * booked; the coach's timestamped comments with drawings; done; the player's playback of the same
 * comments and shapes and of the video itself through its signed link.
 */
let app: TestApp;
type Coach = Awaited<ReturnType<typeof bookableCoach>>;
type Person = Awaited<ReturnType<typeof signedInUser>>;
let coach: Coach;
let unbookedCoach: Coach;
let player: Person;
let stranger: Person;

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

async function sendVideo(token: string, coachId: string, bytes: Uint8Array, contentType = "video/webm", question = "") {
	const query = new URLSearchParams({ coachId, ...(question ? { question } : {}) });
	const response = await fetch(`${app.url}/api/v1/video-reviews?${query}`, {
		method: "POST",
		headers: { authorization: `Bearer ${token}`, "content-type": contentType },
		body: Buffer.from(bytes),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

const rowCounts = async () => ({
	reviews: (await db().select().from(videoReviews)).length,
	files: (await db().select().from(storedFiles).where(eq(storedFiles.kind, "review_video"))).length,
});
const notificationsOf = (userId: string, kind: string) =>
	db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

const arrow = { type: "arrow", x1: 0.2, y1: 0.3, x2: 0.6, y2: 0.55, color: "#ef4444" };
const circle = { type: "circle", x1: 0.5, y1: 0.5, x2: 0.55, y2: 0.5, color: "#facc15" };

beforeAll(async () => {
	app = await startTestApp();
	coach = await bookableCoach("视频点评教练", undefined, { allDay: true });
	unbookedCoach = await bookableCoach("没约过的教练", undefined, { allDay: true });
	player = await signedInUser("发视频的球员");
	stranger = await signedInUser("路人");
	await completedLesson(coach, player);
});
afterAll(async () => {
	await app.close();
});

describe("a video review sent, commented and played back", () => {
	it("goes from the player's upload through the coach's comments with drawings to the player's playback", async () => {
		const sent = await sendVideo(player.token, coach.coachId, strokeWebm(), "video/webm", "我的低杆总是拉不回来");
		expect(sent.status, JSON.stringify(sent.body)).toBe(201);
		const reviewId = sent.body.id as string;
		expect(await notificationsOf(coach.userId, "videoReviewReceived")).toHaveLength(1);

		const toReview = await call("GET", "/video-reviews", coach.token);
		expect(toReview.body.toReview.map((review: { id: string }) => review.id)).toEqual([reviewId]);
		expect(toReview.body.toReview[0]).toMatchObject({
			status: "open",
			question: "我的低杆总是拉不回来",
			playerName: "发视频的球员",
		});
		// Its length is the container's (a 2-second browser recording), not anything the client said.
		expect(toReview.body.toReview[0].durationMs).toBeGreaterThan(1500);
		expect(toReview.body.toReview[0].durationMs).toBeLessThanOrEqual(2100);

		const first = await call("POST", `/video-reviews/${reviewId}/comments`, coach.token, {
			atMs: 1200,
			body: "出杆时肘部下沉，看箭头",
			shapes: [arrow, circle],
		});
		expect(first.status, first.text).toBe(201);
		const early = await call("POST", `/video-reviews/${reviewId}/comments`, coach.token, { atMs: 300, body: "站位很好" });
		expect(early.status).toBe(201);
		const edited = await call("PUT", `/video-reviews/${reviewId}/comments/${early.body.id}`, coach.token, {
			atMs: 400,
			body: "站位很好，重心稳",
			shapes: [],
		});
		expect(edited.status).toBe(200);

		// The player reads, but does not write.
		const byPlayer = await call("POST", `/video-reviews/${reviewId}/comments`, player.token, { atMs: 100, body: "我也想写" });
		expect(byPlayer.status).toBe(403);

		expect((await call("POST", `/video-reviews/${reviewId}/done`, coach.token)).status).toBe(204);
		expect(await notificationsOf(player.userId, "videoReviewDone")).toHaveLength(1);
		const afterDone = await call("POST", `/video-reviews/${reviewId}/comments`, coach.token, { atMs: 100, body: "再补一句" });
		expect(afterDone.status).toBe(409);

		const playback = await call("GET", `/video-reviews/${reviewId}`, player.token);
		expect(playback.status).toBe(200);
		expect(playback.body).toMatchObject({ party: "player", status: "done", coachName: "视频点评教练" });
		expect(playback.body.comments.map((comment: { atMs: number; body: string }) => [comment.atMs, comment.body])).toEqual([
			[400, "站位很好，重心稳"],
			[1200, "出杆时肘部下沉，看箭头"],
		]);
		expect(playback.body.comments[1].shapes).toEqual([arrow, circle]);

		// The signed link plays the private video, in ranges as a <video> asks for it.
		const video = await fetch(`${app.url}${playback.body.video.url}`, { headers: { range: "bytes=0-99" } });
		expect(video.status).toBe(206);
		expect(video.headers.get("content-type")).toBe("video/webm");
		expect((await video.arrayBuffer()).byteLength).toBe(100);
		// Without the signature it is not there.
		const bare = await fetch(`${app.url}${playback.body.video.url.split("?")[0]}`);
		expect(bare.status).toBe(403);
	});
});

describe("only the two people see a review", () => {
	it("answers 404 to a stranger and to another coach for every operation, and lists nothing of it to them", async () => {
		const sent = await sendVideo(player.token, coach.coachId, strokeWebm());
		const reviewId = sent.body.id as string;
		const comment = await call("POST", `/video-reviews/${reviewId}/comments`, coach.token, { atMs: 500, body: "看这里" });
		for (const outsider of [stranger, unbookedCoach]) {
			expect((await call("GET", `/video-reviews/${reviewId}`, outsider.token)).status).toBe(404);
			expect((await call("POST", `/video-reviews/${reviewId}/comments`, outsider.token, { atMs: 1, body: "x" })).status).toBe(
				404,
			);
			expect(
				(await call("PUT", `/video-reviews/${reviewId}/comments/${comment.body.id}`, outsider.token, { atMs: 1, body: "x" }))
					.status,
			).toBe(404);
			expect((await call("DELETE", `/video-reviews/${reviewId}/comments/${comment.body.id}`, outsider.token)).status).toBe(404);
			expect((await call("POST", `/video-reviews/${reviewId}/done`, outsider.token)).status).toBe(404);
			const lists = await call("GET", "/video-reviews", outsider.token);
			expect([...lists.body.mine, ...lists.body.toReview]).toEqual([]);
		}
		expect((await call("GET", `/video-reviews/${reviewId}`, null)).status).toBe(401);
		// The comment the outsiders tried to change is as the coach wrote it.
		const read = await call("GET", `/video-reviews/${reviewId}`, coach.token);
		expect(read.body.comments.map((c: { body: string }) => c.body)).toEqual(["看这里"]);
	});
});

describe("refused videos change nothing", () => {
	it("refuses a video longer than a minute, read from its movie header, with the length in the message", async () => {
		const before = await rowCounts();
		const answer = await sendVideo(player.token, coach.coachId, mp4Header(75), "video/mp4");
		expect(answer.status).toBe(400);
		expect(answer.body.error.message).toContain("75");
		expect(await rowCounts()).toEqual(before);
		// One just under the limit, a QuickTime movie from a phone, is taken.
		expect((await sendVideo(player.token, coach.coachId, mp4Header(59.5, "qt  "), "video/quicktime")).status).toBe(201);
	});

	it("refuses what is not a video, whatever its Content-Type says", async () => {
		const before = await rowCounts();
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64)]);
		const answer = await sendVideo(player.token, coach.coachId, png, "video/mp4");
		expect(answer.status).toBe(415);
		expect(answer.body.error.code).toBe("unsupported_media_type");
		const text = await sendVideo(player.token, coach.coachId, new TextEncoder().encode("not a video at all"), "video/webm");
		expect(text.status).toBe(415);
		expect(await rowCounts()).toEqual(before);
	});

	it("refuses a video to a coach the player never booked, and to a booking still waiting for the coach", async () => {
		const before = await rowCounts();
		expect((await sendVideo(player.token, unbookedCoach.coachId, strokeWebm())).status).toBe(409);
		expect((await sendVideo(stranger.token, coach.coachId, strokeWebm())).status).toBe(409);
		expect(await rowCounts()).toEqual(before);
		// A confirmed lesson is enough.
		const other = await signedInUser("刚约好的球员");
		await bookedLesson(unbookedCoach, other);
		expect((await sendVideo(other.token, unbookedCoach.coachId, strokeWebm())).status).toBe(201);
	});

	it("refuses comments out of range: past the video, coordinates outside 0–1, too many shapes, empty text", async () => {
		const sent = await sendVideo(player.token, coach.coachId, strokeWebm());
		const path = `/video-reviews/${sent.body.id}/comments`;
		const bad = [
			{ atMs: 30_000, body: "视频只有两秒" },
			{ atMs: 100, body: "坐标越界", shapes: [{ ...arrow, x2: 1.4 }] },
			{ atMs: 100, body: "太多图形", shapes: Array.from({ length: 13 }, () => arrow) },
			{ atMs: 100, body: "   " },
			{ atMs: 100, body: "未知图形", shapes: [{ ...arrow, type: "star" }] },
		];
		for (const body of bad) {
			const answer = await call("POST", path, coach.token, body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
		}
		const read = await call("GET", `/video-reviews/${sent.body.id}`, coach.token);
		expect(read.body.comments).toEqual([]);
		// Done without a single comment is refused too.
		expect((await call("POST", `/video-reviews/${sent.body.id}/done`, coach.token)).status).toBe(409);
	});
});
