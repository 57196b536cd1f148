import { eq } from "drizzle-orm";
import { Mint } from "mint-filter";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { singleton } from "~/lib/singleton.server";
import { moderationWordList, moderationWords } from "../../../db/schema";
import { normalizeForMatching } from "./normalize";

interface BuiltMatcher {
	version: number;
	mint: Mint;
	/** Matching form → the word as staff listed it. */
	words: Map<string, string>;
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
	const rows = await db().select({ word: moderationWords.word, normalized: moderationWords.normalized }).from(moderationWords);
	return {
		version,
		mint: new Mint(rows.map((row) => row.normalized)),
		words: new Map(rows.map((row) => [row.normalized, row.word])),
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
