import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { apiCall, fetchPage, pagePost } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * 有用 votes on reviews as readers meet them over the API and on the profile page: one vote per
 * user and review (repeating changes nothing), the count on the review and the reader's own vote,
 * the author and the coach refused, unpublished reviews unknown, and the "most helpful" order.
 */
let app: TestApp;
let staffToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

const review = (overall: number, text?: string) => ({
	overall,
	aspects: { attitude: overall, skill: overall, service: overall },
	anonymous: false,
	...(text ? { text } : {}),
});

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = await staffSessionToken("13800000004");
});
afterAll(async () => {
	await app.close();
});

async function reviewedCoach(name: string, texts: string[]) {
	const coach = await bookableCoach(name, undefined, { allDay: true });
	const reviews: Array<{ id: string; status: string; player: Awaited<ReturnType<typeof signedInUser>> }> = [];
	for (const text of texts) {
		const player = await signedInUser(`${name}学员`);
		const bookingId = await completedLesson(coach, player);
		const written = await call("POST", `/bookings/${bookingId}/review`, player.token, review(4, text));
		expect(written.status, written.text).toBe(201);
		reviews.push({ ...written.body.review, player });
	}
	return { coach, reviews };
}

const itemsOf = async (coachId: string, token: string | null, query = "") => {
	const answer = await call("GET", `/coaches/${coachId}/reviews${query}`, token);
	expect(answer.status, answer.text).toBe(200);
	return answer.body.items as Array<{ id: string; helpfulCount: number; votedHelpful?: boolean }>;
};

describe("a helpful vote", () => {
	it("counts once per reader, shows the reader's own vote, and can be taken back", async () => {
		const { coach, reviews } = await reviewedCoach("有用教练甲", ["讲解很细"]);
		const id = reviews[0]?.id ?? "";
		const reader = await signedInUser("读者甲");

		const first = await call("POST", `/reviews/${id}/helpful`, reader.token);
		expect(first.status, first.text).toBe(200);
		expect(first.body.helpful).toEqual({ helpfulCount: 1, votedHelpful: true });
		const again = await call("POST", `/reviews/${id}/helpful`, reader.token);
		expect(again.body.helpful).toEqual({ helpfulCount: 1, votedHelpful: true });

		expect(await itemsOf(coach.coachId, reader.token)).toMatchObject([{ id, helpfulCount: 1, votedHelpful: true }]);
		const anonymousView = (await itemsOf(coach.coachId, null))[0];
		expect(anonymousView?.helpfulCount).toBe(1);
		expect(anonymousView && "votedHelpful" in anonymousView).toBe(false);
		const other = await signedInUser("读者乙");
		expect(await itemsOf(coach.coachId, other.token)).toMatchObject([{ helpfulCount: 1, votedHelpful: false }]);

		const undone = await call("DELETE", `/reviews/${id}/helpful`, reader.token);
		expect(undone.status, undone.text).toBe(200);
		expect(undone.body.helpful).toEqual({ helpfulCount: 0, votedHelpful: false });
		// Taking back a vote one never gave does not push the count below 0.
		expect((await call("DELETE", `/reviews/${id}/helpful`, reader.token)).body.helpful.helpfulCount).toBe(0);
		expect((await call("DELETE", `/reviews/${id}/helpful`, other.token)).body.helpful.helpfulCount).toBe(0);
		expect(await itemsOf(coach.coachId, reader.token)).toMatchObject([{ helpfulCount: 0, votedHelpful: false }]);

		expect((await call("POST", `/reviews/${id}/helpful`, null)).status).toBe(401);
	});

	it("is refused to the review's author and to the reviewed coach, with a clear message", async () => {
		const { coach, reviews } = await reviewedCoach("有用教练乙", ["很准时"]);
		const written = reviews[0];
		const byAuthor = await call("POST", `/reviews/${written?.id}/helpful`, written?.player.token ?? "");
		expect(byAuthor.status).toBe(403);
		expect(byAuthor.body.error.message).toBe("不能给自己写的评价点“有用”");
		const byCoach = await call("POST", `/reviews/${written?.id}/helpful`, coach.token);
		expect(byCoach.status).toBe(403);
		expect(byCoach.body.error.message).toBe("不能给对自己的评价点“有用”");
		expect((await itemsOf(coach.coachId, null))[0]?.helpfulCount).toBe(0);
	});

	it("treats a held, a hidden or an unknown review as not found", async () => {
		const reader = await signedInUser("读者丙");
		const { reviews } = await reviewedCoach("有用教练丙", ["教练人挺好，想私下约课的加我微信", "耐心"]);
		const [held, published] = reviews;
		expect(held?.status).toBe("held");
		const onHeld = await call("POST", `/reviews/${held?.id}/helpful`, reader.token);
		expect(onHeld.status).toBe(404);
		expect(onHeld.body.error.message).toBe("找不到这条评价");

		const hidden = await call("POST", `/admin/reviews/${published?.id}/moderation`, staffToken, {
			action: "hide",
			reason: "测试隐藏",
		});
		expect(hidden.status, hidden.text).toBe(200);
		expect((await call("POST", `/reviews/${published?.id}/helpful`, reader.token)).status).toBe(404);
		expect((await call("POST", "/reviews/00000000-0000-4000-8000-000000000000/helpful", reader.token)).status).toBe(404);
		// A malformed id is refused before any lookup, as on the other review endpoints.
		expect((await call("DELETE", "/reviews/not-a-uuid/helpful", reader.token)).status).toBe(400);
	});
});

describe("the most helpful order and the page", () => {
	it("orders reviews by their helpful count, most first", async () => {
		const { coach, reviews } = await reviewedCoach("有用教练丁", ["一般", "很好", "不错"]);
		const [few, most, none] = reviews.map((item) => item.id);
		const readers = await Promise.all([signedInUser("读者丁一"), signedInUser("读者丁二")]);
		for (const reader of readers) expect((await call("POST", `/reviews/${most}/helpful`, reader.token)).status).toBe(200);
		expect((await call("POST", `/reviews/${few}/helpful`, readers[0]?.token ?? "")).status).toBe(200);

		const helpful = await itemsOf(coach.coachId, null, "?sort=helpful");
		expect(helpful.map((item) => [item.id, item.helpfulCount])).toEqual([
			[most, 2],
			[few, 1],
			[none, 0],
		]);
		// Keyset pages by the count continue where the last one ended.
		const firstPage = await call("GET", `/coaches/${coach.coachId}/reviews?sort=helpful&limit=2`, null);
		expect(firstPage.body.items.map((item: { id: string }) => item.id)).toEqual([most, few]);
		const cursor = String(firstPage.body.nextCursor);
		const rest = await itemsOf(coach.coachId, null, `?sort=helpful&limit=2&cursor=${encodeURIComponent(cursor)}`);
		expect(rest.map((item) => item.id)).toEqual([none]);
	});

	it("shows 有用 with the count on each card, and a signed-in reader's form toggles the vote", async () => {
		const { coach, reviews } = await reviewedCoach("有用教练戊", ["球桌讲得清楚"]);
		const id = reviews[0]?.id ?? "";
		const reader = await signedInUser("读者戊");

		const signedOut = await (await fetchPage(app, `/coaches/${coach.coachId}`)).text();
		expect(signedOut.includes("有用 0")).toBe(true);
		expect(signedOut.includes(`/reviews/${id}/helpful`)).toBe(false);

		const before = await (await fetchPage(app, `/coaches/${coach.coachId}`, reader.token)).text();
		expect(before.includes(`action="/reviews/${id}/helpful"`)).toBe(true);
		expect(before.includes('aria-pressed="false"')).toBe(true);

		const voted = await pagePost(app, `/reviews/${id}/helpful`, reader.token, {
			helpful: "true",
			redirectTo: `/coaches/${coach.coachId}`,
		});
		expect(voted.status).toBe(302);
		expect(voted.location).toBe(`/coaches/${coach.coachId}`);
		const after = await (await fetchPage(app, `/coaches/${coach.coachId}`, reader.token)).text();
		expect(after.includes("有用 1")).toBe(true);
		expect(after.includes('aria-pressed="true"')).toBe(true);

		const unvoted = await pagePost(app, `/reviews/${id}/helpful`, reader.token, {
			helpful: "false",
			redirectTo: `/coaches/${coach.coachId}`,
		});
		expect(unvoted.status).toBe(302);
		expect((await itemsOf(coach.coachId, null))[0]?.helpfulCount).toBe(0);

		// The coach's own form post is refused with the message, and nothing changes.
		const refused = await pagePost(app, `/reviews/${id}/helpful`, coach.token, { helpful: "true", redirectTo: "/" });
		expect(refused.status).toBe(302);
		expect((await itemsOf(coach.coachId, null))[0]?.helpfulCount).toBe(0);
	});
});
