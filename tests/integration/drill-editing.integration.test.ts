import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { drills } from "../../db/schema";
import { apiCall, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The drill catalogue as staff edit it and coaches keep drills of their own, over HTTP: staff add,
 * change and retire catalogue drills (audited); a retired drill leaves the choices of new records
 * while an old record still shows it; a coach's own drill is seen by that coach and the players of
 * their records only; bad input is refused in the caller's language and writes nothing.
 */
let app: TestApp;
let adminToken = "";
let supportToken = "";
const call = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
	apiCall(app, method, path, token, body, headers);

const newDrill = (overrides: Record<string, unknown> = {}) => ({
	nameZh: "三角摆球直线练习",
	nameEn: "Triangle straight-in drill",
	discipline: "chinese_8_ball",
	skills: ["straight_shots", "stun"],
	scoring: "made_of_attempts",
	attempts: 10,
	difficulty: 2,
	setupZh: "目标球放在脚点，母球放在开球线中点，十杆直线定杆。",
	setupEn: "Object ball on the foot spot, cue ball mid-baulk; ten straight stun shots.",
	...overrides,
});

const idsOf = (answer: { body: { items: Array<{ id: string }> } }) => answer.body.items.map((drill) => drill.id);

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	adminToken = await staffSessionToken("13800000005");
	supportToken = await staffSessionToken("13800000004");
});
afterAll(async () => {
	await app.close();
});

describe("the back office's drill catalogue", () => {
	it("lets an admin add, change and retire a drill, each change audited", async () => {
		const created = await call("POST", "/admin/drills", adminToken, newDrill());
		expect(created.status, created.text).toBe(201);
		const id = created.body.drill.id as string;
		expect(created.body.drill).toMatchObject({
			name: { "zh-CN": "三角摆球直线练习", en: "Triangle straight-in drill" },
			scoring: { kind: "made_of_attempts", attempts: 10, ladderPositions: null },
			retiredAt: null,
		});
		expect(idsOf(await call("GET", "/drills?discipline=chinese_8_ball", null))).toContain(id);

		const ladder = newDrill({ nameZh: "阶梯长台", scoring: "ladder", attempts: undefined, ladderPositions: 8, difficulty: 4 });
		const changed = await call("PATCH", `/admin/drills/${id}`, adminToken, ladder);
		expect(changed.status, changed.text).toBe(200);
		expect(changed.body.drill).toMatchObject({
			name: { "zh-CN": "阶梯长台" },
			scoring: { kind: "ladder", attempts: 10, ladderPositions: 8 },
		});

		const retired = await call("POST", `/admin/drills/${id}/retire`, adminToken);
		expect(retired.status).toBe(200);
		expect(retired.body.drill.retiredAt).not.toBeNull();
		expect(idsOf(await call("GET", "/drills", null))).not.toContain(id);
		// Staff still see it, marked, in the back office's list.
		const listed = (await call("GET", "/admin/drills", adminToken)).body.items.find((drill: { id: string }) => drill.id === id);
		expect(listed.retiredAt).not.toBeNull();

		const audit = await call("GET", "/admin/audit", adminToken);
		const actions = (audit.body.entries as Array<{ action: string; targetId: string }>)
			.filter((entry) => entry.targetId === id)
			.map((entry) => entry.action);
		expect(actions.sort()).toEqual(["learning.drill.created", "learning.drill.retired", "learning.drill.updated"]);
	});

	it("is closed to support staff, coaches and players", async () => {
		const player = await signedInUser("路人球员");
		expect((await call("POST", "/admin/drills", supportToken, newDrill())).status).toBe(403);
		expect((await call("POST", "/admin/drills", player.token, newDrill())).status).toBe(403);
		expect((await call("GET", "/admin/drills", null)).status).toBe(401);
		expect((await pageGet(app, "/admin/drills", player.token)).status).toBe(403);
	});

	it("refuses bad input in the caller's language and writes nothing", async () => {
		const before = (await db().select().from(drills)).length;
		const bad: [Record<string, unknown>, string][] = [
			[newDrill({ nameZh: "  " }), "请填写此项。"],
			[newDrill({ skills: [] }), "请至少选择一项技术。"],
			[newDrill({ skills: ["juggling"] }), "没有这项技术。"],
			[newDrill({ difficulty: 9 }), "难度应为 1 到 5 的整数。"],
			[newDrill({ scoring: "ladder", attempts: undefined }), "阶梯级数应为 2 到 20 的整数。"],
			[newDrill({ discipline: "carom" }), "请选择项目"],
			[newDrill({ setupEn: "x".repeat(1001) }), "摆球说明最多 1000 个字。"],
		];
		for (const [body, message] of bad) {
			const answer = await call("POST", "/admin/drills", adminToken, body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
			expect(answer.text).toContain(message);
		}
		const english = await call("POST", "/admin/drills", adminToken, newDrill({ difficulty: 0 }), { "accept-language": "en" });
		expect(english.text).toContain("Difficulty must be a whole number from 1 to 5.");
		expect((await db().select().from(drills)).length).toBe(before);
		// A seeded drill changed with bad input keeps what it had.
		const seededRow = async () => (await db().select().from(drills).where(eq(drills.id, "c8-straight-stop")))[0];
		const kept = await seededRow();
		const seeded = await call("PATCH", "/admin/drills/c8-straight-stop", adminToken, newDrill({ nameEn: "" }));
		expect(seeded.status).toBe(400);
		expect(await seededRow()).toEqual(kept);
	});
});

describe("a retired drill and the lesson records", () => {
	it("leaves the record form's choices and new records, while an old record still shows it", async () => {
		const coach = await bookableCoach(`停用教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
		const player = await signedInUser("停用学员");
		const created = await call("POST", "/admin/drills", adminToken, newDrill({ nameZh: "即将停用的练习" }));
		const id = created.body.drill.id as string;
		const oldLesson = await completedLesson(coach, player);
		const record = { discipline: "chinese_8_ball", drills: [{ drillId: id, attempts: 10, made: 6 }] };
		expect((await call("PUT", `/bookings/${oldLesson}/lesson-record`, coach.token, record)).status).toBe(200);

		expect((await call("POST", `/admin/drills/${id}/retire`, adminToken)).status).toBe(200);

		const newLesson = await completedLesson(coach, player);
		const form = await pageGet(app, `/coach/orders/${newLesson}/record`, coach.token);
		expect(form.status).toBe(200);
		expect(form.html).not.toContain("即将停用的练习");
		const refused = await call("PUT", `/bookings/${newLesson}/lesson-record`, coach.token, record);
		expect(refused.status).toBe(400);
		expect(refused.text).toContain("这个训练项目已停用");

		const old = await call("GET", `/bookings/${oldLesson}/lesson-record`, player.token);
		expect(old.status).toBe(200);
		expect(old.body.record.drills[0]).toMatchObject({ drillId: id, made: 6, name: { "zh-CN": "即将停用的练习" } });
		// Its coach may still correct the old record within its 7 days.
		expect((await call("PUT", `/bookings/${oldLesson}/lesson-record`, coach.token, record)).status).toBe(200);
	});

	it("keeps what a used drill's counts mean: only its names and set-up may change", async () => {
		const coach = await bookableCoach(`计分教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
		const player = await signedInUser("计分学员");
		const id = (await call("POST", "/admin/drills", adminToken, newDrill())).body.drill.id as string;
		const lesson = await completedLesson(coach, player);
		await call("PUT", `/bookings/${lesson}/lesson-record`, coach.token, { drills: [{ drillId: id, attempts: 10, made: 5 }] });
		const harder = await call("PATCH", `/admin/drills/${id}`, adminToken, newDrill({ difficulty: 5 }));
		expect(harder.status).toBe(409);
		expect(harder.text).toContain("请停用它并新增一个项目");
		const renamed = await call("PATCH", `/admin/drills/${id}`, adminToken, newDrill({ nameEn: "Renamed straight-in drill" }));
		expect(renamed.status).toBe(200);
		expect(renamed.body.drill.name.en).toBe("Renamed straight-in drill");
	});
});

describe("a coach's own drills", () => {
	it("are seen by their coach and the players of their records, never by other coaches or strangers", async () => {
		const coach = await bookableCoach(`自有教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
		const other = await bookableCoach(`别的教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
		const player = await signedInUser("自有学员");
		const created = await call(
			"POST",
			"/coach/drills",
			coach.token,
			newDrill({ nameZh: "我的私房练习", discipline: "nine_ball" }),
		);
		expect(created.status, created.text).toBe(201);
		const id = created.body.drill.id as string;

		expect(idsOf(await call("GET", "/drills", coach.token))).toContain(id);
		expect(idsOf(await call("GET", "/coach/drills", coach.token))).toEqual([id]);
		expect(idsOf(await call("GET", "/drills", other.token))).not.toContain(id);
		expect(idsOf(await call("GET", "/drills", null))).not.toContain(id);
		expect(idsOf(await call("GET", "/coach/drills", other.token))).toEqual([]);
		expect((await call("GET", "/admin/drills", adminToken)).body.items.map((drill: { id: string }) => drill.id)).not.toContain(
			id,
		);

		// Another coach cannot change, retire or use it; a player who is no coach may not keep drills.
		expect((await call("PATCH", `/coach/drills/${id}`, other.token, newDrill({ nameZh: "抢来的" }))).status).toBe(404);
		expect((await call("POST", `/coach/drills/${id}/retire`, other.token)).status).toBe(404);
		expect((await call("PATCH", `/admin/drills/${id}`, adminToken, newDrill())).status).toBe(404);
		const stranger = await call("PATCH", `/coach/drills/${id}`, player.token, newDrill());
		expect(stranger.status).toBe(403);
		expect(stranger.text).toContain("审核通过后");
		const otherLesson = await completedLesson(other, player);
		const borrowed = await call("PUT", `/bookings/${otherLesson}/lesson-record`, other.token, {
			drills: [{ drillId: id, attempts: 10, made: 3 }],
		});
		expect(borrowed.status).toBe(400);
		const [row] = await db().select().from(drills).where(eq(drills.id, id));
		expect(row?.nameZh).toBe("我的私房练习");

		// Its own coach writes a record with it; the record's player sees it there.
		const lesson = await completedLesson(coach, player);
		const form = await pageGet(app, `/coach/orders/${lesson}/record`, coach.token);
		expect(form.html).toContain("我的私房练习");
		expect((await pageGet(app, `/coach/orders/${otherLesson}/record`, other.token)).html).not.toContain("我的私房练习");
		const saved = await call("PUT", `/bookings/${lesson}/lesson-record`, coach.token, {
			drills: [{ drillId: id, attempts: 10, made: 7 }],
		});
		expect(saved.status, saved.text).toBe(200);
		const seen = await call("GET", `/bookings/${lesson}/lesson-record`, player.token);
		expect(seen.body.record.drills[0].name["zh-CN"]).toBe("我的私房练习");

		const edited = await call(
			"PATCH",
			`/coach/drills/${id}`,
			coach.token,
			newDrill({ nameZh: "我的私房练习二", discipline: "nine_ball" }),
		);
		expect(edited.status).toBe(200);
		expect((await call("POST", `/coach/drills/${id}/retire`, coach.token)).status).toBe(200);
		expect(idsOf(await call("GET", "/drills", coach.token))).not.toContain(id);
	});
});

describe("the drill pages", () => {
	const formOf = (overrides: Record<string, string> = {}) => ({
		nameZh: "页面新增的练习",
		nameEn: "Drill added from the page",
		discipline: "snooker",
		skills: "long_shots",
		scoring: "ladder",
		attempts: "",
		ladderPositions: "6",
		difficulty: "3",
		setupZh: "蓝球点放目标球，母球在 D 区，按阶梯逐级后退。",
		setupEn: "Object ball on the blue spot, cue ball in the D; step back one position per make.",
		...overrides,
	});

	it("lets an admin add a drill from /admin/drills, refusing a bad form beside its field", async () => {
		const list = await pageGet(app, "/admin/drills", adminToken);
		expect(list.status).toBe(200);
		expect(list.html).toContain("训练项目库");
		expect(list.html).toContain("斯诺克");
		const before = (await db().select().from(drills)).length;
		const refused = await pagePost(app, "/admin/drills/new", adminToken, formOf({ difficulty: "7", nameZh: "" }));
		expect(refused.status).toBe(400);
		expect(refused.html).toContain("难度应为 1 到 5 的整数。");
		expect(refused.html).toContain("请填写此项。");
		expect((await db().select().from(drills)).length).toBe(before);
		const saved = await pagePost(app, "/admin/drills/new", adminToken, formOf());
		expect(saved.status).toBe(302);
		expect(saved.location).toBe("/admin/drills");
		const [row] = await db().select().from(drills).where(eq(drills.nameZh, "页面新增的练习"));
		expect(row).toMatchObject({ scoring: "ladder", attempts: 10, ladderPositions: 6, coachId: null });
	});

	it("shows a coach their own drills on /coach/drills and lets them add one", async () => {
		const coach = await bookableCoach(`页面教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
		const other = await bookableCoach(`旁观教练${Math.random().toString(36).slice(2, 6)}`, undefined, { allDay: true });
		const saved = await pagePost(app, "/coach/drills/new", coach.token, formOf({ nameZh: "教练页面的练习" }));
		expect(saved.status).toBe(302);
		expect((await pageGet(app, "/coach/drills", coach.token)).html).toContain("教练页面的练习");
		expect((await pageGet(app, "/coach/drills", other.token)).html).not.toContain("教练页面的练习");
		const [row] = await db().select().from(drills).where(eq(drills.nameZh, "教练页面的练习"));
		expect((await pageGet(app, `/coach/drills/${row?.id}`, other.token)).status).toBe(404);
		expect((await pageGet(app, `/coach/drills/${row?.id}`, coach.token)).status).toBe(200);
	});
});
