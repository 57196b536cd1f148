// Building an Intl.NumberFormat costs far more than using one (it was the top cost of rendering a
// page of coach cards), so each kind is made once.
const formats = new Map<string, Intl.NumberFormat>();

function formatOf(locale: string, whole: boolean): Intl.NumberFormat {
	const tag = locale === "en" ? "en-US" : "zh-CN";
	const key = `${tag} ${whole}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(tag, {
			style: "currency",
			currency: "CNY",
			// "¥", not "CN¥": every price here is in yuan, in either language.
			currencyDisplay: "narrowSymbol",
			minimumFractionDigits: whole ? 0 : 2,
			maximumFractionDigits: 2,
		});
		formats.set(key, format);
	}
	return format;
}

/** Money is integer fen (CNY); shown in yuan, with decimals only when there are any. */
export function formatFen(fen: number, locale: string): string {
	const yuan = fen / 100;
	return formatOf(locale, Number.isInteger(yuan)).format(yuan);
}

/**
 * "199.5" → 19950, "12.50" → 1250: yuan text (typed by people, or sent by payment providers) to
 * integer fen, by the digits alone, never through a float. Returns null for anything that is not a
 * plain non-negative amount with at most two decimals: "12.345", "-1", "1e3", "" and " 1" (callers
 * trim what people type; a provider's amount with spaces is not one we read).
 */
export function yuanToFen(input: string): number | null {
	const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(input);
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 1250 → "12.50", as payment providers expect amounts; throws for anything but whole, non-negative fen. */
export function fenToYuan(fen: number): string {
	if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
	const cents = fen % 100;
	// (fen - cents) / 100 is exact; fen / 100 rounded down is not for the largest safe integers.
	return `${(fen - cents) / 100}.${String(cents).padStart(2, "0")}`;
}
