import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { apiCall, pageGet, postForm } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The back office's queue of held and reported reviews and replies: each decision moves the
 * coach's rating exactly, closes every open report of its subject, is audited, and tells the
 * author and each reporter.
 */
let app: TestApp;
let staffToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = await staffSessionToken("13800000004");
});
afterAll(async () => {
	await app.close();
});

async function reviewed(text: string, overall: number) {
	const coach = await bookableCoach(`队列教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
	const player = await signedInUser("队列学员");
	const bookingId = await completedLesson(coach, player);
	const written = await call("POST", `/bookings/${bookingId}/review`, player.token, {
		overall,
		aspects: { attitude: overall, skill: overall, service: overall },
		anonymous: false,
		text,
	});
	expect(written.status, written.text).toBe(201);
	return { coach, player, reviewId: written.body.review.id as string, status: written.body.review.status as string };
}

const summaryOf = async (coachId: string) => (await call("GET", `/coaches/${coachId}/reviews`, null)).body.summary;
const decide = (reviewId: string, body: Record<string, string>) =>
	call("POST", `/admin/reviews/${reviewId}/moderation`, staffToken, body);
const kindsOf = async (userId: string) => (await listNotifications(userId)).map((item) => item.kind);
const auditOf = async (id: string) =>
	((await call("GET", `/admin/audit?targetId=${id}`, staffToken)).body.entries ?? []).map(
		(entry: { action: string }) => entry.action,
	);

describe("held items", () => {
	it("publishing a held review counts its stars and tells the player; hiding another keeps it out", async () => {
		const held = await reviewed("教练很好，加我微信约", 4);
		expect(held.status).toBe("held");
		expect((await summaryOf(held.coach.coachId)).count).toBe(0);

		const published = await decide(held.reviewId, { action: "publish", reason: "联系方式是误会，内容属实" });
		expect(published.status, published.text).toBe(200);
		expect(published.body.review.status).toBe("published");
		expect(await summaryOf(held.coach.coachId)).toMatchObject({ count: 1, average: 4 });
		expect(await kindsOf(held.player.userId)).toContain("reviewPublished");

		const other = await reviewed("傻逼教练", 1);
		const hidden = await decide(other.reviewId, { action: "hide", reason: "辱骂" });
		expect(hidden.body.review.status).toBe("hidden");
		expect((await summaryOf(other.coach.coachId)).count).toBe(0);
		expect(await auditOf(other.reviewId)).toContain("review.hidden");
	});

	it("publishing a held reply shows it to the public and tells the coach and the player", async () => {
		const { coach, player, reviewId } = await reviewed("很耐心", 5);
		const replied = await call("POST", `/reviews/${reviewId}/reply`, coach.token, { text: "谢谢，有需要加微信" });
		expect(replied.body.reply.status).toBe("held");
		expect(await kindsOf(player.userId)).not.toContain("reviewReplied");

		const queue = await call("GET", "/admin/reviews?status=held", staffToken);
		expect(queue.body.items.find((item: { id: string }) => item.id === reviewId)).toMatchObject({
			status: "published",
			replyStatus: "held",
			matchedWords: { reply: ["加微信"] },
		});
		expect((await decide(reviewId, { action: "publish", reason: "", target: "reply" })).status).toBe(400);
		const decided = await decide(reviewId, { action: "publish", reason: "只是客气话", target: "reply" });
		expect(decided.status, decided.text).toBe(200);
		expect(decided.body.review).toMatchObject({ status: "published", replyStatus: "published" });
		const listed = await call("GET", `/coaches/${coach.coachId}/reviews`, null);
		expect(listed.body.items[0].reply.text).toBe("谢谢，有需要加微信");
		expect(await kindsOf(player.userId)).toContain("reviewReplied");
		expect(await kindsOf(coach.userId)).toContain("reviewReplyPublished");
		expect(await auditOf(reviewId)).toContain("review.reply.published");
		// The rating did not move: only the reply was decided.
		expect(await summaryOf(coach.coachId)).toMatchObject({ count: 1, average: 5 });
	});
});

describe("reported items", () => {
	it("hiding a reported review closes all its reports, moves the rating and tells reporters and the author", async () => {
		const { coach, player, reviewId } = await reviewed("这教练就是个骗子，大家别来", 1);
		const reporters = await Promise.all(["举报人甲", "举报人乙"].map((name) => signedInUser(name)));
		for (const reporter of reporters) {
			expect((await call("POST", `/reviews/${reviewId}/reports`, reporter.token, { reason: "abuse" })).status).toBe(201);
		}
		expect((await call("POST", `/reviews/${reviewId}/reports`, coach.token, { reason: "false" })).status).toBe(201);
		expect(await summaryOf(coach.coachId)).toMatchObject({ count: 1, average: 1 });

		const page = await pageGet(app, "/admin/reviews?status=reported", staffToken);
		expect(page.html).toContain("这教练就是个骗子");
		expect(page.html).toContain("3 人举报");
		expect(page.html).toContain("辱骂或人身攻击 ×2");

		const hidden = await decide(reviewId, { action: "hide", reason: "无事实依据的人身攻击" });
		expect(hidden.status, hidden.text).toBe(200);
		expect(await summaryOf(coach.coachId)).toMatchObject({ count: 0, average: null });
		for (const reporter of reporters) expect(await kindsOf(reporter.userId)).toContain("reportUpheld");
		expect(await kindsOf(coach.userId)).toContain("reportUpheld");
		expect(await kindsOf(player.userId)).toContain("reviewHidden");
		const reported = await call("GET", "/admin/reviews?status=reported", staffToken);
		expect(reported.body.items.some((item: { id: string }) => item.id === reviewId)).toBe(false);
		// Closed reports free the reporter to report again should the review come back.
		expect((await decide(reviewId, { action: "restore", reason: "申诉成立" })).status).toBe(200);
		expect((await call("POST", `/reviews/${reviewId}/reports`, reporters[0]?.token ?? "", { reason: "abuse" })).status).toBe(201);
	});

	it("keeping a reported review (dismiss) from the page closes its reports and tells the reporters, rating untouched", async () => {
		const { coach, reviewId } = await reviewed("教练讲得一般，价格偏贵", 3);
		const reporter = await signedInUser("不同意的球友");
		await call("POST", `/reviews/${reviewId}/reports`, reporter.token, { reason: "false" });

		const kept = await postForm(app, "/admin/reviews?status=reported", staffToken, {
			reviewId,
			target: "review",
			action: "dismiss",
			reason: "属于正常的消费评价",
		});
		expect(kept.status).toBe(302);
		expect(kept.headers.get("location")).toBe("/admin/reviews?status=reported");
		expect(await summaryOf(coach.coachId)).toMatchObject({ count: 1, average: 3 });
		expect(await kindsOf(reporter.userId)).toContain("reportDismissed");
		expect(await auditOf(reviewId)).toContain("review.dismissed");
		expect((await decide(reviewId, { action: "publish", reason: "再发一次" })).status).toBe(409);
	});
});
