import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { badRequest } from "~/lib/errors";
import { drills, lessonRecords } from "../../../db/schema";
import type { Discipline, Skill } from "./vocabulary";

export type Drill = {
	id: string;
	discipline: Discipline;
	name: { "zh-CN": string; en: string };
	skills: Skill[];
	scoring: { kind: "made_of_attempts" | "ladder"; attempts: number; ladderPositions: number | null };
	difficulty: number;
	setup: { "zh-CN": string; en: string };
};

/** A drill as its editors see it: whose it is and whether it is retired. */
export type EditableDrill = Drill & { coachId: string | null; retiredAt: string | null; updatedAt: string };

const present = (row: typeof drills.$inferSelect): Drill => ({
	id: row.id,
	discipline: row.discipline,
	name: { "zh-CN": row.nameZh, en: row.nameEn },
	skills: row.skills as Skill[],
	scoring: { kind: row.scoring, attempts: row.attempts, ladderPositions: row.ladderPositions },
	difficulty: row.difficulty,
	setup: { "zh-CN": row.setupZh, en: row.setupEn },
});

export const presentEditable = (row: typeof drills.$inferSelect): EditableDrill => ({
	...present(row),
	coachId: row.coachId,
	retiredAt: row.retiredAt?.toISOString() ?? null,
	updatedAt: row.updatedAt.toISOString(),
});

const order = [asc(drills.discipline), asc(drills.difficulty), asc(drills.id)];
const platformOr = (coachIds: readonly string[]): SQL | undefined =>
	coachIds.length ? or(isNull(drills.coachId), inArray(drills.coachId, [...coachIds])) : isNull(drills.coachId);

/**
 * The drills one can choose for a new record, practice or plan, easiest first: the platform's
 * catalogue, plus a coach's own drills when `viewer.coachId` is given (never another coach's);
 * retired drills are left out.
 */
export async function listDrills(discipline?: Discipline, viewer: { coachId?: string | null } = {}): Promise<Drill[]> {
	const rows = await db()
		.select()
		.from(drills)
		.where(
			and(
				discipline ? eq(drills.discipline, discipline) : undefined,
				isNull(drills.retiredAt),
				platformOr(viewer.coachId ? [viewer.coachId] : []),
			),
		)
		.orderBy(...order);
	return rows.map(present);
}

/**
 * Every drill a history may name, retired ones included, to show names of old records: the
 * platform's, plus those of one coach (their own pages) or of the coaches who recorded a
 * player's lessons (the player's pages).
 */
export async function drillsForHistory(viewer: { coachId?: string; playerId?: string }): Promise<Drill[]> {
	const coachIds = viewer.coachId ? [viewer.coachId] : [];
	if (viewer.playerId) {
		const rows = await db()
			.selectDistinct({ coachId: lessonRecords.coachId })
			.from(lessonRecords)
			.where(eq(lessonRecords.playerId, viewer.playerId));
		coachIds.push(...rows.map((row) => row.coachId));
	}
	const rows = await db()
		.select()
		.from(drills)
		.where(platformOr(coachIds))
		.orderBy(...order);
	return rows.map(present);
}

/**
 * The drills named, every one of them known (else 400 naming the field), all of one discipline
 * when one is given. With `usableBy`, each must also be one a new entry may name: not retired
 * (unless listed in `keep`, drills an edited record already held) and the platform's or that
 * coach's own; another coach's drill reads as unknown, so its existence is not told.
 */
export async function knownDrills(
	ids: readonly { id: string; field: string }[],
	discipline: Discipline | undefined,
	options: { tx?: DbOrTx; usableBy?: { coachId: string | null }; keep?: ReadonlySet<string> } = {},
): Promise<Map<string, Drill>> {
	const tx = options.tx ?? db();
	const unique = [...new Set(ids.map((entry) => entry.id))];
	const rows = unique.length ? await tx.select().from(drills).where(inArray(drills.id, unique)) : [];
	const byId = new Map(rows.map((row) => [row.id, row]));
	const found = new Map(rows.map((row) => [row.id, present(row)]));
	for (const { id, field } of ids) {
		const row = byId.get(id);
		const usable = options.usableBy;
		if (!row || (usable && row.coachId !== null && row.coachId !== usable.coachId)) {
			throw badRequest("learning.errors.unknownDrill", { [field]: "learning.errors.unknownDrill" });
		}
		if (usable && row.retiredAt && !options.keep?.has(id)) {
			throw badRequest("learning.errors.drillRetired", { [field]: "learning.errors.drillRetired" });
		}
		if (discipline && row.discipline !== discipline) {
			throw badRequest("learning.errors.drillOfOtherDiscipline", { [field]: "learning.errors.drillOfOtherDiscipline" });
		}
	}
	return found;
}

/** Whether any lesson record or practice session counted shots of the drill (its scoring is then fixed). */
export async function drillIsInUse(drillId: string, tx: DbOrTx = db()): Promise<boolean> {
	const result = await tx.execute<{ used: boolean }>(sql`
		select exists (select 1 from practice_sessions where drill_id = ${drillId})
			or exists (select 1 from lesson_records where content->'drills' @> ${JSON.stringify([{ drillId }])}::jsonb) as used`);
	return Boolean(result.rows[0]?.used);
}
