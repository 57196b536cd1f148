/**
 * The one CSV writer: what Excel opens in Chinese — UTF-8 with a byte-order mark, CRLF lines,
 * every field quoted. A text cell that begins like a formula (`=`, `+`, `-`, `@`, a tab or a
 * carriage return) is prefixed with an apostrophe, so a name such as "-2+3" or "=HYPERLINK(…)"
 * is shown as typed and never runs as a formula. Numbers, and text that is exactly a decimal
 * number such as "-12.50" (a signed amount), are written as they are: a number is not a formula.
 */
export function csvOf(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
	return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

function csvField(value: string | number): string {
	const text = typeof value === "number" || plainNumber.test(value) || !formulaStart.test(value) ? String(value) : `'${value}`;
	return `"${text.replaceAll('"', '""')}"`;
}
