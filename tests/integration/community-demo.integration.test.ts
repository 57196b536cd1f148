import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { demoQuestionTitle, seedDemoCommunityPosts } from "~/modules/community/demo/seed-demo-posts.server";
import { seedDemoSocial } from "~/modules/community/demo/seed-demo-social.server";
import { apiCall, fetchPage, pageGet, postForm } from "../support/api-client";
import { communityMember } from "../support/community";
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

describe("links in", () => {
	it("the main navigation leads to the community in both languages", async () => {
		// Both main navigations (the phone's tab bar and the desktop header) carry the tab, signed out as well.
		const communityTabs = (html: string, navName: string, label: string) =>
			[...html.matchAll(/<nav aria-label="([^"]*)"[^>]*>(.*?)<\/nav>/gs)]
				.filter((nav) => nav[1] === navName)
				.map((nav) => /<a[^>]*href="\/community"[^>]*>((?:(?!<\/a>).)*)<\/a>/s.exec(nav[2] ?? "")?.[1] ?? "")
				.filter((link) => link.includes(label));
		expect(communityTabs(await page("/"), "主导航", "社区")).toHaveLength(2);
		const english = await fetch(`${app.url}/coaches`, { headers: { cookie: "lang=en" } });
		expect(communityTabs(await english.text(), "Main navigation", "Community")).toHaveLength(2);
	});
});

describe("editing a post on its page", () => {
	it("the author edits within the window; bad input changes nothing and says why; others get no form", async () => {
		const author = await communityMember("改帖作者");
		const reader = await communityMember("看帖球友");
		const boards = (await apiCall(app, "GET", "/community/boards", null)).body.items as Array<{ id: string; slug: string }>;
		const created = await apiCall(app, "POST", "/community/posts", author.token, {
			boardId: boards.find((board) => board.slug === "technique")?.id,
			kind: "post",
			title: "加塞的练习方法",
			body: "先练左塞",
		});
		expect(created.status, created.text).toBe(201);
		const path = `/community/p/${created.body.post.id}`;

		expect((await pageGet(app, path, author.token)).html).toContain("保存修改");
		expect((await pageGet(app, path, reader.token)).html).not.toContain("保存修改");

		const saved = await postForm(app, path, author.token, {
			intent: "edit",
			title: "加塞的练习方法（更新）",
			body: "先练**右塞**",
		});
		expect(saved.status).toBe(302);
		const edited = await pageGet(app, path, reader.token);
		expect(edited.html).toContain("加塞的练习方法（更新）");
		expect(edited.html).toContain("<strong>右塞</strong>");

		// An empty title is refused in the author's language and nothing is saved.
		const refused = await postForm(app, path, author.token, { intent: "edit", title: " ", body: "改成别的" });
		expect(refused.status).toBe(302);
		const toast = refused.headers.get("set-cookie")?.split(";")[0] ?? "";
		const shown = await (
			await fetch(`${app.url}${path}`, { headers: { cookie: `cp_session=${author.token}; ${toast}` } })
		).text();
		expect(shown).toContain("请填写标题");
		expect(shown).toContain("<strong>右塞</strong>");
		expect(shown).not.toContain("改成别的");

		// Another member's edit through the same form is refused and changes nothing.
		const foreign = await postForm(app, path, reader.token, { intent: "edit", title: "别人改的标题", body: "别人改的正文" });
		expect(foreign.status).toBe(302);
		expect((await pageGet(app, path, reader.token)).html).not.toContain("别人改的标题");
	});
});
