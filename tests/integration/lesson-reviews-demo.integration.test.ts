import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { seedDemoData } from "~/server/demo-data";
import { apiCall } from "../support/api-client";
import { useDemoDatabase } from "../support/demo-database";
import { startTestApp, type TestApp } from "../support/test-app";

/** What a fresh start shows of reviews: demo coaches with real reviews and replies, and a lesson for the demo player to review. */
let app: TestApp;
beforeAll(async () => {
	await useDemoDatabase();
	app = await startTestApp();
	return () => app.close();
});

describe("demo reviews", () => {
	it("give demo coaches reviews with replies, ranked by the Bayesian average in Shanghai, and leave the ledger balanced", async () => {
		const coachUser = await findUserByPhone("+8613800000002");
		const coach = await findCoachOfUser(coachUser?.id as string, db());
		const listed = await apiCall(app, "GET", `/coaches/${coach?.id}/reviews`, null);
		expect(listed.status).toBe(200);
		expect(listed.body.summary.count).toBe(6);
		expect(listed.body.items.some((item: { reply: unknown }) => item.reply !== null)).toBe(true);
		expect(listed.body.items.some((item: { author: unknown }) => item.author === null)).toBe(true);

		const search = await apiCall(app, "GET", "/coaches?city=shanghai&sort=rating", null);
		const rated = search.body.items.filter((item: { ratingCount: number }) => item.ratingCount > 0);
		expect(rated.length).toBeGreaterThanOrEqual(6);
		// The coach with one perfect review ranks below those with many good ones.
		const single = rated.findIndex((item: { ratingCount: number }) => item.ratingCount === 1);
		expect(single).toBeGreaterThan(0);
		expect(rated[0].ratingCount).toBeGreaterThan(1);
		expect((await verifyLedger(db())).breaks).toEqual([]);
	});

	it("show one of the demo coach's reviews with a photo the back office approved, open to anyone on the profile and in the API", async () => {
		const coachUser = await findUserByPhone("+8613800000002");
		const coach = await findCoachOfUser(coachUser?.id as string, db());
		const listed = await apiCall(app, "GET", `/coaches/${coach?.id}/reviews`, null);
		const withPhotos = listed.body.items.filter((item: { photos: unknown[] }) => item.photos.length > 0);
		expect(withPhotos).toHaveLength(1);
		const [review] = withPhotos;
		expect(review.text).toContain("练习安排得很实用");
		expect(review.photos).toHaveLength(1);
		const [photo] = review.photos;
		// Plain public URLs, no signature: anyone without a session gets the image.
		for (const url of [photo.thumbUrl, photo.fullUrl]) {
			expect(url).not.toContain("sig=");
			const image = await fetch(`${app.url}${url}`);
			expect(image.status).toBe(200);
			expect(image.headers.get("content-type")).toBe("image/webp");
		}
		// Approved as the back office leaves it: the author's view says so, and nothing waits in the photo queue.
		const { allPhotosOf } = await import("~/modules/coaches/reviews/review-photos.server");
		const own = (await allPhotosOf([review.id], db())).get(review.id) ?? [];
		expect(own.map((item) => item.status)).toEqual(["approved"]);
		const { staffSessionToken } = await import("../support/staff");
		const queue = await apiCall(app, "GET", "/admin/reviews?status=photos", await staffSessionToken("13800000004"));
		expect(queue.status).toBe(200);
		expect(queue.body.items.some((item: { id: string }) => item.id === review.id)).toBe(false);
		// The profile page shows it as a thumbnail linking to the large photo.
		const page = await fetch(`${app.url}/coaches/${coach?.id}`);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain(`href="${photo.fullUrl}"`);
		expect(html).toContain(`src="${photo.thumbUrl}"`);
	});

	it("leave the demo player a completed lesson with the demo coach to review, and add nothing on a second start", async () => {
		const player = await findUserByPhone("+8613800000001");
		const { myLessonReview } = await import("~/modules/coaches/reviews/my-review.server");
		const { reviewableLesson } = await import("~/modules/booking/completion/reviewable-lesson.server");
		const caller = { userId: player?.id as string, roles: ["player" as const] };
		const { bookings } = await import("../../db/schema");
		const { and, eq } = await import("drizzle-orm");
		const completed = await db()
			.select({ id: bookings.id })
			.from(bookings)
			.where(and(eq(bookings.playerId, caller.userId), eq(bookings.status, "completed")));
		const open = [];
		for (const row of completed) {
			const mine = await myLessonReview(await reviewableLesson(row.id, caller.userId));
			if (mine.mayWrite) open.push(row.id);
		}
		expect(open.length).toBeGreaterThanOrEqual(1);
		expect(await seedDemoData()).toBe(0);
	});

	it("show the back office a held demo review (it offers lessons outside the platform) and the coach's open report", async () => {
		const { staffSessionToken } = await import("../support/staff");
		const staff = await staffSessionToken("13800000004");
		const held = await apiCall(app, "GET", "/admin/reviews?status=held", staff);
		expect(held.status).toBe(200);
		const demo = held.body.items.find((item: { text: string | null }) => item.text?.includes("qiuyou888"));
		expect(demo?.matchedWords.review.sort()).toEqual(["加我微信", "私下约课"].sort());
		const reported = await apiCall(app, "GET", "/admin/reviews?status=reported", staff);
		expect(reported.body.items).toHaveLength(1);
		expect(reported.body.items[0].reports.review).toMatchObject({ count: 1, reasons: { false: 1 } });
	});
});
