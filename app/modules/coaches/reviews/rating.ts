/**
 * A coach's rating from the sums `coach_ratings` keeps. The Bayesian average shrinks the mean
 * toward a prior: (m·C + Σ stars) / (m + n), so 1 review of 5 stars (≈ 4.58 with C 4.5, m 5) does
 * not outrank 80 reviews averaging 4.9 (≈ 4.88). Unrated coaches get 0, so they sort last.
 */
export interface RatingSums {
	count: number;
	overallSum: number;
	attitudeSum: number;
	skillSum: number;
	serviceSum: number;
	stars: [number, number, number, number, number];
}

export interface RatingSummary {
	count: number;
	average: number | null;
	bayesian: number | null;
	aspects: { attitude: number | null; skill: number | null; service: number | null };
	/** How many reviews gave 1 … 5 stars, keyed by the star. */
	distribution: { "1": number; "2": number; "3": number; "4": number; "5": number };
}

export interface RatingPrior {
	mean: number;
	weight: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function bayesianAverage(count: number, overallSum: number, prior: RatingPrior): number {
	if (count === 0) return 0;
	return (prior.weight * prior.mean + overallSum) / (prior.weight + count);
}

export function summarizeRating(sums: RatingSums, prior: RatingPrior): RatingSummary {
	const mean = (sum: number) => (sums.count === 0 ? null : round2(sum / sums.count));
	const [one, two, three, four, five] = sums.stars;
	return {
		count: sums.count,
		average: mean(sums.overallSum),
		bayesian: sums.count === 0 ? null : round2(bayesianAverage(sums.count, sums.overallSum, prior)),
		aspects: { attitude: mean(sums.attitudeSum), skill: mean(sums.skillSum), service: mean(sums.serviceSum) },
		distribution: { "1": one, "2": two, "3": three, "4": four, "5": five },
	};
}

export const emptySums: RatingSums = {
	count: 0,
	overallSum: 0,
	attitudeSum: 0,
	skillSum: 0,
	serviceSum: 0,
	stars: [0, 0, 0, 0, 0],
};
