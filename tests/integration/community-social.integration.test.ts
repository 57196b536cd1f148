import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { suspendUser } from "~/modules/accounts/admin/suspend-user.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { addRoleGrant, createUser, findUserByPhone } from "~/modules/accounts/users.server";
import { listBoards } from "~/modules/community/boards/boards.server";
import { seedDemoSocial } from "~/modules/community/demo/seed-demo-social.server";
import { createPost } from "~/modules/community/posts/create-post.server";
import { apiCall, pageGet, pagePost } from "../support/api-client";
import { signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The community's social side as an API client meets it: the partner finder (only opted-in players,
 * never a precise place), invitations and the conversation they open (strangers get 404, scams and
 * phone numbers refused, blocks, reports, unread counts), follows with their notice, and the feed.
 */
let app: TestApp;
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

// 静安区's centre is about here; the search point is a street away from it, not the centre itself.
const jingan = { lat: 31.2301, lng: 121.4502 };

const card = (overrides: Record<string, unknown> = {}) => ({
	discipline: "chinese_8_ball",
	selfLevel: 3,
	cityCode: "shanghai",
	district: "静安区",
	usualTimes: ["weekday_evening", "weekend_afternoon"],
	...overrides,
});

async function playerWithCard(name: string, overrides: Record<string, unknown> = {}) {
	const player = await signedInUser(name);
	const saved = await call("PUT", "/community/partners/me", player.token, card(overrides));
	expect(saved.status, saved.text).toBe(200);
	return player;
}

const search = async (token: string | null, query: Record<string, string> = {}) => {
	const params = new URLSearchParams({
		lat: String(jingan.lat),
		lng: String(jingan.lng),
		discipline: "chinese_8_ball",
		...query,
	});
	const answer = await call("GET", `/community/partners?${params}`, token);
	expect(answer.status, answer.text).toBe(200);
	return answer.body.items as Array<Record<string, unknown> & { userId: string }>;
};

beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("the partner finder", () => {
	it("finds only players who opted in, by district and level, never with a precise place", async () => {
		const searcher = await playerWithCard("找球友甲");
		const near = await playerWithCard("静安球友", { selfLevel: 3 });
		const strong = await playerWithCard("高手球友", { selfLevel: 5, district: "黄浦区" });
		const closed = await playerWithCard("关闭名片", { open: false });
		const snooker = await playerWithCard("斯诺克球友", { discipline: "snooker" });
		const faraway = await playerWithCard("北京球友", { cityCode: "beijing", district: "海淀区" });
		const notOptedIn = await signedInUser("没开名片");

		const items = await search(searcher.token);
		const ids = items.map((item) => item.userId);
		expect(ids).toContain(near.userId);
		expect(ids).toContain(strong.userId);
		for (const absent of [searcher, closed, snooker, faraway, notOptedIn]) expect(ids).not.toContain(absent.userId);

		// Only the district and a whole number of kilometres: no coordinates anywhere in the answer.
		const found = items.find((item) => item.userId === near.userId);
		expect(found).toMatchObject({ displayName: "静安球友", district: "静安区", level: { value: 3, source: "self" } });
		expect(Number.isInteger(found?.distanceKm)).toBe(true);
		const text = JSON.stringify(items);
		expect(text).not.toMatch(/latitude|longitude|"lat"|"lng"/);
		expect(text).not.toContain("31.2");
		expect(text).not.toContain("121.4");

		const strongOnly = (await search(searcher.token, { minLevel: "4", maxLevel: "5" })).map((item) => item.userId);
		expect(strongOnly).toContain(strong.userId);
		expect(strongOnly).not.toContain(near.userId);

		// Anyone may search; a signed-out searcher sees the same opted-in players.
		expect((await search(null)).map((item) => item.userId)).toContain(near.userId);
	});

	it("leaves out suspended accounts and people either side blocked", async () => {
		const searcher = await playerWithCard("找球友乙");
		const blockedByMe = await playerWithCard("被我屏蔽");
		const blockedMe = await playerWithCard("屏蔽了我");
		const suspended = await playerWithCard("已暂停球友");
		expect((await call("POST", `/community/blocks/${blockedByMe.userId}`, searcher.token)).status).toBe(204);
		expect((await call("POST", `/community/blocks/${searcher.userId}`, blockedMe.token)).status).toBe(204);
		const admin = await createUser({ displayName: "社区管理员" });
		await addRoleGrant({ userId: admin.id, role: "admin", grantedBy: null });
		await suspendUser({ actor: { id: admin.id, roles: ["admin"] }, userId: suspended.userId, reason: "测试" });

		const ids = (await search(searcher.token)).map((item) => item.userId);
		for (const absent of [blockedByMe, blockedMe, suspended]) expect(ids).not.toContain(absent.userId);
		expect((await search(null)).map((item) => item.userId)).not.toContain(suspended.userId);
	});

	it("refuses bad cards and searches clearly, in the caller's language, saving nothing", async () => {
		const player = await signedInUser("乱填名片");
		const bad = await call("PUT", "/community/partners/me", player.token, card({ district: "火星区" }));
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toBe("请选择所在区");
		expect((await call("PUT", "/community/partners/me", player.token, card({ selfLevel: 9 }))).status).toBe(400);
		expect((await call("PUT", "/community/partners/me", player.token, card({ usualTimes: [] }))).status).toBe(400);
		expect((await call("GET", "/community/partners/me", player.token)).body.card).toBeNull();

		const range = await apiCall(
			app,
			"GET",
			"/community/partners?lat=31.2&lng=121.4&discipline=snooker&minLevel=4&maxLevel=2",
			null,
			undefined,
			{
				"accept-language": "en",
			},
		);
		expect(range.status).toBe(400);
		expect(range.text).toContain("The lowest level cannot be above the highest");
		expect((await call("GET", "/community/partners?lat=abc&lng=121.4&discipline=snooker", null)).status).toBe(400);
		expect((await call("GET", "/community/partners?lat=31.2&lng=121.4", null)).status).toBe(400);
	});
});

async function acceptedPair(a: string, b: string) {
	const inviter = await playerWithCard(a);
	const invitee = await playerWithCard(b);
	const sent = await call("POST", "/community/partners/invitations", inviter.token, {
		toUserId: invitee.userId,
		note: "周六下午一起练八球？",
	});
	expect(sent.status, sent.text).toBe(201);
	const answered = await call("POST", `/community/partners/invitations/${sent.body.invitation.id}/answer`, invitee.token, {
		answer: "accept",
	});
	expect(answered.status, answered.text).toBe(200);
	return {
		inviter,
		invitee,
		conversationId: answered.body.invitation.conversationId as string,
		invitationId: sent.body.invitation.id as string,
	};
}

describe("invitations and messages", () => {
	it("an accepted invitation opens a conversation the two use, with unread counts; strangers get 404", async () => {
		const inviter = await playerWithCard("邀请人");
		const invitee = await playerWithCard("受邀人");
		const stranger = await signedInUser("路人");

		const sent = await call("POST", "/community/partners/invitations", inviter.token, {
			toUserId: invitee.userId,
			note: "周六下午一起练八球？",
		});
		expect(sent.status, sent.text).toBe(201);
		const again = await call("POST", "/community/partners/invitations", inviter.token, {
			toUserId: invitee.userId,
			note: "在吗",
		});
		expect(again.status).toBe(409);
		const received = await call("GET", "/community/partners/invitations", invitee.token);
		expect(received.body.items).toMatchObject([
			{ direction: "received", with: { displayName: "邀请人" }, note: "周六下午一起练八球？", status: "pending" },
		]);

		const id = sent.body.invitation.id;
		expect((await call("POST", `/community/partners/invitations/${id}/answer`, inviter.token, { answer: "accept" })).status).toBe(
			404,
		);
		expect(
			(await call("POST", `/community/partners/invitations/${id}/answer`, stranger.token, { answer: "accept" })).status,
		).toBe(404);
		const accepted = await call("POST", `/community/partners/invitations/${id}/answer`, invitee.token, { answer: "accept" });
		expect(accepted.status, accepted.text).toBe(200);
		const conversationId = accepted.body.invitation.conversationId;
		expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(
			(await call("POST", `/community/partners/invitations/${id}/answer`, invitee.token, { answer: "decline" })).status,
		).toBe(409);

		const hello = await call("POST", `/community/conversations/${conversationId}/messages`, inviter.token, {
			body: "你好，周六两点静安见？",
		});
		expect(hello.status, hello.text).toBe(201);
		const inbox = await call("GET", "/community/conversations", invitee.token);
		expect(inbox.body.unread).toBe(1);
		expect(inbox.body.items).toMatchObject([{ id: conversationId, with: { displayName: "邀请人" }, unread: 1 }]);

		const read = await call("GET", `/community/conversations/${conversationId}`, invitee.token);
		expect(read.status).toBe(200);
		expect(read.body.conversation.messages).toMatchObject([{ body: "你好，周六两点静安见？", mine: false }]);
		expect((await call("GET", "/community/conversations", invitee.token)).body.unread).toBe(0);
		const reply = await call("POST", `/community/conversations/${conversationId}/messages`, invitee.token, {
			body: "好的，不见不散",
		});
		expect(reply.status).toBe(201);
		expect((await call("GET", "/community/conversations", inviter.token)).body.unread).toBe(1);
		// No phone number or other contact detail of either person in what they read.
		expect(JSON.stringify(read.body)).not.toMatch(/phone|1[3-9]\d{9}/);

		expect((await call("GET", `/community/conversations/${conversationId}`, stranger.token)).status).toBe(404);
		expect(
			(await call("POST", `/community/conversations/${conversationId}/messages`, stranger.token, { body: "偷看" })).status,
		).toBe(404);
		expect((await call("GET", `/community/conversations/${conversationId}`, null)).status).toBe(401);
		const after = await call("GET", `/community/conversations/${conversationId}`, inviter.token);
		expect(after.body.conversation.messages.map((message: { body: string }) => message.body)).toEqual([
			"你好，周六两点静安见？",
			"好的，不见不散",
		]);
	});

	it("refuses off-platform payment, phone numbers and empty or long texts with a warning, storing nothing", async () => {
		const { inviter, conversationId } = await acceptedPair("防骗甲", "防骗乙");
		const send = (body: string, headers: Record<string, string> = {}) =>
			apiCall(app, "POST", `/community/conversations/${conversationId}/messages`, inviter.token, { body }, headers);
		const scam = await send("先加微信转账定金吧");
		expect(scam.status).toBe(400);
		expect(scam.body.error.message).toContain("防骗提醒");
		expect((await send("私 下 交 易 更便宜")).status).toBe(400);
		expect((await send("我电话 138 0013 8000")).status).toBe(400);
		const english = await send("加微信 pay me", { "accept-language": "en" });
		expect(english.body.error.message).toContain("Scam warning");
		expect((await send("   ")).status).toBe(400);
		expect((await send("球".repeat(1001))).status).toBe(400);
		const read = await call("GET", `/community/conversations/${conversationId}`, inviter.token);
		expect(read.body.conversation.messages).toEqual([]);
	});

	it("a block stops messages and invitations both ways; a message can be reported once", async () => {
		const { inviter, invitee, conversationId } = await acceptedPair("举报甲", "举报乙");
		const rude = await call("POST", `/community/conversations/${conversationId}/messages`, invitee.token, { body: "你打得真烂" });
		expect(rude.status).toBe(201);
		const messageId = rude.body.message.id;
		expect((await call("POST", `/community/messages/${messageId}/report`, invitee.token, { reason: "abuse" })).status).toBe(404);
		const report = await call("POST", `/community/messages/${messageId}/report`, inviter.token, {
			reason: "abuse",
			detail: "人身攻击",
		});
		expect(report.status, report.text).toBe(201);
		expect((await call("POST", `/community/messages/${messageId}/report`, inviter.token, { reason: "abuse" })).status).toBe(409);

		expect((await call("POST", `/community/blocks/${invitee.userId}`, inviter.token)).status).toBe(204);
		expect(
			(await call("POST", `/community/conversations/${conversationId}/messages`, invitee.token, { body: "还在吗" })).status,
		).toBe(404);
		expect(
			(await call("POST", `/community/conversations/${conversationId}/messages`, inviter.token, { body: "再见" })).status,
		).toBe(404);
		expect((await call("GET", `/community/conversations/${conversationId}`, inviter.token)).body.conversation).toMatchObject({
			canWrite: false,
			blockedByMe: true,
		});
		expect(
			(await call("POST", "/community/partners/invitations", invitee.token, { toUserId: inviter.userId, note: "再约一次" }))
				.status,
		).toBe(404);
		expect((await call("DELETE", `/community/blocks/${invitee.userId}`, inviter.token)).status).toBe(204);
		expect(
			(await call("POST", `/community/conversations/${conversationId}/messages`, invitee.token, { body: "和好吧" })).status,
		).toBe(201);
	});

	it("invitations are limited to 10 a day and need an open card", async () => {
		const sender = await playerWithCard("群发者");
		const closed = await playerWithCard("不约", { open: false });
		expect(
			(await call("POST", "/community/partners/invitations", sender.token, { toUserId: closed.userId, note: "约吗" })).status,
		).toBe(404);
		const noCard = await signedInUser("没名片");
		expect(
			(await call("POST", "/community/partners/invitations", sender.token, { toUserId: noCard.userId, note: "约吗" })).status,
		).toBe(404);
		expect(
			(await call("POST", "/community/partners/invitations", sender.token, { toUserId: sender.userId, note: "约吗" })).status,
		).toBe(400);
		expect(
			(await call("POST", "/community/partners/invitations", sender.token, { toUserId: closed.userId, note: "" })).status,
		).toBe(400);
		const statuses: number[] = [];
		for (let index = 0; index < 10; index += 1) {
			const target = await playerWithCard(`被约${index}`);
			statuses.push(
				(await call("POST", "/community/partners/invitations", sender.token, { toUserId: target.userId, note: "约吗" })).status,
			);
		}
		expect(statuses).toEqual(Array(10).fill(201));
		const lastOne = await playerWithCard("第十一位");
		const limited = await call("POST", "/community/partners/invitations", sender.token, {
			toUserId: lastOne.userId,
			note: "约吗",
		});
		expect(limited.status).toBe(429);
		const invited = await call("GET", "/community/partners/invitations", lastOne.token);
		expect(invited.body.items).toEqual([]);
	});
});

async function poster(name: string) {
	const user = await createUser({ displayName: name, phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` });
	const session = await createSession(user.id, { ip: "127.0.0.1", userAgent: "tests" });
	return { userId: user.id, token: session.token };
}

describe("follows and the feed", () => {
	it("the feed shows followed people's posts only, newest first", async () => {
		const reader = await signedInUser("读者");
		const followed = await poster("被关注的人");
		const other = await poster("没关注的人");
		const [board] = await listBoards({ locale: "zh-CN" });
		if (!board) throw new Error("no board seeded");
		const write = (author: { userId: string }, title: string) =>
			createPost({
				authorId: author.userId,
				post: { boardId: board.id, kind: "post", title, body: `${title}的正文`, imageFileIds: [] },
			});
		await write(followed, "第一帖");
		await write(other, "别人的帖");
		await write(followed, "第二帖");
		await write(followed, "第三帖");

		expect((await call("GET", "/community/feed", reader.token)).body.items).toEqual([]);
		const followedNow = await call("POST", `/community/users/${followed.userId}/follow`, reader.token);
		expect(followedNow.status, followedNow.text).toBe(200);
		expect(followedNow.body).toEqual({ following: true });

		const feed = await call("GET", "/community/feed", reader.token);
		expect(feed.status).toBe(200);
		expect(feed.body.items.map((item: { title: string }) => item.title)).toEqual(["第三帖", "第二帖", "第一帖"]);
		expect(feed.body.items[0]).toMatchObject({
			author: { id: followed.userId, displayName: "被关注的人" },
			excerpt: "第三帖的正文",
		});
		expect((await call("GET", "/community/feed", null)).status).toBe(401);
	});

	it("pages the feed by keyset: 20 a page, no post skipped or repeated", async () => {
		const reader = await signedInUser("翻页读者");
		const [board] = await listBoards({ locale: "zh-CN" });
		if (!board) throw new Error("no board seeded");
		const titles: string[] = [];
		// Three authors, seven posts each (the posting limit is per author and hour).
		for (const name of ["翻页甲", "翻页乙", "翻页丙"]) {
			const author = await poster(name);
			expect((await call("POST", `/community/users/${author.userId}/follow`, reader.token)).status).toBe(200);
			for (let index = 0; index < 7; index += 1) {
				const title = `${name}第${index + 1}帖`;
				await createPost({
					authorId: author.userId,
					post: { boardId: board.id, kind: "post", title, body: "正文", imageFileIds: [] },
				});
				titles.unshift(title);
			}
		}
		const first = await call("GET", "/community/feed", reader.token);
		expect(first.body.items).toHaveLength(20);
		expect(first.body.nextCursor).toEqual(expect.any(String));
		const second = await call("GET", `/community/feed?cursor=${encodeURIComponent(first.body.nextCursor)}`, reader.token);
		expect(second.body.nextCursor).toBeNull();
		const seen = [...first.body.items, ...second.body.items].map((item: { title: string }) => item.title);
		expect(seen).toEqual(titles);
	});

	it("follows: once per pair, the followed person told once an hour, lists and counts, never oneself", async () => {
		const coach = await signedInUser("被关注教练");
		const fans = [await signedInUser("粉丝甲"), await signedInUser("粉丝乙")];
		for (const fan of fans) expect((await call("POST", `/community/users/${coach.userId}/follow`, fan.token)).status).toBe(200);
		expect((await call("POST", `/community/users/${coach.userId}/follow`, fans[0]?.token ?? "")).status).toBe(200);
		const notices = await call("GET", "/me/notifications", coach.token);
		const followerNotices = notices.body.items.filter((item: { kind: string }) => item.kind === "newFollower");
		expect(followerNotices).toHaveLength(1);

		const followers = await call("GET", `/community/users/${coach.userId}/followers`, null);
		expect(followers.body.items.map((item: { displayName: string }) => item.displayName)).toEqual(["粉丝乙", "粉丝甲"]);
		const profile = await call("GET", `/community/users/${coach.userId}`, fans[0]?.token ?? "");
		expect(profile.body).toMatchObject({
			user: { displayName: "被关注教练" },
			counts: { followers: 2, following: 0 },
			following: true,
			level: null,
		});
		expect(JSON.stringify(profile.body)).not.toMatch(/phone/i);
		expect((await call("DELETE", `/community/users/${coach.userId}/follow`, fans[0]?.token ?? "")).body).toEqual({
			following: false,
		});
		expect((await call("GET", `/community/users/${coach.userId}`, null)).body.counts.followers).toBe(1);
		expect((await call("POST", `/community/users/${coach.userId}/follow`, coach.token)).status).toBe(400);
		expect((await call("GET", "/community/users/00000000-0000-4000-8000-000000000000", null)).status).toBe(404);
	});

	it("a public profile shows the level only when the player shows it", async () => {
		const hidden = await playerWithCard("不公开水平", { open: false, selfLevel: 4 });
		const shown = await playerWithCard("公开水平", { selfLevel: 2 });
		expect((await call("GET", `/community/users/${hidden.userId}`, null)).body.level).toBeNull();
		expect((await call("GET", `/community/users/${shown.userId}`, null)).body.level).toEqual({
			discipline: "chinese_8_ball",
			value: 2,
			source: "self",
		});
	});
});

describe("the pages and the demo", () => {
	it("the demo player finds the demo partners near 静安区 and reads the demo conversation; strangers get 404", async () => {
		await db().transaction((tx) => seedDemoAccounts(tx));
		// The seed's cost at each fresh start, printed for the record (never asserted: machines differ).
		const started = performance.now();
		expect(await seedDemoSocial()).toBeGreaterThan(0);
		console.info(`seedDemoSocial: ${Math.round(performance.now() - started)} ms on a fresh database`);
		// Seeded once: a second start adds nothing.
		expect(await seedDemoSocial()).toBe(0);
		const demoPlayer = await findUserByPhone("+8613800000001");
		if (!demoPlayer) throw new Error("no demo player");
		const { token } = await createSession(demoPlayer.id, { ip: "127.0.0.1", userAgent: "tests" });

		const finder = await pageGet(app, "/partners", token);
		expect(finder.status).toBe(200);
		expect(finder.html).toContain("陈晓东");
		expect(finder.html).toContain("刘雨桐");
		// Nine-ball's 孙浩然 is not in a Chinese 8-ball search; no coordinates in the page's data.
		expect(finder.html).not.toContain("孙浩然");
		expect(finder.html).not.toMatch(/31\.2\d{3}|121\.4\d{3}/);

		const inbox = await pageGet(app, "/messages", token);
		expect(inbox.html).toContain("孙浩然");
		const conversations = await call("GET", "/community/conversations", token);
		const conversationId = conversations.body.items[0]?.id;
		const thread = await pageGet(app, `/messages/${conversationId}`, token);
		expect(thread.status).toBe(200);
		expect(thread.html).toContain("周六晚上七点左右有空吗");
		expect(thread.html).toContain("请不要私下转账");
		const stranger = await signedInUser("偷看的人");
		expect((await pageGet(app, `/messages/${conversationId}`, stranger.token)).status).toBe(404);

		// A scam message from the page is refused beside the box, in Chinese, and nothing is sent.
		const refused = await pagePost(app, `/messages/${conversationId}`, token, { intent: "send", body: "加微信转账给你" });
		expect(refused.status).toBe(400);
		expect(refused.html).toContain("防骗提醒");
		const sent = await pagePost(app, `/messages/${conversationId}`, token, { intent: "send", body: "周六见！" });
		expect(sent.status).toBe(200);
		expect(
			(await call("GET", `/community/conversations/${conversationId}`, token)).body.conversation.messages.at(-1),
		).toMatchObject({
			body: "周六见！",
			mine: true,
		});

		const profile = await pageGet(app, `/u/${demoPlayer.id}`, stranger.token);
		expect(profile.status).toBe(200);
		expect(profile.html).toContain("王小明");
		expect(profile.html).not.toContain("13800000001");
		const followed = await pagePost(app, `/u/${demoPlayer.id}`, stranger.token, { intent: "follow" });
		expect(followed.status).toBe(302);
		expect((await call("GET", `/community/users/${demoPlayer.id}`, stranger.token)).body.following).toBe(true);
		expect((await pageGet(app, "/feed", token)).status).toBe(200);
		expect((await pageGet(app, "/partners/invitations", token)).html).toContain("孙浩然");
	});
});
