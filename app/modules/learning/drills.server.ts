import { asc, eq, inArray } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { badRequest } from "~/lib/errors";
import { drills } from "../../../db/schema";
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

const present = (row: typeof drills.$inferSelect): Drill => ({
	id: row.id,
	discipline: row.discipline,
	name: { "zh-CN": row.nameZh, en: row.nameEn },
	skills: row.skills as Skill[],
	scoring: { kind: row.scoring, attempts: row.attempts, ladderPositions: row.ladderPositions },
	difficulty: row.difficulty,
	setup: { "zh-CN": row.setupZh, en: row.setupEn },
});

/** The catalogue, easiest first, for one discipline or all. */
export async function listDrills(discipline?: Discipline): Promise<Drill[]> {
	const rows = await db()
		.select()
		.from(drills)
		.where(discipline ? eq(drills.discipline, discipline) : undefined)
		.orderBy(asc(drills.discipline), asc(drills.difficulty), asc(drills.id));
	return rows.map(present);
}

/**
 * The drills named, every one of them known (else 400 naming the field), all of one discipline
 * when one is given.
 */
export async function knownDrills(
	ids: readonly { id: string; field: string }[],
	discipline: Discipline | undefined,
	tx: DbOrTx = db(),
): Promise<Map<string, Drill>> {
	const unique = [...new Set(ids.map((entry) => entry.id))];
	const rows = unique.length ? await tx.select().from(drills).where(inArray(drills.id, unique)) : [];
	const found = new Map(rows.map((row) => [row.id, present(row)]));
	for (const { id, field } of ids) {
		const drill = found.get(id);
		if (!drill) throw badRequest("learning.errors.unknownDrill", { [field]: "learning.errors.unknownDrill" });
		if (discipline && drill.discipline !== discipline) {
			throw badRequest("learning.errors.drillOfOtherDiscipline", { [field]: "learning.errors.drillOfOtherDiscipline" });
		}
	}
	return found;
}
