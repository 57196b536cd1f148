import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { apiCall, fetchPage, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Reports of reviews and replies as users meet them: any signed-in user (a stranger to the lesson,
 * or the reviewed coach) reports a published review or its reply with a reason, once while the
 * report is open; the reports land in the back office's queue.
 */
let app: TestApp;
let staffToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
	apiCall(app, method, path, token, body, headers);

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = await staffSessionToken("13800000004");
});
afterAll(async () => {
	await app.close();
});

async function publishedReview(text: string, overall = 1) {
	const coach = await bookableCoach(`举报教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
	const player = await signedInUser("举报学员");
	const bookingId = await completedLesson(coach, player);
	const written = await call("POST", `/bookings/${bookingId}/review`, player.token, {
		overall,
		aspects: { attitude: overall, skill: overall, service: overall },
		anonymous: false,
		text,
	});
	expect(written.body.review.status).toBe("published");
	return { coach, player, reviewId: written.body.review.id as string };
}

describe("reporting a review", () => {
	it("is open to any signed-in user once while open (409 already_reported), not to anonymous callers (401)", async () => {
		const { reviewId } = await publishedReview("这个教练收钱不办事");
		const stranger = await signedInUser("路过的球友");
		const report = (token: string | null, body: unknown = { reason: "false", detail: "我也上过这位教练的课，并非如此" }) =>
			call("POST", `/reviews/${reviewId}/reports`, token, body);

		const first = await report(stranger.token);
		expect(first.status, first.text).toBe(201);
		expect(first.body.report.status).toBe("open");

		const again = await report(stranger.token, { reason: "abuse" });
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({ code: "already_reported", message: "你已经举报过这条内容，处理后会通知你" });

		expect((await report(null)).status).toBe(401);
		const other = await signedInUser("另一位球友");
		expect((await report(other.token, { reason: "abuse" })).status).toBe(201);

		const queue = await call("GET", "/admin/reviews?status=reported", staffToken);
		expect(queue.status, queue.text).toBe(200);
		const listed = queue.body.items.find((item: { id: string }) => item.id === reviewId);
		expect(listed.reports.review).toMatchObject({ count: 2, reasons: { false: 1, abuse: 1 } });
		expect(listed.reports.review.details).toEqual(["我也上过这位教练的课，并非如此"]);
	});

	it("lets the reviewed coach report an abusive review, and anyone report the coach's reply", async () => {
		const { coach, player, reviewId } = await publishedReview("教练水平太差了");
		expect((await call("POST", `/reviews/${reviewId}/reports`, coach.token, { reason: "abuse" })).status).toBe(201);
		// The review's author does not report their own words, nor the coach their own reply.
		expect((await call("POST", `/reviews/${reviewId}/reports`, player.token, { reason: "abuse" })).status).toBe(403);
		const noReply = await call("POST", `/reviews/${reviewId}/reports`, player.token, { reason: "abuse", target: "reply" });
		expect(noReply.status).toBe(422);
		expect(noReply.body.error.message).toBe("这条评价还没有教练回复");

		await call("POST", `/reviews/${reviewId}/reply`, coach.token, { text: "请你下次准时到" });
		const replyReport = await call("POST", `/reviews/${reviewId}/reports`, player.token, { reason: "abuse", target: "reply" });
		expect(replyReport.status, replyReport.text).toBe(201);
		expect((await call("POST", `/reviews/${reviewId}/reports`, coach.token, { reason: "abuse", target: "reply" })).status).toBe(
			403,
		);
	});

	it("refuses an unknown reason or target, too long details and an unknown review, clearly and saving nothing", async () => {
		const { reviewId } = await publishedReview("一般");
		const user = await signedInUser("较真的球友");
		const refused = await call("POST", `/reviews/${reviewId}/reports`, user.token, { reason: "boring" });
		expect(refused.status).toBe(400);
		expect(refused.body.error.fields.reason).toBe("请选择举报原因");
		const english = await call(
			"POST",
			`/reviews/${reviewId}/reports`,
			user.token,
			{ reason: "boring" },
			{ "accept-language": "en" },
		);
		expect(english.body.error.fields.reason).toBe("Choose a reason");
		const long = await call("POST", `/reviews/${reviewId}/reports`, user.token, { reason: "other", detail: "长".repeat(501) });
		expect(long.body.error.fields.detail).toBe("补充说明最多 500 字");
		const target = await call("POST", `/reviews/${reviewId}/reports`, user.token, { reason: "other", target: "coach" });
		expect(target.status).toBe(400);
		expect(
			(await call("POST", "/reviews/00000000-0000-4000-8000-000000000000/reports", user.token, { reason: "other" })).status,
		).toBe(404);
		expect((await call("POST", "/reviews/nope/reports", user.token, { reason: "other" })).status).toBe(400);
		// None of the refusals used up the user's one open report.
		expect((await call("POST", `/reviews/${reviewId}/reports`, user.token, { reason: "other" })).status).toBe(201);
	});

	it("offers the report form on the profile to signed-in visitors only, and files it from there", async () => {
		const { coach, reviewId } = await publishedReview("上课一直玩手机");
		const visitor = await signedInUser("看主页的球友");
		const anonymousPage = await (await fetchPage(app, `/coaches/${coach.coachId}`)).text();
		expect(anonymousPage).not.toContain(`/reviews/${reviewId}/report`);
		const page = await pageGet(app, `/coaches/${coach.coachId}`, visitor.token);
		expect(page.html).toContain(`/reviews/${reviewId}/report`);
		expect(page.html).toContain("举报");

		const sent = await pagePost(app, `/reviews/${reviewId}/report`, visitor.token, {
			reason: "abuse",
			target: "review",
			redirectTo: `/coaches/${coach.coachId}`,
		});
		expect(sent.status).toBe(302);
		expect(sent.location).toBe(`/coaches/${coach.coachId}`);
		const twice = await pagePost(app, `/reviews/${reviewId}/report`, visitor.token, {
			reason: "abuse",
			redirectTo: "https://evil.example/",
		});
		expect(twice.location).toBe("/");
		const queue = await call("GET", "/admin/reviews?status=reported", staffToken);
		expect(queue.body.items.find((item: { id: string }) => item.id === reviewId).reports.review.count).toBe(1);

		const coachPage = await pageGet(app, "/coach/reviews", coach.token);
		expect(coachPage.html).toContain(`/reviews/${reviewId}/report`);
	});
});
