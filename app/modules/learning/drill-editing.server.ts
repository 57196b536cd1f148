import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { drills } from "../../../db/schema";
import { type DrillInput, ladderShots } from "./drill-input";
import { drillIsInUse, type EditableDrill, presentEditable } from "./drills.server";

/**
 * Who edits: staff edit the platform's catalogue (every change audited), an approved coach edits
 * only their own drills. A drill of the other kind answers 404, like one that does not exist.
 */
export type DrillEditor = { kind: "staff"; staffId: string } | { kind: "coach"; coachId: string };

const ownerOf = (editor: DrillEditor) => (editor.kind === "coach" ? editor.coachId : null);
const ownedBy = (editor: DrillEditor) => (editor.kind === "coach" ? eq(drills.coachId, editor.coachId) : isNull(drills.coachId));

const columnsOf = (input: DrillInput) => ({
	discipline: input.discipline,
	nameZh: input.nameZh,
	nameEn: input.nameEn,
	skills: input.skills,
	scoring: input.scoring,
	attempts: input.scoring === "ladder" ? ladderShots : (input.attempts as number),
	ladderPositions: input.scoring === "ladder" ? (input.ladderPositions as number) : null,
	difficulty: input.difficulty,
	setupZh: input.setupZh,
	setupEn: input.setupEn,
});

async function audit(tx: DbOrTx, editor: DrillEditor, action: "created" | "updated" | "retired", drill: EditableDrill) {
	if (editor.kind !== "staff") return;
	await recordAudit(tx, {
		actorId: editor.staffId,
		action: `learning.drill.${action}`,
		targetType: "drill",
		targetId: drill.id,
		detail: { discipline: drill.discipline, nameZh: drill.name["zh-CN"], nameEn: drill.name.en },
	});
}

/** The drills an editor may change, retired ones included (marked), by discipline and difficulty. */
export async function listEditableDrills(editor: DrillEditor): Promise<EditableDrill[]> {
	const rows = await db()
		.select()
		.from(drills)
		.where(ownedBy(editor))
		.orderBy(asc(drills.discipline), asc(drills.difficulty), asc(drills.id));
	return rows.map(presentEditable);
}

export async function getEditableDrill(editor: DrillEditor, drillId: string): Promise<EditableDrill> {
	const [row] = await db()
		.select()
		.from(drills)
		.where(and(eq(drills.id, drillId), ownedBy(editor)));
	if (!row) throw notFound("learning.errors.unknownDrill");
	return presentEditable(row);
}

export async function createDrill(editor: DrillEditor, input: DrillInput): Promise<EditableDrill> {
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(drills)
			.values({ id: randomUUID(), ...columnsOf(input), coachId: ownerOf(editor) })
			.returning();
		const drill = presentEditable(row as typeof drills.$inferSelect);
		await audit(tx, editor, "created", drill);
		return drill;
	});
}

/**
 * Rewrites a drill. Once shots were counted with it, what those counts mean (discipline, skills,
 * scoring, difficulty) is fixed, because a record's totals are recomputed from the drill when it
 * is edited: only the names and set-up may change then (409 otherwise; retire it and add a new one).
 */
export async function updateDrill(editor: DrillEditor, drillId: string, input: DrillInput, now = new Date()) {
	return db().transaction(async (tx) => {
		const current = await lockOwnDrill(tx, editor, drillId);
		const next = columnsOf(input);
		const meaningChanged =
			next.discipline !== current.discipline ||
			next.scoring !== current.scoring ||
			next.attempts !== current.attempts ||
			next.ladderPositions !== current.ladderPositions ||
			next.difficulty !== current.difficulty ||
			next.skills.join() !== current.skills.join();
		if (meaningChanged && (await drillIsInUse(drillId, tx))) {
			throw new AppError(409, "drill_in_use", "learning.drillEditor.errors.inUse");
		}
		const [row] = await tx
			.update(drills)
			.set({ ...next, updatedAt: now })
			.where(eq(drills.id, drillId))
			.returning();
		const drill = presentEditable(row as typeof drills.$inferSelect);
		await audit(tx, editor, "updated", drill);
		return drill;
	});
}

/** The editor's own drill (the catalogue for staff, their own for a coach), locked for the change; 404 for any other. */
async function lockOwnDrill(tx: DbOrTx, editor: DrillEditor, drillId: string) {
	const [current] = await tx
		.select()
		.from(drills)
		.where(and(eq(drills.id, drillId), ownedBy(editor)))
		.for("update");
	if (!current) throw notFound("learning.errors.unknownDrill");
	return current;
}

/** Retires a drill: gone from new records, practice and plans; the row stays for the records that name it. */
export async function retireDrill(editor: DrillEditor, drillId: string, now = new Date()): Promise<EditableDrill> {
	return db().transaction(async (tx) => {
		const current = await lockOwnDrill(tx, editor, drillId);
		if (current.retiredAt) return presentEditable(current);
		const [row] = await tx.update(drills).set({ retiredAt: now, updatedAt: now }).where(eq(drills.id, drillId)).returning();
		const drill = presentEditable(row as typeof drills.$inferSelect);
		await audit(tx, editor, "retired", drill);
		return drill;
	});
}
