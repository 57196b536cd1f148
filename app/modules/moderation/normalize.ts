/**
 * What the forbidden-word matcher compares: full-width letters and digits folded to half-width
 * (NFKC), lower case, and every space, punctuation mark, symbol and invisible character removed,
 * so "加 微 信", "加·微·信" and "ＳＢ" meet the listed "加微信" and "sb". Listed words are normalised
 * the same way when they are saved, so both sides always agree.
 */
const filler = /[\p{P}\p{S}\p{Z}\p{C}\s]/gu;

export function normalizeForMatching(text: string): string {
	return text.normalize("NFKC").toLowerCase().replace(filler, "");
}
