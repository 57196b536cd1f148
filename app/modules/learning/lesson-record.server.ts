import { eq, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, badRequest } from "~/lib/errors";
import type { CoachedLesson } from "~/modules/booking/completion/coached-lesson.server";
import { lessonRecords } from "../../../db/schema";
import { type Drill, knownDrills } from "./drills.server";
import type { LessonRecordInput } from "./schema";
import { roundPoints } from "./skill-level";
import { applyContribution, type Contribution } from "./totals.server";
import type { Discipline, ErrorType, Skill } from "./vocabulary";

/** How long after the lesson completed its coach may still write or change the record. */
export const recordEditableDays = 7;
const dayMs = 24 * 3600_000;

export interface StoredRecordContent {
	drills: { drillId: string; attempts: number; made: number; score?: number }[];
	shots: { skill: Skill; attempts: number; made: number }[];
	errors: Partial<Record<ErrorType, number>>;
	homework: string[];
}

function contributionOf(
	record: { playerId: string; discipline: Discipline; durationMinutes: number; lessonCompletedAt: Date },
	content: StoredRecordContent,
	drills: Map<string, Drill>,
): Contribution {
	const drillShots = content.drills.flatMap((entry) => {
		const skill = drills.get(entry.drillId)?.skills[0];
		return skill ? [{ skill, attempts: entry.attempts, made: entry.made }] : [];
	});
	return {
		playerId: record.playerId,
		discipline: record.discipline,
		day: record.lessonCompletedAt,
		lessons: 1,
		minutes: record.durationMinutes,
		shots: [...content.shots, ...drillShots],
		errors: content.errors,
		drillRounds: content.drills.flatMap((entry) => {
			const drill = drills.get(entry.drillId);
			return drill
				? [roundPoints({ ...entry, difficulty: drill.difficulty, ladderPositions: drill.scoring.ladderPositions })]
				: [];
		}),
	};
}

/**
 * Writes (or rewrites) the coach's record of a completed lesson, within 7 days of completion. The
 * drills must be known and of one discipline; the player's totals move by the difference between
 * the old record and the new one in the same transaction, so a refused save changes nothing.
 */
export async function saveLessonRecord(input: { lesson: CoachedLesson; record: LessonRecordInput; now?: Date }) {
	const now = input.now ?? new Date();
	const { lesson, record } = input;
	if (now.getTime() > lesson.completedAt.getTime() + recordEditableDays * dayMs) {
		throw new AppError(409, "conflict", "learning.errors.recordLocked", { params: { days: recordEditableDays } });
	}
	const named = [
		...record.drills.map((entry, index) => ({ id: entry.drillId, field: `drills.${index}.drillId` })),
		...record.homework.map((id, index) => ({ id, field: `homework.${index}` })),
	];
	// A drill retired after the lesson stays valid in the record that already held it.
	const [before] = await db()
		.select({ content: lessonRecords.content })
		.from(lessonRecords)
		.where(eq(lessonRecords.bookingId, lesson.bookingId));
	const held = before?.content as StoredRecordContent | undefined;
	const scope = {
		usableBy: { coachId: lesson.coachId },
		keep: new Set([...(held?.drills.map((entry) => entry.drillId) ?? []), ...(held?.homework ?? [])]),
	};
	const drills = await knownDrills(named, record.discipline, scope);
	const discipline = record.discipline ?? drills.get(named[0]?.id ?? "")?.discipline;
	if (!discipline) throw badRequest("learning.errors.disciplineNeeded", { discipline: "learning.errors.disciplineNeeded" });
	if (!record.discipline) await knownDrills(named, discipline, scope);
	record.drills.forEach((entry, index) => {
		const top = drills.get(entry.drillId)?.scoring.ladderPositions ?? null;
		if (entry.score !== undefined && top !== null && (entry.score < 1 || entry.score > top)) {
			throw badRequest("learning.errors.ladderScore", { [`drills.${index}.score`]: "learning.errors.ladderScore" });
		}
	});
	const content: StoredRecordContent = {
		drills: record.drills,
		shots: record.shots.filter((shot) => shot.attempts > 0),
		errors: Object.fromEntries(Object.entries(record.errors).filter(([, n]) => (n ?? 0) > 0)),
		homework: [...new Set(record.homework)],
	};
	return db().transaction(async (tx) => {
		// One writer per booking at a time: two saves of one record must not both count.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lesson.bookingId}, 727014))`);
		const [previous] = await tx.select().from(lessonRecords).where(eq(lessonRecords.bookingId, lesson.bookingId)).for("update");
		if (previous) {
			const old = previous.content as StoredRecordContent;
			const oldDrills = await knownDrills(
				old.drills.map((entry) => ({ id: entry.drillId, field: "drills" })),
				undefined,
				{ tx },
			);
			await applyContribution(tx, contributionOf(previous, old, oldDrills), -1);
		}
		const row = {
			bookingId: lesson.bookingId,
			coachId: lesson.coachId,
			playerId: lesson.playerId,
			discipline,
			durationMinutes: lesson.durationMinutes,
			lessonCompletedAt: lesson.completedAt,
			content,
			notes: record.notes || null,
			updatedAt: now,
		};
		await tx
			.insert(lessonRecords)
			.values({ ...row, createdAt: now })
			.onConflictDoUpdate({ target: lessonRecords.bookingId, set: row });
		await applyContribution(tx, contributionOf(row, content, drills), 1);
		return { bookingId: lesson.bookingId, discipline, created: !previous, editableUntil: editableUntil(lesson.completedAt) };
	});
}

const editableUntil = (completedAt: Date) => new Date(completedAt.getTime() + recordEditableDays * dayMs);

export type LessonRecordView = Awaited<ReturnType<typeof readLessonRecord>>;

/** The record of a booking with its drills' names, or null when none is written (the caller checked who may see it). */
export async function readLessonRecord(bookingId: string, now = new Date()) {
	const [row] = await db().select().from(lessonRecords).where(eq(lessonRecords.bookingId, bookingId)).limit(1);
	if (!row) return null;
	const content = row.content as StoredRecordContent;
	const drills = await knownDrills(
		[...content.drills.map((entry) => entry.drillId), ...content.homework].map((id) => ({ id, field: "drills" })),
		undefined,
	);
	const until = editableUntil(row.lessonCompletedAt);
	return {
		bookingId: row.bookingId,
		discipline: row.discipline,
		drills: content.drills.map((entry) => ({ ...entry, score: entry.score ?? null, drill: drills.get(entry.drillId) as Drill })),
		shots: content.shots,
		errors: content.errors,
		notes: row.notes,
		homework: content.homework.map((id) => drills.get(id) as Drill),
		updatedAt: row.updatedAt,
		editableUntil: until,
		editable: now.getTime() <= until.getTime(),
	};
}
