import { describe, expect, it } from "vitest";
import { cancellationOutcome } from "~/modules/booking/cancellation";
import { cancellationTerms } from "~/modules/coaches/offerings/cancellation-policies";

const startsAt = new Date("2026-12-10T06:00:00Z");
const hoursBefore = (hours: number) => new Date(startsAt.getTime() - hours * 3_600_000);
const minute = 1 / 60;
const outcome = (policy: keyof typeof cancellationTerms, hours: number, by: "player" | "coach" | "platform" = "player") =>
	cancellationOutcome({
		terms: cancellationTerms[policy],
		paidFen: 30_000,
		startsAt,
		cancelledAt: hoursBefore(hours),
		by,
		commissionBasisPoints: 1_000,
	});

describe("what a cancellation refunds", () => {
	it("strict: full at exactly 48 hours, half from a minute later down to exactly 24 hours, nothing after", () => {
		expect(outcome("strict", 48).tier).toBe("full");
		expect(outcome("strict", 48 - minute).tier).toBe("partial");
		expect(outcome("strict", 24)).toMatchObject({ tier: "partial", refundFen: 15_000 });
		expect(outcome("strict", 24 - minute)).toMatchObject({ tier: "none", refundFen: 0 });
	});

	it("moderate: full at exactly 24 hours, half until the start, nothing after it", () => {
		expect(outcome("moderate", 24)).toMatchObject({
			tier: "full",
			refundFen: 30_000,
			coachCompensationFen: 0,
			platformFeeFen: 0,
		});
		expect(outcome("moderate", 24 - minute)).toMatchObject({ tier: "partial", refundFen: 15_000 });
		expect(outcome("moderate", 0)).toMatchObject({ tier: "partial" });
		expect(outcome("moderate", -minute)).toMatchObject({ tier: "none", refundFen: 0 });
	});

	it("flexible: full at exactly 2 hours, half within them", () => {
		expect(outcome("flexible", 2).tier).toBe("full");
		expect(outcome("flexible", 2 - minute)).toMatchObject({ tier: "partial", refundFen: 15_000 });
		expect(outcome("flexible", -1).tier).toBe("none");
	});

	it("gives what the player does not get back to the coach, less the platform's commission, to the fen", () => {
		const late = outcome("strict", 1);
		expect(late).toEqual({
			tier: "none",
			refundFen: 0,
			coachCompensationFen: 27_000,
			platformFeeFen: 3_000,
			countsAgainstCoach: false,
		});
		const half = cancellationOutcome({
			terms: cancellationTerms.moderate,
			paidFen: 33_333,
			startsAt,
			cancelledAt: hoursBefore(3),
			by: "player",
			commissionBasisPoints: 1_000,
		});
		// Half a fen goes to the player; the parts always add up to what was paid.
		expect(half.refundFen).toBe(16_667);
		expect(half.refundFen + half.coachCompensationFen + half.platformFeeFen).toBe(33_333);
	});

	it("refunds in full when the coach cancels, at any time, and counts it against the coach", () => {
		for (const hours of [72, 1, -1]) {
			expect(outcome("strict", hours, "coach")).toMatchObject({ tier: "full", refundFen: 30_000, countsAgainstCoach: true });
		}
	});

	it("refunds in full when the back office cancels, without counting it against the coach", () => {
		expect(outcome("strict", 1, "platform")).toMatchObject({ tier: "full", refundFen: 30_000, countsAgainstCoach: false });
	});
});
