import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { learningTotals, lessonRecords, practiceSessions } from "../../db/schema";
import { apiCall } from "../support/api-client";
import { bookableCoach, bookedLesson, completedLesson, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Learning as a coach, a player and a stranger meet it over the API: the drill catalogue, the
 * lesson record only by the lesson's coach after completion, the practice log, and progress that
 * sums exactly what was recorded. Lessons are made in the past through the booking services.
 */
let app: TestApp;
const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const _hourMs = 3_600_000;
const _halfHour = 30 * 60_000;
type Coach = Awaited<ReturnType<typeof bookableCoach>>;
type Player = Awaited<ReturnType<typeof signedInUser>>;

const goodRecord = {
	drills: [{ drillId: "c8-straight-stop", attempts: 10, made: 7 }],
	shots: [
		{ skill: "cut_shots", attempts: 20, made: 9 },
		{ skill: "long_shots", attempts: 12, made: 5 },
		{ skill: "safety", attempts: 6, made: 4 },
	],
	errors: { missed_pot: 5, position_error: 3 },
	notes: "出杆偏右，注意架杆稳定。",
	homework: ["c8-draw-ladder"],
};

const progressOf = async (token: string, discipline = "chinese_8_ball") => {
	const answer = await call("GET", `/me/progress?discipline=${discipline}`, token);
	expect(answer.status, answer.text).toBe(200);
	return answer.body;
};

let coach: Coach;
let otherCoach: Coach;
let player: Player;

beforeAll(async () => {
	app = await startTestApp();
	coach = await bookableCoach("学习测试教练", undefined, { allDay: true });
	otherCoach = await bookableCoach("别的教练", undefined, { allDay: true });
	player = await signedInUser("学习测试球员");
});
afterAll(async () => {
	await app.close();
});

describe("the drill catalogue", () => {
	it("lists at least 12 drills for each discipline, with both names, skills and scoring", async () => {
		for (const discipline of ["chinese_8_ball", "nine_ball", "snooker"]) {
			const answer = await call("GET", `/drills?discipline=${discipline}`, null);
			expect(answer.status).toBe(200);
			expect(answer.body.items.length).toBeGreaterThanOrEqual(12);
			for (const drill of answer.body.items) {
				expect(drill.discipline).toBe(discipline);
				expect(drill.name["zh-CN"]).toBeTruthy();
				expect(drill.name.en).toBeTruthy();
				expect(drill.skills.length).toBeGreaterThan(0);
				expect(drill.setup["zh-CN"].length).toBeGreaterThan(20);
			}
			expect(answer.body.items.some((drill: { scoring: { kind: string } }) => drill.scoring.kind === "ladder")).toBe(true);
		}
	});

	it("refuses an unknown discipline in the user's language", async () => {
		const answer = await apiCall(app, "GET", "/drills?discipline=carom", null);
		expect(answer.status).toBe(400);
		expect(answer.text).toContain("请选择项目");
	});
});

describe("the lesson record", () => {
	it("is written by the lesson's coach after completion, seen by the player, and hidden from everyone else", async () => {
		const bookingId = await completedLesson(coach, player);
		const saved = await call("PUT", `/bookings/${bookingId}/lesson-record`, coach.token, goodRecord);
		expect(saved.status, saved.text).toBe(200);
		expect(saved.body.record.discipline).toBe("chinese_8_ball");
		expect(saved.body.record.homework[0].name["zh-CN"]).toBe("低杆阶梯");

		const seen = await call("GET", `/bookings/${bookingId}/lesson-record`, player.token);
		expect(seen.status).toBe(200);
		expect(seen.body.record.notes).toBe(goodRecord.notes);
		expect(seen.body.record.shots).toEqual(goodRecord.shots);

		// Another coach neither writes nor reads it, and learns nothing about the booking.
		expect((await call("GET", `/bookings/${bookingId}/lesson-record`, otherCoach.token)).status).toBe(404);
		expect((await call("PUT", `/bookings/${bookingId}/lesson-record`, otherCoach.token, goodRecord)).status).toBe(404);
		// The player cannot write their own record.
		expect((await call("PUT", `/bookings/${bookingId}/lesson-record`, player.token, goodRecord)).status).toBe(404);
		expect((await call("PUT", `/bookings/${bookingId}/lesson-record`, null, goodRecord)).status).toBe(401);
	});

	it("is refused before the lesson completed, and after its 7 days", async () => {
		const { id } = await bookedLesson(coach, player, 1);
		const early = await call("PUT", `/bookings/${id}/lesson-record`, coach.token, goodRecord);
		expect(early.status).toBe(409);
		expect(early.body.error.message).toBe("课程完成后才能填写上课记录。");

		const old = await completedLesson(coach, player, 9);
		const late = await call("PUT", `/bookings/${old}/lesson-record`, coach.token, goodRecord);
		expect(late.status).toBe(409);
		expect(late.body.error.message).toContain("7 天内");
		const records = await db().select().from(lessonRecords).where(eq(lessonRecords.bookingId, old));
		expect(records).toEqual([]);
	});

	it("refuses bad input clearly and saves nothing of it", async () => {
		const fresh = await signedInUser("坏输入球员");
		const bookingId = await completedLesson(coach, fresh);
		const bad: [unknown, string, string][] = [
			[{ ...goodRecord, shots: [{ skill: "cut_shots", attempts: 5, made: 6 }] }, "shots.0.made", "进球数不能多于出杆数。"],
			[{ ...goodRecord, shots: [{ skill: "cut_shots", attempts: -1, made: 0 }] }, "shots.0.attempts", "数量超出范围。"],
			[{ ...goodRecord, shots: [{ skill: "cut_shots", attempts: 100000, made: 1 }] }, "shots.0.attempts", "数量超出范围。"],
			[{ ...goodRecord, shots: [{ skill: "juggling", attempts: 5, made: 1 }] }, "shots.0.skill", "没有这项技术。"],
			[{ ...goodRecord, drills: [{ drillId: "no-such-drill", attempts: 10, made: 1 }] }, "drills.0.drillId", "没有这个练习。"],
			[{ ...goodRecord, homework: ["sn-line-up"] }, "homework.0", "这个练习不属于所选项目。"],
			[{ ...goodRecord, errors: { missed_pot: 1, sneezed: 2 } }, "errors", "没有这种失误类型。"],
		];
		for (const [body, field, message] of bad) {
			const answer = await call("PUT", `/bookings/${bookingId}/lesson-record`, coach.token, body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
			expect(answer.text, field).toContain(message);
		}
		const english = await apiCall(app, "PUT", `/bookings/${bookingId}/lesson-record`, coach.token, bad[0]?.[0], {
			"accept-language": "en",
		});
		expect(english.text).toContain("Makes cannot be more than attempts.");
		expect(await db().select().from(lessonRecords).where(eq(lessonRecords.bookingId, bookingId))).toEqual([]);
		expect(await db().select().from(learningTotals).where(eq(learningTotals.playerId, fresh.userId))).toEqual([]);
	});
});

describe("progress", () => {
	it("sums exactly what was recorded and logged, and an edited record replaces its numbers", async () => {
		const learner = await signedInUser("进步球员");
		const first = await completedLesson(coach, learner, 2);
		const second = await completedLesson(coach, learner, 1);
		expect((await call("PUT", `/bookings/${first}/lesson-record`, coach.token, goodRecord)).status).toBe(200);
		expect(
			(
				await call("PUT", `/bookings/${second}/lesson-record`, coach.token, {
					shots: [{ skill: "cut_shots", attempts: 15, made: 10 }],
					errors: { missed_pot: 2, foul: 1 },
					discipline: "chinese_8_ball",
				})
			).status,
		).toBe(200);
		const practice = await call("POST", "/me/practice", learner.token, { drillId: "c8-cut-30", attempts: 10, made: 6 });
		expect(practice.status, practice.text).toBe(201);

		let progress = await progressOf(learner.token);
		expect(progress.lessonsCompleted).toBe(2);
		expect(progress.hoursCompleted).toBe(2);
		// Pots: drill 7/10 (straight shots) + cuts 9/20 + long 5/12 + cuts 10/15 + practice cuts 6/10; safety is no pot.
		expect(progress.potRate).toEqual({ made: 7 + 9 + 5 + 10 + 6, attempted: 10 + 20 + 12 + 15 + 10 });
		const cuts = progress.skills.find((s: { skill: string }) => s.skill === "cut_shots");
		expect(cuts).toMatchObject({ made: 25, attempted: 45, enoughData: true });
		expect(cuts.lowerBound).toBeGreaterThan(0.4);
		expect(cuts.lowerBound).toBeLessThan(25 / 45);
		const safety = progress.skills.find((s: { skill: string }) => s.skill === "safety");
		expect(safety).toMatchObject({ made: 4, attempted: 6, enoughData: false, lowerBound: null });
		expect(progress.errors).toMatchObject({ missed_pot: 7, position_error: 3, foul: 1, failed_safety: 0 });

		// The coach corrects the second record: its old numbers leave the totals.
		await call("PUT", `/bookings/${second}/lesson-record`, coach.token, {
			shots: [{ skill: "cut_shots", attempts: 15, made: 8 }],
			errors: { missed_pot: 4 },
			discipline: "chinese_8_ball",
		});
		progress = await progressOf(learner.token);
		expect(progress.lessonsCompleted).toBe(2);
		expect(progress.potRate).toEqual({ made: 7 + 9 + 5 + 8 + 6, attempted: 67 });
		expect(progress.errors).toMatchObject({ missed_pot: 9, position_error: 3, foul: 0 });
		expect(progress.series.reduce((sum: number, day: { attempted: number }) => sum + day.attempted, 0)).toBe(67);

		// Nothing in another discipline, and another player sees only their own.
		expect((await progressOf(learner.token, "snooker")).potRate).toEqual({ made: 0, attempted: 0 });
		expect((await progressOf(otherCoach.token)).potRate).toEqual({ made: 0, attempted: 0 });
	});

	it("refuses a practice session with bad counts and keeps nothing of it", async () => {
		const learner = await signedInUser("练习球员");
		for (const [body, message] of [
			[{ drillId: "c8-cut-30", attempts: 10, made: 11 }, "进球数不能多于出杆数。"],
			[{ drillId: "c8-cut-30", attempts: 0, made: 0 }, "数量超出范围。"],
			[{ drillId: "nope", attempts: 10, made: 1 }, "没有这个练习。"],
			[{ drillId: "c8-draw-ladder", attempts: 10, made: 5, score: 9 }, "阶梯练习的成绩"],
		] as const) {
			const answer = await call("POST", "/me/practice", learner.token, body);
			expect(answer.status).toBe(400);
			expect(answer.text).toContain(message);
		}
		expect(await db().select().from(practiceSessions).where(eq(practiceSessions.playerId, learner.userId))).toEqual([]);
		expect((await progressOf(learner.token)).potRate).toEqual({ made: 0, attempted: 0 });
	});
});
