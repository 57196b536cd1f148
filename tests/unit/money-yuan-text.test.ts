import { describe, expect, it } from "vitest";
import { fenToYuan, yuanToFen } from "~/lib/money";

describe("yuan text ⇄ fen, exactly", () => {
	it("reads the amounts payment providers send", () => {
		expect(yuanToFen("12.50")).toBe(1250);
		expect(yuanToFen("0.01")).toBe(1);
		expect(yuanToFen("0.1")).toBe(10);
		expect(yuanToFen("199")).toBe(19_900);
		// Where floats go wrong: 0.29 * 100 = 28.999999999999996, 1.15 * 100 = 114.99999999999999.
		expect(yuanToFen("0.29")).toBe(29);
		expect(yuanToFen("1.15")).toBe(115);
		expect(yuanToFen("999999999999.99")).toBe(99_999_999_999_999);
	});

	it("refuses anything that is not a plain non-negative amount with at most two decimals", () => {
		for (const text of ["12.345", "-1", "1e3", "", " 1", "1 ", "1.", ".5", "+1", "1,000", "0x10", "¥1", "1.5.0", "NaN", "１"]) {
			expect(yuanToFen(text), JSON.stringify(text)).toBeNull();
		}
	});

	it("writes fen as yuan with two decimals", () => {
		expect(fenToYuan(1250)).toBe("12.50");
		expect(fenToYuan(1)).toBe("0.01");
		expect(fenToYuan(0)).toBe("0.00");
		expect(fenToYuan(19_900)).toBe("199.00");
		expect(fenToYuan(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
	});

	it("refuses fen that are not whole and non-negative", () => {
		for (const fen of [-1, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
			expect(() => fenToYuan(fen)).toThrow(RangeError);
		}
	});

	it("goes there and back without losing a fen", () => {
		for (let fen = 0; fen <= 100_000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
	});
});
