import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { db } from "~/lib/db.server";
import { moderationHits } from "../../../db/schema";
import type { SubjectKind } from "./categories";

/**
 * Keeps which listed words a subject's text hit at its latest check, in the caller's transaction
 * (a clean text clears an earlier hit), so staff see why an item waits.
 */
export async function recordHits(tx: DbOrTx, subject: { kind: SubjectKind; id: string }, words: string[]): Promise<void> {
	const where = and(eq(moderationHits.subjectKind, subject.kind), eq(moderationHits.subjectId, subject.id));
	if (words.length === 0) {
		await tx.delete(moderationHits).where(where);
		return;
	}
	await tx
		.insert(moderationHits)
		.values({ subjectKind: subject.kind, subjectId: subject.id, words })
		.onConflictDoUpdate({
			target: [moderationHits.subjectKind, moderationHits.subjectId],
			set: { words, checkedAt: new Date() },
		});
}

/** The words each of these subjects hit (subjects without a hit are absent). */
export async function hitsOf(kind: SubjectKind, ids: string[]): Promise<Map<string, string[]>> {
	if (ids.length === 0) return new Map();
	const rows = await db()
		.select({ id: moderationHits.subjectId, words: moderationHits.words })
		.from(moderationHits)
		.where(and(eq(moderationHits.subjectKind, kind), inArray(moderationHits.subjectId, ids)));
	return new Map(rows.map((row) => [row.id, row.words]));
}
