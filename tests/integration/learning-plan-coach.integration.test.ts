import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Issue 14 parts 5–7 over the API as a player, their coaches and a stranger coach meet them: the
 * plan's targets, course type and matching certified coaches; the skill level and its 暂定; the
 * peer comparison only from 20 players; a coach's students, teaching statistics and one student's
 * page, with what the student shares — and nothing at all for a coach they never booked.
 */
let app: TestApp;
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
type Player = Awaited<ReturnType<typeof signedInUser>>;

async function practise(player: Player, drillId: string, rounds: number, made: number) {
	for (let round = 0; round < rounds; round++) {
		const answer = await call("POST", "/me/practice", player.token, { drillId, attempts: 10, made });
		expect(answer.status, answer.text).toBe(201);
	}
}
const progressOf = async (player: Player, discipline = "chinese_8_ball") => {
	const answer = await call("GET", `/me/progress?discipline=${discipline}`, player.token);
	expect(answer.status, answer.text).toBe(200);
	return answer.body;
};

beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("the training plan", () => {
	it("names the two weakest skills with a target, the course type and certified coaches whose style matches", async () => {
		const technical = await bookableCoach("技术流教练", undefined, { styleTags: ["technical", "patient"] });
		const patientOnly = await bookableCoach("只耐心的教练", undefined, { styleTags: ["patient"] });
		const player = await signedInUser("练切球的球员");
		await practise(player, "c8-straight-stop", 4, 9); // straight 36/40
		await practise(player, "c8-cut-30", 4, 4); // cut 16/40
		await practise(player, "c8-long-straight", 4, 5); // long 20/40; average 72/120 = 60%

		const progress = await progressOf(player);
		expect(progress.plan.map((item: { skill: string }) => item.skill)).toEqual(["cut_shots", "long_shots"]);
		const [cut] = progress.plan;
		expect(cut.reason).toBe("切球命中率 40%（40 次），低于你的平均 60%");
		expect(cut.target).toBe(0.6);
		expect(cut.targetText).toBe("目标：命中率达到 60%");
		expect(cut.courseType).toBe("basic");
		const coachIds = cut.coaches.map((coach: { id: string }) => coach.id);
		expect(coachIds).toContain(technical.coachId);
		expect(coachIds).not.toContain(patientOnly.coachId);
	});
});

describe("the skill level", () => {
	it("comes from scored drills, says 暂定 under 10 of them, and none before the first", async () => {
		const player = await signedInUser("等级球员");
		expect((await progressOf(player)).level).toEqual({ level: null, scoredDrills: 0, provisional: true });
		await practise(player, "c8-cut-30", 3, 4); // difficulty 2 at 40%: 1.4 points each
		expect((await progressOf(player)).level).toEqual({ level: 2, scoredDrills: 3, provisional: true });
		await practise(player, "c8-straight-stop", 7, 9); // difficulty 1 at 90%: 0.9 each; (4.2 + 6.3) / 10 = 1.05
		expect((await progressOf(player)).level).toEqual({ level: 2, scoredDrills: 10, provisional: false });
	});

	it("moves with an edited lesson record, never counting the old version twice", async () => {
		const coach = await bookableCoach("改记录教练", undefined, { allDay: true });
		const player = await signedInUser("记录等级球员");
		const bookingId = await completedLesson(coach, player);
		const record = (made: number) => ({ drills: [{ drillId: "c8-thin-cut", attempts: 10, made }] });
		expect((await call("PUT", `/bookings/${bookingId}/lesson-record`, coach.token, record(2))).status).toBe(200);
		expect((await progressOf(player)).level).toEqual({ level: 4, scoredDrills: 1, provisional: true });
		expect((await call("PUT", `/bookings/${bookingId}/lesson-record`, coach.token, record(10))).status).toBe(200);
		expect((await progressOf(player)).level).toEqual({ level: 5, scoredDrills: 1, provisional: true });
	});
});

describe("the peer comparison", () => {
	it("stays hidden with 19 other players at the level and shows from the 20th", async () => {
		const me = await signedInUser("对比球员");
		await practise(me, "9b-straight-stop", 3, 7); // 70%, level 1
		const peers: Player[] = [];
		for (let i = 0; i < 20; i++) {
			const peer = await signedInUser(`同级球友${i}`);
			await practise(peer, "9b-straight-stop", 3, [5, 6, 8, 9][i % 4] as number);
			peers.push(peer);
			if (i === 18) expect((await progressOf(me, "nine_ball")).peers).toBeNull();
		}
		expect((await progressOf(me, "nine_ball")).peers).toEqual({ percentBelow: 50, peers: 20 });
	});
});

describe("the coach's side", () => {
	it("shows a coach their students, statistics and records, the shared progress only when allowed, and nothing to another coach", async () => {
		const coach = await bookableCoach("带学员教练", undefined, { allDay: true });
		const stranger = await bookableCoach("陌生教练", undefined, { allDay: true });
		const student = await signedInUser("被记录的学员");
		const first = await completedLesson(coach, student, 5);
		const latest = await completedLesson(coach, student, 2);
		const shots = (made: number) => ({
			discipline: "chinese_8_ball",
			shots: [{ skill: "cut_shots", attempts: 20, made }],
			notes: `切球 ${made}/20`,
		});
		expect((await call("PUT", `/bookings/${first}/lesson-record`, coach.token, shots(8))).status).toBe(200);
		expect((await call("PUT", `/bookings/${latest}/lesson-record`, coach.token, shots(12))).status).toBe(200);

		const list = await call("GET", "/coach/students", coach.token);
		expect(list.status, list.text).toBe(200);
		expect(list.body.stats).toEqual({
			students: 1,
			lessons: 2,
			recordsWritten: 2,
			potRateChange: { students: 1, averagePoints: 20 },
		});
		expect(list.body.students[0]).toMatchObject({
			playerId: student.userId,
			displayName: "被记录的学员",
			lessons: 2,
			records: 2,
		});

		const page = await call("GET", `/coach/students/${student.userId}`, coach.token);
		expect(page.status, page.text).toBe(200);
		expect(page.body.records.map((r: { notes: string }) => r.notes)).toEqual(["切球 12/20", "切球 8/20"]);
		expect(page.body.shared).toBeNull();

		// Another coach learns nothing, not even that the player exists; a player is not a coach.
		expect((await call("GET", `/coach/students/${student.userId}`, stranger.token)).status).toBe(404);
		expect((await call("GET", "/coach/students", stranger.token)).body.stats.students).toBe(0);
		expect((await call("GET", "/coach/students", student.token)).status).toBe(403);

		const bad = await call("PUT", "/me/learning-sharing", student.token, { shareWithCoaches: "yes" });
		expect(bad.status).toBe(400);
		expect(bad.text).toContain("请选择是否分享。");
		const shared = await call("PUT", "/me/learning-sharing", student.token, { shareWithCoaches: true });
		expect(shared.body.shareWithCoaches).toBe(true);
		const seen = await call("GET", `/coach/students/${student.userId}`, coach.token);
		expect(seen.body.shared.potRate).toEqual({ made: 20, attempted: 40 });
		expect(seen.body.shared.level.scoredDrills).toBe(0);
		expect((await call("GET", `/coach/students/${student.userId}`, stranger.token)).status).toBe(404);
	});
});

describe("the report link", () => {
	it("is unguessable, replaced by a new one, and stops on revoke", async () => {
		const player = await signedInUser("分享报告球员");
		const made = await call("POST", "/me/progress/report-link", player.token);
		expect(made.status).toBe(201);
		expect(made.body.path).toMatch(/^\/progress\/shared\/[A-Za-z0-9_-]{43}$/);
		expect((await call("GET", "/me/learning-sharing", player.token)).body.reportShared).toBe(true);
		const revoked = await call("DELETE", "/me/progress/report-link", player.token);
		expect(revoked.body.reportShared).toBe(false);
	});
});

describe("the pages", () => {
	it("show the player's level, plan and sharing, the coach's students and student page, and the report behind a revocable link", async () => {
		const coach = await bookableCoach("页面教练", undefined, { allDay: true });
		const stranger = await bookableCoach("页面陌生教练", undefined, { allDay: true });
		const player = await signedInUser("页面学员");
		const bookingId = await completedLesson(coach, player);
		const record = {
			drills: [{ drillId: "c8-cut-30", attempts: 10, made: 6 }],
			shots: [{ skill: "straight_shots", attempts: 30, made: 24 }],
			notes: "架杆要稳，出杆再慢一点。",
		};
		expect((await call("PUT", `/bookings/${bookingId}/lesson-record`, coach.token, record)).status).toBe(200);

		const progress = await pageGet(app, "/me/progress", player.token);
		expect(progress.status).toBe(200);
		expect(progress.html).toContain("技术等级");
		expect(progress.html).toContain("暂定");
		expect(progress.html).toContain("同级别球友满 20 人后才显示对比");

		const students = await pageGet(app, "/coach/students", coach.token);
		expect(students.status).toBe(200);
		expect(students.html).toContain("教学统计");
		expect(students.html).toContain(`/coach/students/${player.userId}`);
		const page = await pageGet(app, `/coach/students/${player.userId}`, coach.token);
		expect(page.status).toBe(200);
		expect(page.html).toContain("架杆要稳，出杆再慢一点。");
		expect(page.html).toContain("学员没有开启分享");
		expect((await pageGet(app, `/coach/students/${player.userId}`, stranger.token)).status).toBe(404);

		expect((await pagePost(app, "/me/progress", player.token, { intent: "share", shareWithCoaches: "on" })).status).toBe(302);
		const shared = await pageGet(app, `/coach/students/${player.userId}`, coach.token);
		expect(shared.html).not.toContain("学员没有开启分享");
		expect(shared.html).toContain("技术等级");
		expect((await pagePost(app, "/me/progress", player.token, { intent: "nonsense" })).status).toBe(400);

		const made = await pagePost(app, "/me/progress", player.token, { intent: "createLink" });
		expect(made.status).toBe(200);
		const path = made.html.match(/\/progress\/shared\/[A-Za-z0-9_-]{43}/)?.[0] as string;
		expect(path).toBeTruthy();
		const report = await pageGet(app, path);
		expect(report.status).toBe(200);
		expect(report.html).toContain("页面学员的台球进步报告");
		expect(report.html).toContain("练习成绩变化");
		expect((await pageGet(app, "/progress/shared/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
		expect((await pagePost(app, "/me/progress", player.token, { intent: "revokeLink" })).status).toBe(302);
		expect((await pageGet(app, path)).status).toBe(404);
	});
});
