import { eq } from "drizzle-orm";
import { Mint } from "mint-filter";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { singleton } from "~/lib/singleton.server";
import { moderationCategoryActions, moderationWordList, moderationWords } from "../../../db/schema";
import type { WordAction, WordCategory } from "./categories";
import { normalizeForMatching } from "./normalize";

interface BuiltMatcher {
	version: number;
	mint: Mint;
	/** Matching form → the word as staff listed it. */
	words: Map<string, string>;
	/** Matching form → what a hit does to a community text (its category's action). */
	actions: Map<string, WordAction>;
}

/**
 * One matcher per process (shared by the Express server and the React Router bundle through
 * `singleton`), built from the list once and rebuilt only when the list's version in the database
 * differs. Other instances learn of a change by reading that version at most once every
 * MODERATION_WORDS_RECHECK_MS, so a change reaches every instance within that time for the price
 * of one tiny read; the instance that made the change rebuilds at once.
 */
const state = () => singleton("moderation.wordMatcher", () => ({ built: null as BuiltMatcher | null, checkedAt: 0 }));

async function currentVersion(): Promise<number> {
	const [row] = await db()
		.select({ version: moderationWordList.version })
		.from(moderationWordList)
		.where(eq(moderationWordList.id, 1));
	return row?.version ?? 0;
}

async function build(version: number): Promise<BuiltMatcher> {
	const [rows, categoryActions] = await Promise.all([
		db()
			.select({ word: moderationWords.word, normalized: moderationWords.normalized, category: moderationWords.category })
			.from(moderationWords),
		db().select().from(moderationCategoryActions),
	]);
	const actionOf = new Map<WordCategory, WordAction>(categoryActions.map((row) => [row.category, row.action]));
	return {
		version,
		mint: new Mint(rows.map((row) => row.normalized)),
		words: new Map(rows.map((row) => [row.normalized, row.word])),
		// A category without an action holds, as every hit did before categories had actions.
		actions: new Map(rows.map((row) => [row.normalized, actionOf.get(row.category) ?? "hold"])),
	};
}

async function matcher(): Promise<BuiltMatcher> {
	const current = state();
	const now = Date.now();
	if (current.built && now - current.checkedAt < settings().MODERATION_WORDS_RECHECK_MS) return current.built;
	const version = await currentVersion();
	current.checkedAt = now;
	if (!current.built || current.built.version !== version) current.built = await build(version);
	return current.built;
}

/** After this instance changed the list: check the version on the next screening instead of waiting. */
export function forgetCheckedVersion(): void {
	state().checkedAt = 0;
}

/**
 * The listed words the texts contain (as staff listed them, each once), after normalising the
 * texts: full-width to half-width, case, and spaces or punctuation put between the characters.
 */
export async function forbiddenWordsIn(texts: ReadonlyArray<string | null | undefined>): Promise<string[]> {
	const built = await matcher();
	const found = new Set<string>();
	for (const text of texts) {
		if (!text) continue;
		for (const hit of built.mint.filter(normalizeForMatching(text), { replace: false }).words) {
			found.add(built.words.get(hit) ?? hit);
		}
	}
	return [...found];
}

/** The listed words the texts contain, each with its category's action (matching form → action). */
export async function listedWordsWithActions(
	texts: ReadonlyArray<string | null | undefined>,
): Promise<Array<{ word: string; normalized: string; action: WordAction }>> {
	const built = await matcher();
	const found = new Map<string, { word: string; normalized: string; action: WordAction }>();
	for (const text of texts) {
		if (!text) continue;
		for (const hit of built.mint.filter(normalizeForMatching(text), { replace: false }).words) {
			found.set(hit, { word: built.words.get(hit) ?? hit, normalized: hit, action: built.actions.get(hit) ?? "hold" });
		}
	}
	return [...found.values()];
}
