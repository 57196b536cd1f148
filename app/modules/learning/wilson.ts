import { enoughAttempts } from "./vocabulary";

/**
 * The Wilson score interval's lower bound for `made` of `attempted` at 95% (z = 1.96): the rate
 * the player is at least at, with the sample size taken into account, so 3 of 3 does not rank
 * above 60 of 70. Zero attempts give 0.
 */
export function wilsonLowerBound(made: number, attempted: number, z = 1.96): number {
	if (attempted <= 0) return 0;
	const p = made / attempted;
	const z2 = z * z;
	const centre = p + z2 / (2 * attempted);
	const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * attempted)) / attempted);
	return Math.max(0, (centre - margin) / (1 + z2 / attempted));
}

/** A rate as the progress page shows it: the numbers always, the bound only with enough attempts. */
export function skillRate(made: number, attempted: number) {
	const enoughData = attempted >= enoughAttempts;
	return {
		made,
		attempted,
		rate: attempted > 0 ? made / attempted : null,
		lowerBound: enoughData ? Math.round(wilsonLowerBound(made, attempted) * 1000) / 1000 : null,
		enoughData,
	};
}
