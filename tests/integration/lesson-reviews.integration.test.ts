import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { cancelBooking } from "~/modules/booking/cancel-booking.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { apiCall, fetchPage, postForm } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Reviews of completed lessons, as a player, a coach and any visitor meet them over the API and
 * on the profile page: who may review and when, what anonymity hides, the coach's one answer, and
 * the rating kept from published reviews (averages, distribution, the Bayesian average search
 * ranks by). Lessons are made in the past through the booking services (`now` given), so a coach
 * can have several completed lessons without waiting for them.
 */
let app: TestApp;
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

const hourMs = 3_600_000;
const halfHour = 30 * 60_000;

const review = (overall: number, extra: Record<string, unknown> = {}) => ({
	overall,
	aspects: { attitude: overall, skill: overall, service: overall },
	anonymous: false,
	...extra,
});

const reviewsOf = async (coachId: string, query = "") => {
	const answer = await call("GET", `/coaches/${coachId}/reviews${query}`, null);
	expect(answer.status, answer.text).toBe(200);
	return answer.body;
};

let staffToken = "";
beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = (await signInStaff(app.url, "13800000004")).token;
});
afterAll(async () => {
	await app.close();
});

describe("writing a review", () => {
	it("is open to the booking's player once the lesson completed, and only once", async () => {
		const coach = await bookableCoach("评价教练甲", undefined, { allDay: true });
		const player = await signedInUser("评价学员甲");
		const bookingId = await completedLesson(coach, player);

		const first = await call("POST", `/bookings/${bookingId}/review`, player.token, {
			...review(5),
			tags: ["patient", "clear_explanations"],
			text: "讲解很清楚，纠正了我的出杆。",
		});
		expect(first.status, first.text).toBe(201);
		expect(first.body.review.status).toBe("published");

		const second = await call("POST", `/bookings/${bookingId}/review`, player.token, review(1));
		expect(second.status).toBe(409);
		expect(second.body.error.code).toBe("already_reviewed");

		const listed = await reviewsOf(coach.coachId);
		expect(listed.items).toHaveLength(1);
		expect(listed.items[0]).toMatchObject({
			overall: 5,
			tags: ["patient", "clear_explanations"],
			text: "讲解很清楚，纠正了我的出杆。",
			author: { displayName: "评价学员甲" },
			reply: null,
		});
		expect(listed.summary).toMatchObject({ count: 1, average: 5 });
	});

	it("refuses a lesson that did not complete (422) and anyone but its player (404)", async () => {
		const coach = await bookableCoach("评价教练乙", undefined, { allDay: true });
		const player = await signedInUser("评价学员乙");
		const stranger = await signedInUser("路人");
		const upcoming = await createBooking({
			caller: { userId: player.userId, roles: ["player"] },
			request: {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: new Date(Math.ceil((Date.now() + 2 * 24 * hourMs) / halfHour) * halfHour).toISOString(),
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "full",
			},
		});
		const notYet = await call("POST", `/bookings/${upcoming.booking.id}/review`, player.token, review(5));
		expect(notYet.status).toBe(422);
		expect(notYet.body.error.code).toBe("not_reviewable");
		expect(notYet.body.error.message).toBe("课程完成后才能评价");

		await cancelBooking({ caller: { userId: player.userId, roles: ["player"] }, bookingId: upcoming.booking.id, reason: "有事" });
		expect((await call("POST", `/bookings/${upcoming.booking.id}/review`, player.token, review(5))).status).toBe(422);

		const done = await completedLesson(coach, player);
		expect((await call("POST", `/bookings/${done}/review`, stranger.token, review(1))).status).toBe(404);
		expect((await call("POST", `/bookings/${done}/review`, coach.token, review(5))).status).toBe(404);
		expect((await call("POST", `/bookings/${done}/review`, null, review(5))).status).toBe(401);
		expect((await reviewsOf(coach.coachId)).summary.count).toBe(0);
	});

	it("refuses stars outside 1–5 or not whole, too long a text, markup and unknown tags, saving nothing", async () => {
		const coach = await bookableCoach("评价教练丙", undefined, { allDay: true });
		const player = await signedInUser("评价学员丙");
		const bookingId = await completedLesson(coach, player);
		const refused = async (body: unknown, field: string, message: string) => {
			const answer = await call("POST", `/bookings/${bookingId}/review`, player.token, body);
			expect(answer.status, answer.text).toBe(400);
			expect(JSON.stringify(answer.body.error.fields)).toContain(message);
			expect(Object.keys(answer.body.error.fields).join()).toContain(field);
		};
		await refused(review(0), "overall", "请选择 1 到 5 星");
		await refused(review(6), "overall", "请选择 1 到 5 星");
		await refused({ ...review(4), overall: 4.5 }, "overall", "请选择 1 到 5 星");
		await refused({ ...review(4), aspects: { attitude: 5, skill: 7, service: 5 } }, "skill", "请选择 1 到 5 星");
		await refused({ ...review(4), text: "好".repeat(1001) }, "text", "内容最多 1000 字");
		await refused({ ...review(4), text: "<script>alert(1)</script>" }, "text", "不要包含 HTML");
		await refused({ ...review(4), tags: ["rude"] }, "tags", "请从列表中选择标签");

		const english = await apiCall(app, "POST", `/bookings/${bookingId}/review`, player.token, review(9), {
			"accept-language": "en",
		});
		expect(JSON.stringify(english.body.error.fields)).toContain("Choose 1 to 5 stars");

		expect((await reviewsOf(coach.coachId)).summary.count).toBe(0);
		// A refused attempt does not use up the booking's one review.
		expect((await call("POST", `/bookings/${bookingId}/review`, player.token, review(4))).status).toBe(201);
	});

	it("hides the author of an anonymous review from the API and the profile page", async () => {
		const coach = await bookableCoach("评价教练丁", undefined, { allDay: true });
		const player = await signedInUser("不愿具名的学员");
		const bookingId = await completedLesson(coach, player);
		expect((await call("POST", `/bookings/${bookingId}/review`, player.token, { ...review(4), anonymous: true })).status).toBe(
			201,
		);

		const listed = await reviewsOf(coach.coachId);
		expect(listed.items[0].author).toBeNull();
		expect(JSON.stringify(listed)).not.toContain("不愿具名的学员");

		const page = await (await fetchPage(app, `/coaches/${coach.coachId}`)).text();
		// Asserted as booleans: a failure should not print the whole page.
		expect(page.includes("匿名学员")).toBe(true);
		expect(page.includes("已上课")).toBe(true);
		expect(page.includes("不愿具名的学员")).toBe(false);
	});
});

describe("the rating", () => {
	it("counts every review in the averages, the distribution and GET /coaches/:id, and an edit moves them exactly once", async () => {
		const coach = await bookableCoach("评分教练", undefined, { allDay: true });
		const players = await Promise.all([1, 2, 3].map((n) => signedInUser(`评分学员${n}`)));
		const bookings = [];
		for (const player of players) bookings.push(await completedLesson(coach, player));
		const stars = [5, 4, 2];
		for (const [index, player] of players.entries()) {
			const overall = stars[index] as number;
			const answer = await call("POST", `/bookings/${bookings[index]}/review`, player.token, {
				overall,
				aspects: { attitude: 5, skill: overall, service: 3 },
				anonymous: false,
			});
			expect(answer.status).toBe(201);
		}
		const { summary } = await reviewsOf(coach.coachId);
		expect(summary).toEqual({
			count: 3,
			average: 3.67,
			// (5 × 4.5 + 11) / (5 + 3)
			bayesian: 4.19,
			aspects: { attitude: 5, skill: 3.67, service: 3 },
			distribution: { "1": 0, "2": 1, "3": 0, "4": 1, "5": 1 },
		});
		const profile = await call("GET", `/coaches/${coach.coachId}`, null);
		expect(profile.body.rating).toEqual({ average: 3.67, count: 3, bayesian: 4.19 });

		// The 2-star review becomes 4 stars: the old stars leave, the new ones join.
		const edit = await call("PUT", `/bookings/${bookings[2]}/review`, players[2]?.token ?? "", review(4));
		expect(edit.status, edit.text).toBe(200);
		const after = (await reviewsOf(coach.coachId)).summary;
		expect(after).toMatchObject({ count: 3, average: 4.33, distribution: { "1": 0, "2": 0, "3": 0, "4": 2, "5": 1 } });
		expect(after.aspects).toEqual({ attitude: 4.67, skill: 4.33, service: 3.33 });

		const again = await call("PUT", `/bookings/${bookings[2]}/review`, players[2]?.token ?? "", review(1));
		expect(again.status).toBe(409);
		expect(again.body.error.message).toBe("评价只能在发布后 7 天内修改一次");
		expect((await reviewsOf(coach.coachId)).summary.average).toBe(4.33);
	});

	it("ranks search's 评分最高 by the Bayesian average: many good reviews above a single perfect one, unrated last", async () => {
		const near = { latitude: 30.27, longitude: 120.15 };
		const single = await bookableCoach("贝叶斯一条五星", near, { allDay: true });
		const many = await bookableCoach("贝叶斯多条好评", near, { allDay: true });
		await bookableCoach("贝叶斯尚无评价", near, { allDay: true });
		const player = await signedInUser("贝叶斯学员");
		const once = await completedLesson(single, player);
		expect((await call("POST", `/bookings/${once}/review`, player.token, review(5))).status).toBe(201);
		// Six reviews averaging 4.83: (5 × 4.5 + 29) / 11 = 4.68 beats (5 × 4.5 + 5) / 6 = 4.58.
		for (const overall of [5, 5, 5, 5, 5, 4]) {
			const id = await completedLesson(many, player);
			expect((await call("POST", `/bookings/${id}/review`, player.token, review(overall))).status).toBe(201);
		}
		const search = await call("GET", `/coaches?lat=${near.latitude}&lng=${near.longitude}&radiusKm=5&sort=rating`, null);
		expect(search.status, search.text).toBe(200);
		const names = search.body.items
			.map((item: { displayName: string }) => item.displayName)
			.filter((name: string) => name.startsWith("贝叶斯"));
		expect(names).toEqual(["贝叶斯多条好评", "贝叶斯一条五星", "贝叶斯尚无评价"]);
		const card = search.body.items.find((item: { displayName: string }) => item.displayName === "贝叶斯多条好评");
		expect(card).toMatchObject({ rating: 4.83, ratingCount: 6 });

		// A page at a time by keyset: the second page continues after the first.
		const first = await call("GET", `/coaches?lat=${near.latitude}&lng=${near.longitude}&radiusKm=5&sort=rating&limit=1`, null);
		const next = await call(
			"GET",
			`/coaches?lat=${near.latitude}&lng=${near.longitude}&radiusKm=5&sort=rating&limit=1&cursor=${first.body.nextCursor}`,
			null,
		);
		expect([first.body.items[0].displayName, next.body.items[0].displayName]).toEqual(["贝叶斯多条好评", "贝叶斯一条五星"]);
	});
});

describe("the review list", () => {
	it("sorts newest or lowest first, a page at a time by keyset", async () => {
		const coach = await bookableCoach("列表教练", undefined, { allDay: true });
		const player = await signedInUser("列表学员");
		for (const overall of [3, 5, 1, 4]) {
			const id = await completedLesson(coach, player);
			expect((await call("POST", `/bookings/${id}/review`, player.token, review(overall))).status).toBe(201);
		}
		const newest = await reviewsOf(coach.coachId, "?sort=newest&limit=3");
		expect(newest.items.map((item: { overall: number }) => item.overall)).toEqual([4, 1, 5]);
		const rest = await reviewsOf(coach.coachId, `?sort=newest&limit=3&cursor=${newest.nextCursor}`);
		expect(rest.items.map((item: { overall: number }) => item.overall)).toEqual([3]);
		expect(rest.nextCursor).toBeNull();

		const lowest = await reviewsOf(coach.coachId, "?sort=lowest&limit=2");
		expect(lowest.items.map((item: { overall: number }) => item.overall)).toEqual([1, 3]);
		const higher = await reviewsOf(coach.coachId, `?sort=lowest&limit=2&cursor=${lowest.nextCursor}`);
		expect(higher.items.map((item: { overall: number }) => item.overall)).toEqual([4, 5]);

		const wrong = await call("GET", `/coaches/${coach.coachId}/reviews?sort=lowest&cursor=${newest.nextCursor}`, null);
		expect(wrong.status).toBe(400);
		expect((await call("GET", `/coaches/${coach.coachId}/reviews?sort=loudest`, null)).status).toBe(400);
	});
});

describe("the coach's reply", () => {
	it("is written once by the reviewed coach, then edited; the player is told; anyone else gets 404", async () => {
		const coach = await bookableCoach("回复教练", undefined, { allDay: true });
		const otherCoach = await bookableCoach("别的教练", undefined, { allDay: true });
		const player = await signedInUser("回复学员");
		const bookingId = await completedLesson(coach, player);
		const written = await call("POST", `/bookings/${bookingId}/review`, player.token, review(4));
		const reviewId = written.body.review.id;

		expect((await call("POST", `/reviews/${reviewId}/reply`, player.token, { text: "我自己回复" })).status).toBe(404);
		expect((await call("POST", `/reviews/${reviewId}/reply`, otherCoach.token, { text: "别人回复" })).status).toBe(404);
		const empty = await call("POST", `/reviews/${reviewId}/reply`, coach.token, { text: "  " });
		expect(empty.status).toBe(400);
		expect(empty.body.error.fields.text).toBe("请填写回复内容");

		const first = await call("POST", `/reviews/${reviewId}/reply`, coach.token, { text: "谢谢，下次练习走位。" });
		expect(first.status, first.text).toBe(201);
		const edited = await call("POST", `/reviews/${reviewId}/reply`, coach.token, { text: "谢谢！下次重点练走位。" });
		expect(edited.status).toBe(200);
		expect(edited.body.reply.editedAt).not.toBeNull();

		const listed = await reviewsOf(coach.coachId);
		expect(listed.items[0].reply).toMatchObject({ text: "谢谢！下次重点练走位。" });
		const told = (await listNotifications(player.userId)).filter((item) => item.kind === "reviewReplied");
		expect(told).toHaveLength(1);
		expect(told[0]?.params).toEqual({ coach: "回复教练" });
		expect(told[0]?.link).toBe(`/me/bookings/${bookingId}/review`);
	});
});

describe("the review page", () => {
	it("is offered from the completed booking, writes the review from a plain form, and offers a tip without requiring it", async () => {
		const coach = await bookableCoach("页面教练", undefined, { allDay: true });
		const player = await signedInUser("页面学员");
		const bookingId = await completedLesson(coach, player);
		const bookingPage = await (await fetchPage(app, `/me/bookings/${bookingId}`, player.token)).text();
		expect(bookingPage.includes(`/me/bookings/${bookingId}/review`)).toBe(true);

		const empty = await (await fetchPage(app, `/me/bookings/${bookingId}/review`, player.token)).text();
		expect(empty.includes("评价这节课")).toBe(true);
		expect(empty.includes(`/me/bookings/${bookingId}/pay?tip=1`)).toBe(true);

		const post = (fields: [string, string][]) =>
			fetch(`${app.url}/me/bookings/${bookingId}/review`, {
				method: "POST",
				headers: { cookie: `cp_session=${player.token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams(fields),
				redirect: "manual",
			});
		const missing = await post([
			["intent", "write"],
			["overall", "5"],
			["text", "<img src=x onerror=alert(1)>"],
		]);
		expect(missing.status).toBe(400);
		const missingHtml = await missing.text();
		expect(missingHtml.includes("请选择 1 到 5 星")).toBe(true);
		expect(missingHtml.includes("不要包含 HTML")).toBe(true);
		expect((await reviewsOf(coach.coachId)).summary.count).toBe(0);

		const written = await post([
			["intent", "write"],
			["overall", "5"],
			["attitude", "5"],
			["skill", "4"],
			["service", "5"],
			["tags", "patient"],
			["tags", "punctual"],
			["text", "第一次上课很紧张，教练很耐心。"],
			["anonymous", "on"],
		]);
		expect(written.status).toBe(302);
		const listed = await reviewsOf(coach.coachId);
		expect(listed.items[0]).toMatchObject({ overall: 5, tags: ["patient", "punctual"], author: null });

		const mine = await (await fetchPage(app, `/me/bookings/${bookingId}/review`, player.token)).text();
		expect(mine.includes("第一次上课很紧张，教练很耐心。")).toBe(true);
		expect(mine.includes("修改评价")).toBe(true);

		const stranger = await signedInUser("别人");
		expect((await fetchPage(app, `/me/bookings/${bookingId}/review`, stranger.token)).status).toBe(404);
	});

	it("shows reviews on the profile with the reply, the coach's answer given from the coach's reviews page", async () => {
		const coach = await bookableCoach("主页回复教练", undefined, { allDay: true });
		const player = await signedInUser("主页学员");
		const bookingId = await completedLesson(coach, player);
		const written = await call("POST", `/bookings/${bookingId}/review`, player.token, { ...review(3), text: "还行" });
		const reviewId = written.body.review.id;

		const desk = await (await fetchPage(app, "/coach/reviews", coach.token)).text();
		expect(desk.includes("还行")).toBe(true);
		const replied = await fetch(`${app.url}/coach/reviews`, {
			method: "POST",
			headers: { cookie: `cp_session=${coach.token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ reviewId, text: "谢谢反馈，下次多练走位。" }),
			redirect: "manual",
		});
		expect(replied.status).toBe(302);

		const profile = await (await fetchPage(app, `/coaches/${coach.coachId}`)).text();
		expect(profile.includes("主页学员")).toBe(true);
		expect(profile.includes("谢谢反馈，下次多练走位。")).toBe(true);
		expect(profile.includes("教练回复")).toBe(true);
	});
});

describe("moderation by the back office", () => {
	it("hides and restores a review with a reason, moving the rating exactly, audited and told to the author", async () => {
		const coach = await bookableCoach("审核教练", undefined, { allDay: true });
		const players = await Promise.all([1, 2].map((n) => signedInUser(`审核学员${n}`)));
		const ids: string[] = [];
		for (const [index, player] of players.entries()) {
			const bookingId = await completedLesson(coach, player);
			const answer = await call("POST", `/bookings/${bookingId}/review`, player.token, review(index === 0 ? 5 : 1));
			ids.push(answer.body.review.id);
		}
		const before = (await reviewsOf(coach.coachId)).summary;
		expect(before).toMatchObject({ count: 2, average: 3, distribution: { "1": 1, "5": 1 } });

		const moderate = (token: string, body: unknown) => call("POST", `/admin/reviews/${ids[1]}/moderation`, token, body);
		expect((await moderate(players[0]?.token ?? "", { action: "hide", reason: "辱骂" })).status).toBe(403);
		const noReason = await moderate(staffToken, { action: "hide", reason: "" });
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.fields.reason).toBe("请填写处理原因（会告知评价者）");
		expect((await moderate(staffToken, { action: "restore", reason: "误操作" })).status).toBe(409);

		const hidden = await moderate(staffToken, { action: "hide", reason: "含有人身攻击" });
		expect(hidden.status, hidden.text).toBe(200);
		expect(hidden.body.review.status).toBe("hidden");
		const afterHide = await reviewsOf(coach.coachId);
		expect(afterHide.items.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
		expect(afterHide.summary).toMatchObject({ count: 1, average: 5, distribution: { "1": 0, "5": 1 } });

		const queue = await call("GET", "/admin/reviews?status=hidden", staffToken);
		const listed = queue.body.items.find((item: { id: string }) => item.id === ids[1]);
		expect(listed).toMatchObject({ playerName: "审核学员2", coach: { displayName: "审核教练" } });

		expect((await moderate(staffToken, { action: "restore", reason: "申诉成立" })).status).toBe(200);
		expect((await reviewsOf(coach.coachId)).summary).toEqual(before);

		const audit = await call("GET", `/admin/audit?targetId=${ids[1]}`, staffToken);
		const actions = (audit.body.entries ?? audit.body.items ?? []).map((entry: { action: string }) => entry.action);
		expect(actions).toEqual(expect.arrayContaining(["review.hidden", "review.restored"]));
		const told = (await listNotifications(players[1]?.userId ?? "")).map((item) => item.kind);
		expect(told).toEqual(expect.arrayContaining(["reviewHidden", "reviewPublished"]));
	});

	it("shows the queue to staff with anonymous authors named, and hides from its form", async () => {
		const coach = await bookableCoach("后台页面教练", undefined, { allDay: true });
		const player = await signedInUser("后台可见的匿名学员");
		const bookingId = await completedLesson(coach, player);
		const written = await call("POST", `/bookings/${bookingId}/review`, player.token, { ...review(2), anonymous: true });
		const page = await (await fetchPage(app, "/admin/reviews", staffToken)).text();
		expect(page.includes("后台可见的匿名学员")).toBe(true);
		expect((await fetchPage(app, "/admin/reviews", player.token)).status).toBe(403);
		// Sent as the page's script sends it, to the route's data URL: the answer still leads back to the list.
		const hide = await postForm(app, "/admin/reviews.data", staffToken, {
			reviewId: written.body.review.id,
			action: "hide",
			reason: "广告",
		});
		expect(hide.status).toBe(202);
		const answer = await hide.text();
		expect(answer).toContain("/admin/reviews?status=published");
		expect(answer).not.toContain("reviews.data");
		expect((await reviewsOf(coach.coachId)).summary.count).toBe(0);
	});
});
