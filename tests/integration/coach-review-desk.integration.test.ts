import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { reviewableLesson } from "~/modules/booking/completion/reviewable-lesson.server";
import { writeReview } from "~/modules/coaches/reviews/write-review.server";
import { apiCall, fetchPage } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The coach's own reviews page and its API: every review of their lessons (a hidden one marked and
 * left out of the figures), the averages per aspect, the star distribution and the monthly trend,
 * with exactly the numbers the crafted reviews make.
 */
let app: TestApp;
let staffToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const dayMs = 24 * 3_600_000;
const shanghaiMonth = (at: Date) =>
	new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(at).slice(0, 7);

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = (await signInStaff(app.url, "13800000004")).token;
});
afterAll(async () => {
	await app.close();
});

describe("the coach's reviews page", () => {
	it("shows all reviews with a hidden one marked, and exact averages, distribution and monthly trend", async () => {
		const coach = await bookableCoach("统计教练", undefined, { allDay: true });
		const [early, second, third] = await Promise.all(
			["统计学员一", "统计学员二", "统计学员三"].map((name) => signedInUser(name)),
		);
		if (!early || !second || !third) throw new Error("players");

		// A review written 40 days back lands in an earlier month of the trend.
		const earlyLesson = await completedLesson(coach, early, 40);
		const lesson = await reviewableLesson(earlyLesson, early.userId);
		const writtenAt = new Date(lesson.completedAt.getTime() + dayMs);
		await writeReview({
			lesson,
			now: writtenAt,
			review: { overall: 5, aspects: { attitude: 5, skill: 4, service: 5 }, tags: [], text: "很耐心", anonymous: false },
		});
		const four = await call("POST", `/bookings/${await completedLesson(coach, second)}/review`, second.token, {
			overall: 4,
			aspects: { attitude: 3, skill: 4, service: 4 },
			text: "走位讲得清楚",
			anonymous: true,
		});
		expect(four.status, four.text).toBe(201);
		const two = await call("POST", `/bookings/${await completedLesson(coach, third)}/review`, third.token, {
			overall: 2,
			aspects: { attitude: 1, skill: 2, service: 2 },
			text: "迟到了",
			anonymous: false,
		});
		expect(two.status, two.text).toBe(201);
		const hidden = await call("POST", `/admin/reviews/${two.body.review.id}/moderation`, staffToken, {
			action: "hide",
			reason: "人身攻击",
		});
		expect(hidden.status, hidden.text).toBe(200);

		const desk = await call("GET", "/coach/reviews", coach.token);
		expect(desk.status, desk.text).toBe(200);
		expect(desk.body.items.map((item: { overall: number; status: string }) => [item.overall, item.status])).toEqual([
			[2, "hidden"],
			[4, "published"],
			[5, "published"],
		]);
		expect(desk.body.summary).toEqual({
			count: 2,
			average: 4.5,
			bayesian: Math.round(((5 * 4.5 + 9) / 7) * 100) / 100,
			aspects: { attitude: 4, skill: 4, service: 4.5 },
			distribution: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 1 },
		});
		const trend = desk.body.trend as Array<{ month: string; count: number; average: number | null }>;
		expect(trend).toHaveLength(12);
		expect(trend.at(-1)).toEqual({ month: shanghaiMonth(new Date()), count: 1, average: 4 });
		expect(trend.find((month) => month.month === shanghaiMonth(writtenAt))).toEqual({
			month: shanghaiMonth(writtenAt),
			count: 1,
			average: 5,
		});
		expect(trend.reduce((sum, month) => sum + month.count, 0)).toBe(2);

		const page = await fetchPage(app, "/coach/reviews", coach.token);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("已隐藏 · 不计入评分");
		expect(html).toContain("迟到了");
		expect(html).toContain("每月评价");
		expect(html).toMatch(/data-testid="review-trend"[^>]*><svg/);
		expect(html).toContain("星级分布");
		// A reply form for each published review only: the hidden one cannot be answered.
		expect(html.match(/name="reviewId"/g)).toHaveLength(2);
	});

	it("shows the coach their own held reply marked 审核中, with the edit form instead of a first-answer form", async () => {
		const coach = await bookableCoach("回复待审教练", undefined, { allDay: true });
		const player = await signedInUser("回复待审学员");
		const written = await call("POST", `/bookings/${await completedLesson(coach, player)}/review`, player.token, {
			overall: 5,
			aspects: { attitude: 5, skill: 5, service: 5 },
			text: "教得很好",
			anonymous: false,
		});
		expect(written.status, written.text).toBe(201);
		const replied = await call("POST", `/reviews/${written.body.review.id}/reply`, coach.token, { text: "谢谢，有需要加微信" });
		expect(replied.body.reply.status).toBe("held");

		const desk = await call("GET", "/coach/reviews", coach.token);
		expect(desk.body.items[0]).toMatchObject({ replyStatus: "held", reply: { text: "谢谢，有需要加微信" } });
		const html = await (await fetchPage(app, "/coach/reviews", coach.token)).text();
		expect(html).toContain("谢谢，有需要加微信");
		expect(html).toContain("审核中");
		expect(html).toContain("修改回复");
		expect(html).not.toContain("发布回复");
		// The public still does not see it.
		const listed = await call("GET", `/coaches/${coach.coachId}/reviews`, null);
		expect(listed.body.items[0].reply).toBeNull();
	});

	it("shows an empty state to a coach without reviews, and refuses players and strangers", async () => {
		const coach = await bookableCoach("新教练", undefined, { allDay: true });
		const html = await (await fetchPage(app, "/coach/reviews", coach.token)).text();
		expect(html).toContain("还没有评价");
		expect(html).not.toContain("每月评价");

		const empty = await call("GET", "/coach/reviews", coach.token);
		expect(empty.status).toBe(200);
		expect(empty.body.items).toEqual([]);
		expect(empty.body.summary.count).toBe(0);

		const player = await signedInUser("不是教练");
		const refused = await call("GET", "/coach/reviews", player.token);
		expect(refused.status).toBe(403);
		expect((await call("GET", "/coach/reviews", null)).status).toBe(401);
	});
});
