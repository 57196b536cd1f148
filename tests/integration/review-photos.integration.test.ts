import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { apiCall, fetchPage } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Photos on lesson reviews: the player uploads through the upload API and names the files on the
 * review; only their own unattached uploads are taken, at most 6; each photo stays private until a
 * moderator approves it (the text is public meanwhile), a rejection tells the player why, and
 * hiding the review takes its photos private again.
 */
let app: TestApp;
let staffToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const stars = { overall: 5, aspects: { attitude: 5, skill: 5, service: 5 }, anonymous: false };

const jpeg = (shade: number) =>
	sharp({ create: { width: 40, height: 30, channels: 3, background: { r: shade, g: 120, b: 60 } } })
		.jpeg()
		.toBuffer();

async function uploadPhoto(token: string, shade = 30): Promise<string> {
	const response = await fetch(`${app.url}/api/v1/files?kind=review_photo`, {
		method: "POST",
		headers: { "content-type": "image/jpeg", authorization: `Bearer ${token}` },
		body: await jpeg(shade),
	});
	const body = (await response.json()) as { id: string; kind: string; visibility: string };
	expect(response.status).toBe(201);
	expect(body).toMatchObject({ kind: "review_photo", visibility: "private" });
	return body.id;
}

const reviewsOf = async (coachId: string) => {
	const answer = await call("GET", `/coaches/${coachId}/reviews`, null);
	expect(answer.status, answer.text).toBe(200);
	return answer.body.items as Array<{ id: string; photos: Array<{ id: string; thumbUrl: string; fullUrl: string }> }>;
};

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = (await signInStaff(app.url, "13800000004")).token;
});
afterAll(async () => {
	await app.close();
});

describe("review photos", () => {
	it("attach the player's uploads pending: the text is public, the photos only after approval", async () => {
		const coach = await bookableCoach("照片教练", undefined, { allDay: true });
		const player = await signedInUser("照片学员");
		const first = await uploadPhoto(player.token, 10);
		const second = await uploadPhoto(player.token, 200);
		const written = await call("POST", `/bookings/${await completedLesson(coach, player)}/review`, player.token, {
			...stars,
			text: "台球桌边拍的",
			photoFileIds: [first, second],
		});
		expect(written.status, written.text).toBe(201);
		expect(written.body.review.status).toBe("published");

		// Published text, no photos yet for anyone else; the files themselves stay private.
		const [listed] = await reviewsOf(coach.coachId);
		expect(listed?.photos).toEqual([]);
		expect((await fetch(`${app.url}/files/${first}/thumb.webp`)).status).toBe(404);

		// The back office lists the waiting photos and approves one.
		const queue = await call("GET", "/admin/reviews?status=photos", staffToken);
		const queued = queue.body.items.find((item: { id: string }) => item.id === written.body.review.id);
		expect(queued.allPhotos.map((photo: { status: string }) => photo.status)).toEqual(["pending", "pending"]);
		const [photoOne, photoTwo] = queued.allPhotos as Array<{ id: string; thumbUrl: string }>;
		if (!photoOne || !photoTwo) throw new Error("two photos");
		expect((await fetch(`${app.url}${photoOne.thumbUrl}`)).status).toBe(200);
		const approved = await call("POST", `/admin/reviews/${written.body.review.id}/photos/${photoOne.id}/moderation`, staffToken, {
			decision: "approve",
		});
		expect(approved.status, approved.text).toBe(200);
		expect(approved.body.photo).toEqual({ id: photoOne.id, status: "approved" });

		const [after] = await reviewsOf(coach.coachId);
		expect(after?.photos).toEqual([
			{ id: photoOne.id, thumbUrl: `/files/${first}/thumb.webp`, fullUrl: `/files/${first}/full.webp` },
		]);
		expect((await fetch(`${app.url}/files/${first}/thumb.webp`)).status).toBe(200);
		expect((await fetch(`${app.url}/files/${second}/thumb.webp`)).status).toBe(404);
		// The profile and the coach's own page show the approved thumbnail.
		const profile = await (await fetchPage(app, `/coaches/${coach.coachId}`, null)).text();
		expect(profile).toContain(`/files/${first}/thumb.webp`);
		expect(profile).not.toContain(`/files/${second}/`);
		const desk = await (await fetchPage(app, "/coach/reviews", coach.token)).text();
		expect(desk).toContain(`/files/${first}/thumb.webp`);

		// A rejection needs a reason, tells the player, and the photo stays private.
		const noReason = await call("POST", `/admin/reviews/${written.body.review.id}/photos/${photoTwo.id}/moderation`, staffToken, {
			decision: "reject",
		});
		expect(noReason.status).toBe(400);
		const rejected = await call("POST", `/admin/reviews/${written.body.review.id}/photos/${photoTwo.id}/moderation`, staffToken, {
			decision: "reject",
			reason: "照片与课程无关",
		});
		expect(rejected.status, rejected.text).toBe(200);
		const told = await listNotifications(player.userId);
		expect(told.map((item) => item.kind)).toEqual(expect.arrayContaining(["reviewPhotoApproved", "reviewPhotoRejected"]));
		const page = await (
			await fetchPage(app, `/me/bookings/${await bookingOf(written.body.review.id)}/review`, player.token)
		).text();
		expect(page).toContain("未通过：照片与课程无关");
		expect((await reviewsOf(coach.coachId))[0]?.photos).toHaveLength(1);

		// Hiding the review hides its photos (the file goes private); restoring shows them again.
		const hidden = await call("POST", `/admin/reviews/${written.body.review.id}/moderation`, staffToken, {
			action: "hide",
			reason: "测试隐藏",
		});
		expect(hidden.status, hidden.text).toBe(200);
		expect((await fetch(`${app.url}/files/${first}/thumb.webp`)).status).toBe(404);
		await call("POST", `/admin/reviews/${written.body.review.id}/moderation`, staffToken, { action: "restore", reason: "误判" });
		expect((await fetch(`${app.url}/files/${first}/thumb.webp`)).status).toBe(200);
	});

	it("refuse someone else's upload, an already used one and a seventh photo, saving nothing", async () => {
		const coach = await bookableCoach("照片拒绝教练", undefined, { allDay: true });
		const player = await signedInUser("照片拒绝学员");
		const other = await signedInUser("别人的照片");
		const bookingId = await completedLesson(coach, player);
		const theirs = await uploadPhoto(other.token);

		const foreign = await call("POST", `/bookings/${bookingId}/review`, player.token, { ...stars, photoFileIds: [theirs] });
		expect(foreign.status).toBe(422);
		expect(foreign.body.error.message).toBe("照片无效：只能添加你自己刚上传、还没用在别处的照片");

		const seven = await Promise.all(Array.from({ length: 7 }, (_, index) => uploadPhoto(player.token, index * 30)));
		const tooMany = await call("POST", `/bookings/${bookingId}/review`, player.token, { ...stars, photoFileIds: seven });
		expect(tooMany.status).toBe(400);
		expect(JSON.stringify(tooMany.body.error)).toContain("每条评价最多 6 张照片");
		// Nothing was saved: the lesson can still be reviewed, with six of the player's own photos.
		expect(await reviewsOf(coach.coachId)).toEqual([]);

		const six = await call("POST", `/bookings/${bookingId}/review`, player.token, { ...stars, photoFileIds: seven.slice(0, 6) });
		expect(six.status, six.text).toBe(201);

		// A photo already on a review cannot go on another one.
		const secondLesson = await completedLesson(coach, player, 3);
		const reused = await call("POST", `/bookings/${secondLesson}/review`, player.token, { ...stars, photoFileIds: [seven[0]] });
		expect(reused.status).toBe(422);
	});
});

async function bookingOf(reviewId: string): Promise<string> {
	const { lessonReviews } = await import("../../db/schema");
	const { eq } = await import("drizzle-orm");
	const [row] = await db()
		.select({ bookingId: lessonReviews.bookingId })
		.from(lessonReviews)
		.where(eq(lessonReviews.id, reviewId));
	if (!row) throw new Error("review");
	return row.bookingId;
}
