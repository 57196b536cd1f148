import { describe, expect, it } from "vitest";
import { csvOf } from "~/lib/csv";
import { quarterReportCsv } from "~/modules/payments/income/statements.server";

/** The statements and the finance team's export are opened in Excel: a cell must never run as a formula. */
describe("csvOf", () => {
	const cells = (csv: string) => csv.replace("\uFEFF", "").trimEnd().split(",");

	it.each(["-2+3", "=1+1", "+86", "@SUM(A1)", "\t=1", "\r=1"])("writes the text %j as text, never as a formula", (text) => {
		expect(cells(csvOf([[text]]))).toEqual([`"'${text}"`]);
	});

	it("keeps signed amounts, numbers and ordinary names as they are", () => {
		expect(cells(csvOf([["-12.50", 3, "王教练", "a-b", '说"好"']]))).toEqual([
			'"-12.50"',
			'"3"',
			'"王教练"',
			'"a-b"',
			'"说""好"""',
		]);
	});

	it("is UTF-8 with a byte-order mark and CRLF lines, for Excel", () => {
		expect(csvOf([["a"], ["b"]])).toBe('\uFEFF"a"\r\n"b"\r\n');
	});

	it("writes a coach named -2+3 in the finance team's quarter export as the name, with the amounts as numbers", () => {
		const csv = quarterReportCsv(
			[
				{
					coachId: "00000000-0000-4000-8000-000000000001",
					displayName: "-2+3",
					realName: "=王五",
					idNumberMasked: "110***1234",
					orderFen: 17_000,
					tipFen: 0,
					withdrawnFen: -5_000,
				},
			],
			"zh-CN",
		);
		const row = csv.trimEnd().split("\r\n")[1] ?? "";
		expect(row.split(",")).toEqual([
			'"00000000-0000-4000-8000-000000000001"',
			`"'-2+3"`,
			`"'=王五"`,
			'"110***1234"',
			'"170.00"',
			'"0.00"',
			'"170.00"',
			'"-50.00"',
		]);
	});
});
