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

/** "199.5" → 19950. Returns null for anything that is not a plain non-negative amount. */
export function yuanToFen(input: string): number | null {
	const match = input.trim().match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
