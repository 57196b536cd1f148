import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { apiCall, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The forbidden-word check as players, coaches and staff meet it over HTTP: a hit (however it is
 * disguised with spaces, punctuation or full-width letters) holds a review or a coach's reply
 * instead of publishing it, keeps the review out of the coach's rating, and shows staff which
 * words hit; staff edit the list, and the very next submission is checked against the new list.
 */
let app: TestApp;
let staffToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
	apiCall(app, method, path, token, body, headers);

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

async function reviewOf(text: string, overall = 1) {
	const coach = await bookableCoach(`词库教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
	const player = await signedInUser("词库学员");
	const bookingId = await completedLesson(coach, player);
	const written = await call("POST", `/bookings/${bookingId}/review`, player.token, review(overall, text));
	expect(written.status, written.text).toBe(201);
	return { coach, player, bookingId, review: written.body.review as { id: string; status: string } };
}

const summaryOf = async (coachId: string) => (await call("GET", `/coaches/${coachId}/reviews`, null)).body;

const heldForStaff = async () =>
	(await call("GET", "/admin/reviews?status=held", staffToken)).body.items as Array<{
		id: string;
		matchedWords: { review: string[]; reply: string[] };
	}>;

describe("a review that hits the forbidden-word list", () => {
	it("is held, answered as held, kept out of the averages and the list, and shows staff the words it hit", async () => {
		const { coach, review: written } = await reviewOf("教练人挺好，想私下约课的加我微信");
		expect(written.status).toBe("held");
		const listed = await summaryOf(coach.coachId);
		expect(listed.items).toEqual([]);
		expect(listed.summary).toMatchObject({ count: 0, average: null });
		const held = (await heldForStaff()).find((item) => item.id === written.id);
		expect(held?.matchedWords.review.sort()).toEqual(["加我微信", "私下约课"].sort());
	});

	it("is held when the word is split by spaces, punctuation or written in full-width letters", async () => {
		for (const disguised of ["有事 加 微 信 说", "私下·约·课更便宜", "加ＶＸ吧", "你个傻-逼"]) {
			const { coach, review: written } = await reviewOf(disguised, 5);
			expect(written.status, disguised).toBe("held");
			expect((await summaryOf(coach.coachId)).summary.count).toBe(0);
		}
	});

	it("publishes a clean review and counts it, and the player reads 已提交，审核后公开 on a held one", async () => {
		const clean = await reviewOf("讲解清楚，练习很有针对性", 4);
		expect(clean.review.status).toBe("published");
		expect((await summaryOf(clean.coach.coachId)).summary).toMatchObject({ count: 1, average: 4 });

		const held = await reviewOf("脑残教练");
		const page = await pageGet(app, `/me/bookings/${held.bookingId}/review`, held.player.token);
		expect(page.html).toContain("已提交，审核后公开");
	});

	it("holds an edit that adds a forbidden word, taking the review's stars out of the rating", async () => {
		const { coach, player, bookingId, review: written } = await reviewOf("还可以", 5);
		expect(written.status).toBe("published");
		const edited = await call("PUT", `/bookings/${bookingId}/review`, player.token, review(5, "还可以，赌球找我"));
		expect(edited.status, edited.text).toBe(200);
		expect(edited.body.review.status).toBe("held");
		expect((await summaryOf(coach.coachId)).summary).toMatchObject({ count: 0, average: null });
	});
});

describe("a coach reply that hits the list", () => {
	it("is held: the public does not see it and staff see it with the words", async () => {
		const { coach, review: written } = await reviewOf("很耐心", 5);
		const replied = await call("POST", `/reviews/${written.id}/reply`, coach.token, { text: "谢谢！以后私下交易更便宜" });
		expect(replied.status, replied.text).toBe(201);
		expect(replied.body.reply.status).toBe("held");
		const listed = await summaryOf(coach.coachId);
		expect(listed.items[0].reply).toBeNull();

		const staffView = (await call("GET", "/admin/reviews?status=published", staffToken)).body.items.find(
			(item: { id: string }) => item.id === written.id,
		);
		expect(staffView).toMatchObject({ replyStatus: "held", matchedWords: { review: [], reply: ["私下交易"] } });
		expect(staffView.reply.text).toBe("谢谢！以后私下交易更便宜");

		const clean = await call("POST", `/reviews/${written.id}/reply`, coach.token, { text: "谢谢，下次见" });
		expect(clean.body.reply.status).toBe("published");
		expect((await summaryOf(coach.coachId)).items[0].reply.text).toBe("谢谢，下次见");
	});
});

describe("staff edit the list", () => {
	it("add a word that the next submission is checked against, and remove it again; audited", async () => {
		const added = await call("POST", "/admin/moderation/words", staffToken, { word: "台费AA", category: "advertising" });
		expect(added.status, added.text).toBe(201);
		expect(added.body.word).toMatchObject({
			word: "台费AA",
			category: "advertising",
			addedBy: { displayName: expect.any(String) },
		});

		const next = await reviewOf("这次台费 a a 制");
		expect(next.review.status).toBe("held");

		const duplicate = await call("POST", "/admin/moderation/words", staffToken, { word: " 台费 ａａ ", category: "abuse" });
		expect(duplicate.status).toBe(409);
		expect(duplicate.body.error).toMatchObject({ code: "already_listed", message: "词库里已经有“台费 ａａ”了" });

		const removed = await call("DELETE", `/admin/moderation/words/${added.body.word.id}`, staffToken);
		expect(removed.status).toBe(204);
		expect((await reviewOf("这次台费 a a 制", 5)).review.status).toBe("published");
		expect((await call("DELETE", `/admin/moderation/words/${added.body.word.id}`, staffToken)).status).toBe(404);

		const audit = await call("GET", `/admin/audit?targetId=${added.body.word.id}`, staffToken);
		const actions = (audit.body.entries ?? audit.body.items ?? []).map((entry: { action: string }) => entry.action);
		expect(actions).toEqual(expect.arrayContaining(["moderation.word.added", "moderation.word.removed"]));
	});

	it("refuses an empty or punctuation-only word, a long one and an unknown category in the caller's language", async () => {
		const refused = async (body: unknown, field: string, message: string, headers?: Record<string, string>) => {
			const answer = await call("POST", "/admin/moderation/words", staffToken, body, headers);
			expect(answer.status, answer.text).toBe(400);
			expect(answer.body.error.fields[field]).toBe(message);
		};
		await refused({ word: "", category: "abuse" }, "word", "请填写违禁词");
		await refused({ word: " ，。！ ", category: "abuse" }, "word", "请填写违禁词");
		await refused({ word: "词".repeat(51), category: "abuse" }, "word", "违禁词最多 50 个字");
		await refused({ word: "坏词", category: "gossip" }, "category", "请选择类别");
		await refused({ word: "坏词", category: "gossip" }, "category", "Choose a category", { "accept-language": "en" });
	});

	it("is staff only: a player gets 403 from the API and the page, anonymous callers 401", async () => {
		const player = await signedInUser("想改词库的学员");
		expect((await call("GET", "/admin/moderation/words", player.token)).status).toBe(403);
		expect((await call("POST", "/admin/moderation/words", player.token, { word: "好词", category: "abuse" })).status).toBe(403);
		expect((await call("GET", "/admin/moderation/words", null)).status).toBe(401);
		expect((await pageGet(app, "/admin/moderation/words", player.token)).status).toBe(403);
	});

	it("lists the starter words on the page and adds and removes from its forms", async () => {
		const page = await pageGet(app, "/admin/moderation/words", staffToken);
		expect(page.status).toBe(200);
		expect(page.html).toContain("违禁词库");
		expect(page.html).toContain("加微信");
		expect(page.html).toContain("广告引流");

		const bad = await pagePost(app, "/admin/moderation/words", staffToken, { intent: "add", word: "", category: "abuse" });
		expect(bad.status).toBe(400);
		expect(bad.html).toContain("请填写违禁词");

		const added = await pagePost(app, "/admin/moderation/words", staffToken, {
			intent: "add",
			word: "球杆代购",
			category: "advertising",
		});
		expect(added.status).toBe(302);
		const listed = (await call("GET", "/admin/moderation/words", staffToken)).body.items.find(
			(item: { word: string }) => item.word === "球杆代购",
		);
		expect(listed).toBeDefined();
		expect((await reviewOf("有球杆代购需要吗")).review.status).toBe("held");
		const removed = await pagePost(app, "/admin/moderation/words", staffToken, { intent: "remove", wordId: listed.id });
		expect(removed.status).toBe(302);
		expect((await pageGet(app, "/admin/moderation/words", staffToken)).html).not.toContain("球杆代购");
	});
});
