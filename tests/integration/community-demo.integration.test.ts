import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { demoQuestionTitle, seedDemoCommunityPosts } from "~/modules/community/demo/seed-demo-posts.server";
import { seedDemoSocial } from "~/modules/community/demo/seed-demo-social.server";
import { fetchPage } from "../support/api-client";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The demo community a visitor meets on a fresh start: posts on the boards, comments with a reply,
 * likes, and a question on 问答 whose accepted answer comes first and carries the coach badge.
 */
let app: TestApp;

beforeAll(async () => {
	await db().transaction(async (tx) => {
		await seedDemoAccounts(tx);
		await seedDemoCoaches(tx);
	});
	await seedDemoSocial();
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

/** The id a board page links the post of this title to (a question's 【问答】 prefix is its own text node). */
const linkedPostId = (boardHtml: string, title: string) =>
	[...boardHtml.matchAll(/href="\/community\/p\/([0-9a-f-]{36})"[^>]*>((?:[^<]|<!-- -->)*)</g)].find((link) =>
		link[2]?.includes(title),
	)?.[1];

const page = async (path: string) => {
	const answer = await fetchPage(app, path);
	expect(answer.status).toBe(200);
	return answer.text();
};

describe("the demo community", () => {
	it("fills the boards once, and the question shows its accepted answer first", async () => {
		// The seed's cost at each fresh start, printed for the record (never asserted: machines differ).
		const started = performance.now();
		expect(await seedDemoCommunityPosts()).toBeGreaterThan(0);
		console.info(`seedDemoCommunityPosts: ${Math.round(performance.now() - started)} ms on a fresh database`);
		// A second start adds nothing.
		expect(await seedDemoCommunityPosts()).toBe(0);

		const eightBall = await page("/community/b/chinese-8-ball");
		expect(eightBall).toContain("中八开球后白球总落袋，我找到的三个原因");
		expect(eightBall).toContain("陈晓东");
		expect(await page("/community/b/technique")).toContain("手架稳不稳，先看这三点");
		expect(await page("/community/b/equipment")).toContain("第一根球杆怎么选");
		expect(await page("/community/b/halls-and-games")).toContain("静安寺附近晚上练球的球厅推荐");
		expect(await page("/community/b/9-ball")).toContain("九球的推杆（push out）规则");

		const questions = await page("/community/b/questions");
		expect(questions).toContain(demoQuestionTitle);
		const questionId = linkedPostId(questions, "低杆总是拉不回来");
		expect(questionId, "the question links to its page").toBeTruthy();
		const question = await page(`/community/p/${questionId}`);
		const coachAnswer = question.indexOf("两者都有关系");
		const zhaoAnswer = question.indexOf("多半是出杆没有送出去");
		const liuAnswer = question.indexOf("皮头没擦巧粉");
		// The coach answered last, yet the accepted answer leads, with its 已采纳 mark before any other answer.
		expect(coachAnswer).toBeGreaterThan(0);
		expect(coachAnswer).toBeLessThan(zhaoAnswer);
		expect(coachAnswer).toBeLessThan(liuAnswer);
		const accepted = question.indexOf("已采纳");
		expect(accepted).toBeGreaterThan(0);
		expect(accepted).toBeLessThan(zhaoAnswer);
		// The partner's answer carries the coach's 教练认证 mark.
		expect(question).toContain("教练认证");

		// A comment with its reply on the first post.
		const breakId = linkedPostId(eightBall, "中八开球后白球总落袋");
		expect(breakId).toBeTruthy();
		const breakPage = await page(`/community/p/${breakId}`);
		expect(breakPage).toContain("开球前先把重心压稳");
		expect(breakPage).toContain("这周试试出杆后停两秒再起身");
	});
});
