import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { completedLessonsBetween } from "~/modules/booking/completion/coached-lesson.server";
import { lessonRecords, practiceSessions } from "../../../../db/schema";
import { saveLessonRecord } from "../lesson-record.server";
import { logPractice } from "../practice.server";

const dayMs = 24 * 3600_000;

/**
 * Demo learning data: the demo coach (13800000002) has written the record of the demo player's
 * (13800000001) latest completed lesson with them, and the player has logged a few practice
 * sessions, so /me/progress shows rates, a chart and a plan on a fresh start. Through the learning
 * services; does nothing once the record or the sessions exist.
 */
export async function seedDemoLearning(now = new Date()): Promise<number> {
	const player = await findUserByPhone("+8613800000001");
	const coach = await findUserByPhone("+8613800000002");
	if (!player || !coach) return 0;
	let added = 0;
	const [lesson] = await completedLessonsBetween(coach.id, player.id);
	if (lesson) {
		const [written] = await db()
			.select({ id: lessonRecords.bookingId })
			.from(lessonRecords)
			.where(eq(lessonRecords.bookingId, lesson.bookingId));
		if (!written && now.getTime() - lesson.completedAt.getTime() < 7 * dayMs) {
			await saveLessonRecord({
				lesson,
				now: new Date(lesson.completedAt.getTime() + 30 * 60_000),
				record: {
					discipline: "chinese_8_ball",
					drills: [
						{ drillId: "c8-straight-stop", attempts: 10, made: 8 },
						{ drillId: "c8-draw-ladder", attempts: 10, made: 5, score: 3 },
					],
					shots: [
						{ skill: "straight_shots", attempts: 20, made: 16 },
						{ skill: "cut_shots", attempts: 24, made: 11 },
						{ skill: "long_shots", attempts: 14, made: 6 },
						{ skill: "position", attempts: 12, made: 7 },
					],
					errors: { missed_pot: 9, position_error: 6, foul: 1 },
					notes: "出杆后身体起得太早，长台切球偏薄。下次重点练低杆控制和长台切球。",
					homework: ["c8-cut-30", "c8-long-cut-ladder"],
				},
			});
			added++;
		}
	}
	const [practised] = await db()
		.select({ id: practiceSessions.id })
		.from(practiceSessions)
		.where(eq(practiceSessions.playerId, player.id))
		.limit(1);
	if (!practised) {
		const sessions = [
			{ daysAgo: 9, drillId: "c8-straight-stop", attempts: 10, made: 6 },
			{ daysAgo: 8, drillId: "c8-cut-30", attempts: 10, made: 4 },
			{ daysAgo: 6, drillId: "c8-long-straight", attempts: 10, made: 4 },
			{ daysAgo: 5, drillId: "c8-straight-stop", attempts: 10, made: 7 },
			{ daysAgo: 4, drillId: "c8-cut-30", attempts: 10, made: 5 },
			{ daysAgo: 3, drillId: "c8-long-straight", attempts: 10, made: 5 },
			{ daysAgo: 0, drillId: "c8-cut-30", attempts: 10, made: 6 },
		];
		for (const session of sessions) {
			await logPractice({
				playerId: player.id,
				now: new Date(now.getTime() - session.daysAgo * dayMs),
				practice: { drillId: session.drillId, attempts: session.attempts, made: session.made },
			});
			added++;
		}
	}
	return added;
}
