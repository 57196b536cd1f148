import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { createPost } from "~/modules/community/posts/create-post.server";
import { editPost } from "~/modules/community/posts/edit-post.server";
import { apiCall, fetchPage, pageGet, pagePost } from "../support/api-client";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { communityMember } from "../support/community";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The community as members and API clients meet it: boards, posts and questions, comments and
 * answers, likes and bookmarks, and the moderation that guards them (verified phone, the word
 * list by category, weighted flags, the back-office queue).
 */
let app: TestApp;
let staffToken = "";
let boards: Array<{ id: string; slug: string; name: string }> = [];
const call = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
	apiCall(app, method, path, token, body, headers);
const board = (slug: string) => boards.find((entry) => entry.slug === slug)?.id as string;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = await staffSessionToken("13800000004");
	const listed = await call("GET", "/community/boards", null);
	if (listed.status !== 200) throw new Error(listed.text);
	boards = listed.body.items;
});
afterAll(async () => {
	await app.close();
});

async function post(token: string, body: Record<string, unknown>) {
	return call("POST", "/community/posts", token, { boardId: board("technique"), kind: "post", ...body });
}

async function approvedCoach(name: string) {
	const coach = await createApprovedCoach({
		displayName: name,
		point: { latitude: 31.23, longitude: 121.47 },
		reviewer: await createReviewer(),
		phone: `+86137${String(Date.now()).slice(-8)}`,
	});
	return { userId: coach.userId, token: (await createSession(coach.userId, { ip: "127.0.0.1", userAgent: "tests" })).token };
}

describe("boards", () => {
	it("lists the seven seeded boards in order, named in the reader's language", async () => {
		expect(boards.map((entry) => entry.name)).toEqual([
			"中式八球",
			"美式九球",
			"斯诺克",
			"技术交流",
			"器材",
			"球厅与约球",
			"问答",
		]);
		const english = await call("GET", "/community/boards", null, undefined, { "accept-language": "en" });
		expect(english.body.items[2].name).toBe("Snooker");
	});

	it("pages a board by keyset, newest first, without repeating or skipping a post", async () => {
		// Through the service (as the API calls it, without the per-IP count) by three authors, so the hourly limits stay out of it.
		const authors = [
			await communityMember("分页作者甲"),
			await communityMember("分页作者乙"),
			await communityMember("分页作者丙"),
		];
		const ids: string[] = [];
		for (let index = 0; index < 23; index += 1) {
			const written = await createPost({
				authorId: (authors[index % 3] as { userId: string }).userId,
				post: {
					boardId: board("snooker"),
					kind: "post",
					title: `斯诺克练习记录 ${index}`,
					body: "今天练了长台",
					imageFileIds: [],
				},
			});
			ids.push(written.id);
		}
		const first = await call("GET", "/community/boards/snooker/posts?sort=newest", null);
		expect(first.status, first.text).toBe(200);
		expect(first.body.items).toHaveLength(20);
		const second = await call("GET", `/community/boards/snooker/posts?sort=newest&cursor=${first.body.nextCursor}`, null);
		expect(second.body.nextCursor).toBeNull();
		const seen = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
		expect(seen).toEqual([...ids].reverse());
		const wrongSort = await call("GET", `/community/boards/snooker/posts?sort=week&cursor=${first.body.nextCursor}`, null);
		expect(wrongSort.status).toBe(400);
		expect((await call("GET", "/community/boards/no-such-board/posts", null)).status).toBe(404);
	});

	it("lets the back office rename, reorder and archive a board (audited), and refuses members", async () => {
		const member = await communityMember("想改版块的人");
		const update = { nameZh: "器材与装备", nameEn: "Cues and gear", position: 5, archived: false };
		expect((await call("PUT", `/admin/community/boards/${board("equipment")}`, member.token, update)).status).toBe(403);
		const renamed = await call("PUT", `/admin/community/boards/${board("equipment")}`, staffToken, update);
		expect(renamed.status, renamed.text).toBe(200);
		expect((await call("GET", "/community/boards", null)).body.items[4].name).toBe("器材与装备");
		const audit = await call("GET", "/admin/audit?action=community.board.updated", staffToken);
		expect(audit.body.entries.length).toBeGreaterThan(0);
	});
});

describe("posting", () => {
	it("needs a verified phone", async () => {
		const noPhone = await communityMember("没绑手机", 1, { phone: false });
		const refused = await post(noPhone.token, { title: "第一次发帖", body: "大家好" });
		expect(refused.status).toBe(403);
		expect(refused.body.error.message).toBe("发帖和评论需要先绑定手机号");
	});

	it("publishes a clean post, renders its Markdown safely and shows it to everyone", async () => {
		const author = await communityMember("爱写心得的球友");
		const written = await post(author.token, {
			title: "低杆练习心得",
			body: "**出杆要直**，[看这里](javascript:alert(1)) 和 [规则](https://example.com/rules)",
		});
		expect(written.status, written.text).toBe(201);
		expect(written.body.post.status).toBe("published");
		const read = await call("GET", `/community/posts/${written.body.post.id}`, null);
		expect(read.status).toBe(200);
		expect(read.body.post.bodyHtml).toContain("<strong>出杆要直</strong>");
		// The javascript: link is not made a link: it stays text.
		expect(read.body.post.bodyHtml).not.toContain('href="javascript');
		expect(read.body.post.bodyHtml).toContain('href="https://example.com/rules"');
		expect(read.body.post.bodyHtml).toContain('rel="nofollow ugc noopener noreferrer"');
		expect(read.body.post.author.displayName).toBe("爱写心得的球友");
	});

	it("holds a post that hits a hold word, invisible to others until a moderator publishes it; the author is told", async () => {
		const author = await communityMember("想引流的人");
		const stranger = await communityMember("路人");
		const written = await post(author.token, { title: "出二手球杆", body: "有意加微信详聊" });
		expect(written.body.post.status).toBe("held");
		const id = written.body.post.id;
		expect((await call("GET", `/community/posts/${id}`, null)).status).toBe(404);
		expect((await call("GET", `/community/posts/${id}`, stranger.token)).status).toBe(404);
		expect((await call("GET", `/community/posts/${id}`, author.token)).body.post.status).toBe("held");
		const queue = await call("GET", "/admin/community/queue", staffToken);
		expect(queue.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({
			status: "held",
			matchedWords: ["加微信"],
		});
		const noReason = await call("POST", `/admin/community/posts/${id}/decision`, staffToken, { action: "publish", reason: "" });
		expect(noReason.status).toBe(400);
		const published = await call("POST", `/admin/community/posts/${id}/decision`, staffToken, {
			action: "publish",
			reason: "二手交易，可以公开",
		});
		expect(published.status, published.text).toBe(200);
		expect((await call("GET", `/community/posts/${id}`, stranger.token)).body.post.status).toBe("published");
		const notices = await call("GET", "/me/notifications", author.token);
		expect(JSON.stringify(notices.body)).toContain("你的帖子已通过审核并公开");
	});

	it("refuses a blocked word naming it, and saves nothing", async () => {
		const author = await communityMember("卖发票的");
		const refused = await post(author.token, { title: "代 开 发 票", body: "需要的私聊" });
		expect(refused.status).toBe(422);
		expect(refused.body.error).toMatchObject({ code: "blocked_words", message: "内容包含不允许发布的词：代开发票" });
		const page = await call("GET", "/community/boards/technique/posts?sort=newest", null);
		expect(page.body.items.some((item: { title: string }) => item.title.includes("发"))).toBe(false);
		const english = await post(author.token, { title: "加微信转账", body: "先付定金" });
		expect(english.body.error.code).toBe("blocked_words");
	});

	it("stars out a replace word for a member; a new account's hit is held instead", async () => {
		const member = await communityMember("脾气急的老球友");
		const starred = await post(member.token, { title: "今天输球了", body: "对手说我滚蛋，气死" });
		expect(starred.body.post.status).toBe("published");
		expect((await call("GET", `/community/posts/${starred.body.post.id}`, null)).body.post.body).toBe("对手说我**，气死");
		const newcomer = await communityMember("新来的", 0);
		expect((await post(newcomer.token, { title: "新人报到", body: "谁让我滚 蛋" })).body.post.status).toBe("held");
	});

	it("refuses bad input clearly: empty, 50,000 characters, HTML and script, 10 images, links from new accounts", async () => {
		const member = await communityMember("试探边界的人");
		const empty = await post(member.token, { title: "标题", body: "   " });
		expect(empty.status).toBe(400);
		expect(empty.body.error.fields.body).toBe("请填写正文");
		const long = await post(member.token, { title: "长文", body: "a".repeat(50_000) });
		expect(long.body.error.fields.body).toBe("正文最多 10000 个字");
		const html = await post(member.token, { title: "脚本", body: "<script>alert(1)</script>" });
		expect(html.status).toBe(400);
		expect(html.body.error.fields.body).toBe("不支持 HTML 标签，请使用 Markdown");
		const images = Array.from({ length: 10 }, (_, index) => `00000000-0000-4000-8000-00000000000${index % 10}`);
		const tooMany = await post(member.token, { title: "图多", body: "十张图", imageFileIds: images });
		expect(tooMany.body.error.fields.imageFileIds).toBe("最多 9 张图片");
		const notMine = await post(member.token, { title: "别人的图", body: "一张", imageFileIds: [images[1]] });
		expect(notMine.status).toBe(422);
		const newcomer = await communityMember("新用户发链接", 0);
		const link = await post(newcomer.token, { title: "好店推荐", body: "看 https://example.com/shop" });
		expect(link.status).toBe(422);
		expect(link.body.error.message).toBe("新用户暂时不能发链接，多参与社区后即可");
		expect((await post(member.token, { title: "标题", body: "x", boardId: "nope" })).body.error.fields.boardId).toBe(
			"请选择版块",
		);
	});

	it("lets only the author edit (within the window) or delete; a deleted post takes no comments", async () => {
		const author = await communityMember("作者本人");
		const other = await communityMember("别人");
		const id = (await post(author.token, { title: "杆法讨论", body: "高杆怎么打" })).body.post.id;
		expect((await call("PUT", `/community/posts/${id}`, other.token, { title: "改了", body: "改了" })).status).toBe(403);
		const edited = await call("PUT", `/community/posts/${id}`, author.token, { title: "杆法讨论（更新）", body: "高杆和中杆" });
		expect(edited.status, edited.text).toBe(200);
		await expect(
			editPost({
				viewer: { userId: author.userId, roles: [] },
				postId: id,
				edit: { title: "太晚了", body: "太晚了" },
				now: new Date(Date.now() + 2 * 3_600_000),
			}),
		).rejects.toMatchObject({ status: 409, code: "edit_window_closed" });
		expect((await call("DELETE", `/community/posts/${id}`, other.token)).status).toBe(403);
		expect((await call("DELETE", `/community/posts/${id}`, author.token)).status).toBe(204);
		expect((await call("GET", `/community/posts/${id}`, other.token)).status).toBe(404);
		const late = await call("POST", `/community/posts/${id}/comments`, other.token, { body: "还能评论吗" });
		expect(late.status).toBe(404);
	});

	it("likes and bookmarks once per member, never one's own", async () => {
		const author = await communityMember("被点赞的");
		const reader = await communityMember("点赞的");
		const id = (await post(author.token, { title: "加塞心得", body: "左塞右塞" })).body.post.id;
		expect((await call("PUT", `/community/posts/${id}/like`, reader.token)).body.like).toEqual({ likeCount: 1, liked: true });
		expect((await call("PUT", `/community/posts/${id}/like`, reader.token)).body.like.likeCount).toBe(1);
		expect((await call("PUT", `/community/posts/${id}/like`, author.token)).status).toBe(403);
		expect((await call("PUT", `/community/posts/${id}/bookmark`, reader.token)).body.bookmark.bookmarked).toBe(true);
		const read = await call("GET", `/community/posts/${id}`, reader.token);
		expect(read.body.post).toMatchObject({ liked: true, bookmarked: true, likeCount: 1 });
		expect((await call("DELETE", `/community/posts/${id}/like`, reader.token)).body.like).toEqual({ likeCount: 0, liked: false });
	});
});

describe("comments and Q&A", () => {
	it("threads replies one level deep and refuses a comment on a held post", async () => {
		const author = await communityMember("楼主");
		const replier = await communityMember("回复者");
		const id = (await post(author.token, { title: "球杆保养", body: "怎么保养枫木杆" })).body.post.id;
		const top = await call("POST", `/community/posts/${id}/comments`, replier.token, { body: "用专用蜡" });
		expect(top.status, top.text).toBe(201);
		const reply = await call("POST", `/community/posts/${id}/comments`, author.token, {
			body: "什么牌子",
			parentId: top.body.comment.id,
		});
		const deeper = await call("POST", `/community/posts/${id}/comments`, replier.token, {
			body: "都行",
			parentId: reply.body.comment.id,
		});
		expect(deeper.status).toBe(201);
		const read = await call("GET", `/community/posts/${id}`, null);
		expect(read.body.post.commentCount).toBe(3);
		expect(read.body.post.comments).toHaveLength(1);
		expect(read.body.post.comments[0].replies.map((entry: { body: string }) => entry.body)).toEqual(["什么牌子", "都行"]);
		const held = (await post(author.token, { title: "出杆", body: "便宜出杆，加微信" })).body.post;
		expect(held.status).toBe("held");
		expect((await call("POST", `/community/posts/${held.id}/comments`, author.token, { body: "顶" })).status).toBe(409);
	});

	it("lets only the asker accept, only approved coaches verify, and ranks the accepted answer first", async () => {
		const asker = await communityMember("提问的学员");
		const answerer = await communityMember("热心球友");
		const coach = await approvedCoach("社区李教练");
		const question = await call("POST", "/community/posts", asker.token, {
			boardId: board("questions"),
			kind: "question",
			title: "中式八球开球总是不散怎么办？",
			body: "力量不小，但球堆就是不散",
		});
		const id = question.body.post.id;
		const first = await call("POST", `/community/posts/${id}/comments`, answerer.token, { body: "打头球偏厚一点" });
		const fromCoach = await call("POST", `/community/posts/${id}/comments`, coach.token, {
			body: "母球放在开球线中点左侧，击打头球正面，注意跟进",
		});
		expect(fromCoach.status, fromCoach.text).toBe(201);
		const coachAnswerId = fromCoach.body.comment.id;

		const other = (
			await call("POST", "/community/posts", asker.token, {
				boardId: board("questions"),
				kind: "question",
				title: "另一个问题",
				body: "怎么瞄准",
			})
		).body.post.id;
		const wrong = await call("POST", `/community/posts/${other}/accepted-answer`, asker.token, { commentId: coachAnswerId });
		expect(wrong.status).toBe(422);
		expect(wrong.body.error.message).toBe("这条回答不属于这个问题");
		const notAsker = await call("POST", `/community/posts/${id}/accepted-answer`, answerer.token, { commentId: coachAnswerId });
		expect(notAsker.status).toBe(403);
		expect(notAsker.body.error.message).toBe("只有提问者可以采纳回答");
		const accepted = await call("POST", `/community/posts/${id}/accepted-answer`, asker.token, { commentId: coachAnswerId });
		expect(accepted.status, accepted.text).toBe(200);

		const byMember = await call("POST", `/community/posts/${id}/coach-verified-answers`, asker.token, {
			commentId: first.body.comment.id,
		});
		expect(byMember.status).toBe(403);
		expect(byMember.body.error.message).toBe("只有认证教练可以标记教练认证");
		const ownMark = await call("POST", `/community/posts/${id}/coach-verified-answers`, coach.token, {
			commentId: coachAnswerId,
		});
		expect(ownMark.status).toBe(403);
		const verified = await call("POST", `/community/posts/${id}/coach-verified-answers`, coach.token, {
			commentId: first.body.comment.id,
		});
		expect(verified.status, verified.text).toBe(200);

		const read = await call("GET", `/community/posts/${id}`, null);
		const [top, second] = read.body.post.comments;
		expect(top).toMatchObject({ id: coachAnswerId, accepted: true, author: { isCoach: true } });
		expect(second).toMatchObject({ id: first.body.comment.id, coachVerified: true, author: { isCoach: false } });
		const notices = await call("GET", "/me/notifications", coach.token);
		expect(JSON.stringify(notices.body)).toContain("被提问者采纳了");
	});
});

describe("flags", () => {
	it("hide a post once trusted members' flags pass the threshold; new members' flags weigh little; a moderator decides", async () => {
		const author = await communityMember("被举报的作者");
		const id = (await post(author.token, { title: "卖球杆", body: "全新球杆低价" })).body.post.id;
		for (const name of ["新人甲", "新人乙", "新人丙"]) {
			const flagger = await communityMember(name, 0);
			const flagged = await call("POST", `/community/posts/${id}/flags`, flagger.token, { reason: "spam" });
			expect(flagged.body.flag.subjectHidden).toBe(false);
		}
		const trustedA = await communityMember("老会员甲", 2);
		expect((await call("POST", `/community/posts/${id}/flags`, trustedA.token, { reason: "spam" })).body.flag.subjectHidden).toBe(
			false,
		);
		expect((await call("POST", `/community/posts/${id}/flags`, trustedA.token, { reason: "spam" })).status).toBe(409);
		const trustedB = await communityMember("老会员乙", 2);
		const hiding = await call("POST", `/community/posts/${id}/flags`, trustedB.token, { reason: "spam", detail: "重复发广告" });
		expect(hiding.body.flag.subjectHidden).toBe(true);
		expect((await call("GET", `/community/posts/${id}`, trustedB.token)).status).toBe(404);
		expect((await call("GET", `/community/posts/${id}`, author.token)).body.post.status).toBe("hidden");

		const queue = await call("GET", "/admin/community/queue", staffToken);
		const item = queue.body.items.find((entry: { id: string }) => entry.id === id);
		expect(item).toMatchObject({ status: "hidden", hiddenByFlags: true, reports: { count: 5, reasons: { spam: 5 } } });
		const hidden = await call("POST", `/admin/community/posts/${id}/decision`, staffToken, { action: "hide", reason: "广告" });
		expect(hidden.status, hidden.text).toBe(200);
		expect(JSON.stringify((await call("GET", "/me/notifications", author.token)).body)).toContain("你的帖子已被平台隐藏：广告");
		expect(JSON.stringify((await call("GET", "/me/notifications", trustedB.token)).body)).toContain("广告");
		const audit = await call("GET", "/admin/audit?action=community.post.hidden", staffToken);
		expect(audit.body.entries.some((entry: { targetId: string }) => entry.targetId === id)).toBe(true);
		const restored = await call("POST", `/admin/community/posts/${id}/decision`, staffToken, {
			action: "restore",
			reason: "误判",
		});
		expect(restored.body.decision.status).toBe("published");
		expect(
			(await call("POST", `/admin/community/posts/${id}/decision`, staffToken, { action: "publish", reason: "再发布" })).status,
		).toBe(409);
		expect((await call("GET", "/admin/community/queue", trustedA.token)).status).toBe(403);
	});
});

describe("pages", () => {
	it("show the boards, a board's posts and a post with its answers; a member answers through the page", async () => {
		const asker = await communityMember("页面提问者");
		const answerer = await communityMember("页面回答者");
		const id = (
			await call("POST", "/community/posts", asker.token, {
				boardId: board("questions"),
				kind: "question",
				title: "斯诺克架杆怎么用？",
				body: "**架杆**总是晃",
			})
		).body.post.id;
		const boardsPage = await (await fetchPage(app, "/community")).text();
		expect(boardsPage).toContain("球友社区");
		expect(boardsPage).toContain('href="/community/b/questions"');
		const boardPageHtml = await (await fetchPage(app, "/community/b/questions?sort=newest")).text();
		expect(boardPageHtml).toContain("斯诺克架杆怎么用？");
		const sent = await pagePost(app, `/community/p/${id}`, answerer.token, { intent: "comment", body: "手腕放松，架杆贴台" });
		expect(sent.status).toBe(302);
		const postPage = await pageGet(app, `/community/p/${id}`, asker.token);
		expect(postPage.html).toContain("<strong>架杆</strong>");
		expect(postPage.html).toContain("手腕放松，架杆贴台");
		expect(postPage.html).toContain("采纳这个回答");
		expect((await fetchPage(app, "/community/p/00000000-0000-4000-8000-000000000000")).status).toBe(404);
	});

	it("lets a moderator hide a flagged post from the back-office queue page", async () => {
		const author = await communityMember("队列页作者");
		const id = (await post(author.token, { title: "出闲置球杆", body: "有意加微信" })).body.post.id;
		const queue = await pageGet(app, "/admin/community", staffToken);
		expect(queue.html).toContain("出闲置球杆");
		expect(queue.html).toContain("命中违禁词：加微信");
		const decided = await pagePost(app, "/admin/community", staffToken, { kind: "post", id, action: "hide", reason: "站外引流" });
		expect(decided.status).toBe(302);
		expect((await call("GET", `/community/posts/${id}`, author.token)).body.post.status).toBe("hidden");
	});
});
