import type { CancellationTerms } from "~/modules/coaches/offerings/cancellation-policies";

/**
 * What a cancellation does with the money paid for a booking: one pure function of the policy in
 * force (copied onto the booking when it was made), the amount paid, who cancels and when. The
 * player sees its answer before confirming a cancellation, and the refund that follows is exactly it.
 *
 * - A coach who cancels refunds the player in full, and it counts against the coach's reliability.
 * - The back office cancelling refunds in full and counts against nobody.
 * - A player cancelling gets everything back at least `fullRefundHours` before the start, the
 *   partial percentage at least `partialRefundHours` before it, nothing later (or after the start).
 * What the player does not get back is the coach's compensation, less the platform's commission.
 */
export type Canceller = "player" | "coach" | "platform";
export type RefundTier = "full" | "partial" | "none";

export interface CancellationOutcome {
	tier: RefundTier;
	refundFen: number;
	coachCompensationFen: number;
	platformFeeFen: number;
	countsAgainstCoach: boolean;
}

export function cancellationOutcome(input: {
	terms: CancellationTerms;
	paidFen: number;
	startsAt: Date;
	cancelledAt: Date;
	by: Canceller;
	/** The platform's share of a coach's compensation, in basis points (1000 = 10%). */
	commissionBasisPoints: number;
}): CancellationOutcome {
	const tier = refundTier(input);
	const refundFen =
		tier === "full"
			? input.paidFen
			: tier === "partial"
				? // Half a fen goes to the player.
					Math.ceil((input.paidFen * input.terms.partialRefundPercent) / 100)
				: 0;
	const kept = input.paidFen - refundFen;
	const platformFeeFen = Math.floor((kept * input.commissionBasisPoints) / 10_000);
	return {
		tier,
		refundFen,
		coachCompensationFen: kept - platformFeeFen,
		platformFeeFen,
		countsAgainstCoach: input.by === "coach",
	};
}

function refundTier(input: { terms: CancellationTerms; startsAt: Date; cancelledAt: Date; by: Canceller }): RefundTier {
	if (input.by !== "player") return "full";
	const hoursBefore = (input.startsAt.getTime() - input.cancelledAt.getTime()) / 3_600_000;
	if (hoursBefore < 0) return "none";
	if (hoursBefore >= input.terms.fullRefundHours) return "full";
	if (hoursBefore >= input.terms.partialRefundHours) return "partial";
	return "none";
}
