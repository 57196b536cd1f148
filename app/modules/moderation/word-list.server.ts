import { asc, eq, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { moderationWordList, moderationWords } from "../../../db/schema";
import type { WordCategory } from "./categories";
import { normalizeForMatching } from "./normalize";
import type { WordInput } from "./schema";
import { forgetCheckedVersion } from "./word-matcher.server";

export interface ListedWord {
	id: string;
	word: string;
	category: WordCategory;
	/** Who added it (null for the starter list shipped with the product). */
	addedBy: { id: string; displayName: string } | null;
	createdAt: string;
}

/** The forbidden-word list as staff see it: by category, then word. */
export async function listWords(): Promise<ListedWord[]> {
	const rows = await db().select().from(moderationWords).orderBy(asc(moderationWords.category), asc(moderationWords.normalized));
	const names = await displayNamesOf([...new Set(rows.flatMap((row) => (row.addedBy ? [row.addedBy] : [])))]);
	return rows.map((row) => ({
		id: row.id,
		word: row.word,
		category: row.category,
		addedBy: row.addedBy ? { id: row.addedBy, displayName: names.get(row.addedBy) ?? "" } : null,
		createdAt: row.createdAt.toISOString(),
	}));
}

/** Every change raises the list's version in its transaction, which is how other instances learn to rebuild. */
async function bumpVersion(tx: DbOrTx): Promise<void> {
	await tx
		.insert(moderationWordList)
		.values({ id: 1, version: 1 })
		.onConflictDoUpdate({
			target: moderationWordList.id,
			set: { version: sql`${moderationWordList.version} + 1`, changedAt: sql`now()` },
		});
}

/** Staff add a word (refused with 409 when the list already holds it in its matching form); audited. */
export async function addWord(input: WordInput & { staffId: string }): Promise<ListedWord> {
	const normalized = normalizeForMatching(input.word);
	const row = await db().transaction(async (tx) => {
		const [added] = await tx
			.insert(moderationWords)
			.values({ word: input.word, normalized, category: input.category, addedBy: input.staffId })
			.onConflictDoNothing({ target: moderationWords.normalized })
			.returning();
		if (!added) throw new AppError(409, "already_listed", "moderation.errors.alreadyListed", { params: { word: input.word } });
		await bumpVersion(tx);
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "moderation.word.added",
			targetType: "moderation_word",
			targetId: added.id,
			detail: { word: added.word, category: added.category },
		});
		return added;
	});
	forgetCheckedVersion();
	const names = await displayNamesOf([input.staffId]);
	return {
		id: row.id,
		word: row.word,
		category: row.category,
		addedBy: { id: input.staffId, displayName: names.get(input.staffId) ?? "" },
		createdAt: row.createdAt.toISOString(),
	};
}

/** Staff remove a word; audited with the word, so the log says what left the list. */
export async function removeWord(input: { staffId: string; wordId: string; reason?: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const [removed] = await tx.delete(moderationWords).where(eq(moderationWords.id, input.wordId)).returning();
		if (!removed) throw notFound("moderation.errors.wordNotFound");
		await bumpVersion(tx);
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "moderation.word.removed",
			targetType: "moderation_word",
			targetId: removed.id,
			reason: input.reason ?? null,
			detail: { word: removed.word, category: removed.category },
		});
	});
	forgetCheckedVersion();
}
