import { describe, expect, it } from "vitest";
import { releaseKeyOf, splitLessonIncome } from "~/modules/payments/income/split";

const terms = { commissionBps: 1500, venueShareBps: 0, atVenue: false };

describe("dividing a lesson's money at completion", () => {
	it.each([
		// 1 fen cannot be split: the coach's 0.85 fen rounds down to nothing, the platform keeps it.
		[1, 0, 1],
		[100, 85, 15],
		[101, 85, 16],
		[19_999, 16_999, 3_000],
		[20_000, 17_000, 3_000],
	])("%i fen: %i to the coach, %i to the platform", (grossFen, coachFen, commissionFen) => {
		expect(splitLessonIncome(grossFen, terms)).toEqual({ coachFen, venueFen: 0, commissionFen });
	});

	it("gives a venue its share only for a lesson held at one, and the parts always add up", () => {
		const atVenue = splitLessonIncome(10_001, { commissionBps: 1500, venueShareBps: 1000, atVenue: true });
		expect(atVenue).toEqual({ coachFen: 7_500, venueFen: 1_000, commissionFen: 1_501 });
		expect(splitLessonIncome(10_001, { commissionBps: 1500, venueShareBps: 1000, atVenue: false }).venueFen).toBe(0);
	});

	it("refuses amounts that are not whole fen", () => {
		expect(() => splitLessonIncome(100.5, terms)).toThrow();
		expect(() => splitLessonIncome(-1, terms)).toThrow();
	});

	it("names each release after its settlement", () => {
		expect(releaseKeyOf("settlement:b1")).toBe("release:b1");
		expect(releaseKeyOf("tip-settlement:p1")).toBe("release:tip:p1");
	});
});
