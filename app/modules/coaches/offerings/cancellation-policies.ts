/**
 * The cancellation presets a coach picks from, as numbers the booking module's refund function
 * reads (the policy in force is copied onto each booking). For a player's cancellation:
 * - at least `fullRefundHours` before the start: everything back;
 * - later, but at least `partialRefundHours` before: `partialRefundPercent` back;
 * - later still: nothing back.
 * A coach who cancels always refunds in full.
 */
export const cancellationPolicies = ["flexible", "moderate", "strict"] as const;
export type CancellationPolicy = (typeof cancellationPolicies)[number];

export interface CancellationTerms {
	fullRefundHours: number;
	partialRefundHours: number;
	partialRefundPercent: number;
}

export const cancellationTerms: Record<CancellationPolicy, CancellationTerms> = {
	flexible: { fullRefundHours: 2, partialRefundHours: 0, partialRefundPercent: 50 },
	moderate: { fullRefundHours: 24, partialRefundHours: 0, partialRefundPercent: 50 },
	strict: { fullRefundHours: 48, partialRefundHours: 24, partialRefundPercent: 50 },
};
