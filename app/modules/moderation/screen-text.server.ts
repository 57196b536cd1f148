import type { WordAction } from "./categories";
import { listedWordsWithActions } from "./word-matcher.server";

export interface Screening {
	/** The strongest action any hit asks for: block beats hold beats replace. */
	action: WordAction | "none";
	/** Every listed word hit, as staff listed it. */
	words: string[];
	/** The words of block categories (what the refusal names). */
	blockedWords: string[];
	/** The texts with replace-category words starred out (the others as given). */
	texts: string[];
}

const strength: Record<WordAction | "none", number> = { none: 0, replace: 1, hold: 2, block: 3 };

const filler = "[\\p{P}\\p{S}\\p{Z}\\p{C}\\s]*";

/** One character of a listed word, also met in full width or the other case, as the matcher folds them. */
function characterPattern(char: string): string {
	if (!/[a-z0-9]/i.test(char)) return char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
	const variants = new Set([char.toLowerCase(), char.toUpperCase()]);
	for (const variant of [...variants]) variants.add(String.fromCharCode(variant.charCodeAt(0) + 0xfee0));
	return `[${[...variants].join("")}]`;
}

/** Stars out a word in the author's own text, with whatever spaces or marks they put between its characters. */
function starOut(text: string, normalized: string): string {
	const pattern = new RegExp([...normalized].map(characterPattern).join(filler), "gu");
	return text.replace(pattern, (match) => "*".repeat([...match].length));
}

/**
 * Screens community texts (a post's title and body, a comment) against the word list by each
 * category's action: a block word refuses the text, a hold word sends it to a moderator, a
 * replace word is starred out and the text goes on. Reviews keep `forbiddenWordsIn` (every hit holds).
 */
export async function screenText(texts: string[]): Promise<Screening> {
	const hits = await listedWordsWithActions(texts);
	let action: Screening["action"] = "none";
	for (const hit of hits) if (strength[hit.action] > strength[action]) action = hit.action;
	const replaced = hits.filter((hit) => hit.action === "replace");
	return {
		action,
		words: hits.map((hit) => hit.word),
		blockedWords: hits.filter((hit) => hit.action === "block").map((hit) => hit.word),
		texts: texts.map((text) => replaced.reduce((current, hit) => starOut(current, hit.normalized), text)),
	};
}
