import { asc, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { completedLessonsOfCoach, playerBookedCoach } from "~/modules/booking/completion/coached-lesson.server";
import { lessonRecords, users } from "../../../db/schema";
import { type Drill, drillsForHistory } from "./drills.server";
import type { StoredRecordContent } from "./lesson-record.server";
import { readProgress } from "./progress.server";
import { readSharing } from "./sharing.server";
import { potting } from "./totals.server";
import type { Discipline } from "./vocabulary";

type RecordRow = typeof lessonRecords.$inferSelect;

/** The pots of one record (shots by skill and drill rounds, pots only, as the totals count them). */
function potsOf(content: StoredRecordContent, drills: Map<string, Drill>) {
	let made = 0;
	let attempted = 0;
	for (const shot of content.shots) {
		if (potting.has(shot.skill)) {
			made += shot.made;
			attempted += shot.attempts;
		}
	}
	for (const entry of content.drills) {
		const skill = drills.get(entry.drillId)?.skills[0];
		if (skill && potting.has(skill)) {
			made += entry.made;
			attempted += entry.attempts;
		}
	}
	return { made, attempted };
}

/** This coach's records, oldest first: a coach reads only the records of lessons they gave. */
async function recordsOfCoach(coachId: string, playerId?: string): Promise<RecordRow[]> {
	const rows = await db()
		.select()
		.from(lessonRecords)
		.where(eq(lessonRecords.coachId, coachId))
		.orderBy(asc(lessonRecords.lessonCompletedAt));
	return playerId ? rows.filter((row) => row.playerId === playerId) : rows;
}

const catalogue = async (coachId: string) => new Map((await drillsForHistory({ coachId })).map((drill) => [drill.id, drill]));

/**
 * The coach's students and teaching statistics: students and lessons (completed), records
 * written, and how students' pot rates moved between their first and latest recorded lesson with
 * this coach — only students with two such lessons count, and n says how many.
 */
export async function coachStudents(coachId: string) {
	const lessons = await completedLessonsOfCoach(coachId);
	const records = await recordsOfCoach(coachId);
	const drills = await catalogue(coachId);
	const playerIds = [...new Set(lessons.map((lesson) => lesson.playerId))];
	const names = playerIds.length
		? new Map(
				(await db().select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, playerIds))).map(
					(row) => [row.id, row.name],
				),
			)
		: new Map<string, string>();
	const students = playerIds.map((playerId) => {
		const own = records.filter((row) => row.playerId === playerId);
		const rated = own.map((row) => potsOf(row.content as StoredRecordContent, drills)).filter((pots) => pots.attempted > 0);
		const first = rated[0];
		const latest = rated.length > 1 ? rated[rated.length - 1] : undefined;
		const theirLessons = lessons.filter((lesson) => lesson.playerId === playerId);
		return {
			playerId,
			displayName: names.get(playerId) ?? "",
			lessons: theirLessons.length,
			records: own.length,
			lastLessonAt: theirLessons[theirLessons.length - 1]?.completedAt ?? null,
			firstPotRate: first ?? null,
			latestPotRate: latest ?? null,
		};
	});
	const moved = students.filter((s) => s.firstPotRate && s.latestPotRate);
	const change =
		moved.length > 0
			? moved.reduce(
					(sum, s) =>
						sum +
						((s.latestPotRate?.made ?? 0) / (s.latestPotRate?.attempted ?? 1) -
							(s.firstPotRate?.made ?? 0) / (s.firstPotRate?.attempted ?? 1)),
					0,
				) / moved.length
			: null;
	return {
		stats: {
			students: playerIds.length,
			lessons: lessons.length,
			recordsWritten: records.length,
			potRateChange: { students: moved.length, averagePoints: change === null ? null : Math.round(change * 1000) / 10 },
		},
		students: students.sort((a, b) => (b.lastLessonAt?.getTime() ?? 0) - (a.lastLessonAt?.getTime() ?? 0)),
	};
}
export type CoachStudents = Awaited<ReturnType<typeof coachStudents>>;

/**
 * One student as their coach sees them: the records of this coach's lessons (notes, homework,
 * pot rate per lesson) and, only when the player switched sharing on, their whole progress and
 * skill level. 404 for a player who never booked this coach, so a coach cannot probe for players.
 */
export async function coachStudent(input: { coachId: string; playerId: string; locale: Locale }) {
	const { coachId, playerId } = input;
	if (!(await playerBookedCoach(coachId, playerId))) throw notFound("learning.errors.noStudent");
	const [player] = await db().select({ name: users.displayName }).from(users).where(eq(users.id, playerId));
	const lessons = await completedLessonsOfCoach(coachId, playerId);
	const records = await recordsOfCoach(coachId, playerId);
	const drills = await catalogue(coachId);
	const named = (id: string) => ({ drillId: id, name: drills.get(id)?.name ?? { "zh-CN": id, en: id } });
	const sharing = await readSharing(playerId);
	const discipline: Discipline = records[records.length - 1]?.discipline ?? "chinese_8_ball";
	return {
		playerId,
		displayName: player?.name ?? "",
		lessons: lessons.length,
		records: records
			.map((row) => {
				const content = row.content as StoredRecordContent;
				return {
					bookingId: row.bookingId,
					discipline: row.discipline,
					completedAt: row.lessonCompletedAt,
					potRate: potsOf(content, drills),
					drills: content.drills.map((entry) => ({
						...named(entry.drillId),
						attempts: entry.attempts,
						made: entry.made,
						score: entry.score ?? null,
					})),
					shots: content.shots,
					errors: content.errors,
					notes: row.notes,
					homework: content.homework.map(named),
				};
			})
			.reverse(),
		shared: sharing.shareWithCoaches ? await readProgress({ playerId, discipline, locale: input.locale }) : null,
	};
}
export type CoachStudent = Awaited<ReturnType<typeof coachStudent>>;
