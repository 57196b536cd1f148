/** Money is integer fen (CNY); shown in yuan, with decimals only when there are any. */
export function formatFen(fen: number, locale: string): string {
	const yuan = fen / 100;
	return new Intl.NumberFormat(locale === "en" ? "en-US" : "zh-CN", {
		style: "currency",
		currency: "CNY",
		minimumFractionDigits: Number.isInteger(yuan) ? 0 : 2,
		maximumFractionDigits: 2,
	}).format(yuan);
}

/** "199.5" → 19950. Returns null for anything that is not a plain non-negative amount. */
export function yuanToFen(input: string): number | null {
	const match = input.trim().match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
