import { desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { lessonRecords, practiceSessions } from "../../../db/schema";

/** The learning module's part of a user's data export: the coaches' records of their lessons, and their own practice log. */
export async function exportLearningPart(playerId: string) {
	const [records, practice] = await Promise.all([
		db()
			.select({
				bookingId: lessonRecords.bookingId,
				coachId: lessonRecords.coachId,
				discipline: lessonRecords.discipline,
				durationMinutes: lessonRecords.durationMinutes,
				lessonCompletedAt: lessonRecords.lessonCompletedAt,
				content: lessonRecords.content,
				notes: lessonRecords.notes,
			})
			.from(lessonRecords)
			.where(eq(lessonRecords.playerId, playerId))
			.orderBy(desc(lessonRecords.lessonCompletedAt)),
		db()
			.select({
				drillId: practiceSessions.drillId,
				discipline: practiceSessions.discipline,
				attempts: practiceSessions.attempts,
				made: practiceSessions.made,
				score: practiceSessions.score,
				practisedAt: practiceSessions.practisedAt,
			})
			.from(practiceSessions)
			.where(eq(practiceSessions.playerId, playerId))
			.orderBy(desc(practiceSessions.practisedAt)),
	]);
	return {
		lessonRecords: records.map((record) => ({ ...record, lessonCompletedAt: record.lessonCompletedAt.toISOString() })),
		practiceLog: practice.map((entry) => ({ ...entry, practisedAt: entry.practisedAt.toISOString() })),
	};
}
