import type { CoachReliability } from "../../../../db/schema";

/** What a coach's card and profile may carry: two from the review's verification, one earned by lessons. */
export const coachBadges = ["real_name", "certificate", "preferred"] as const;
export type CoachBadge = (typeof coachBadges)[number];

/**
 * The 优选教练 bar (issue 11): enough lessons to judge, a rating that stays high after the
 * Bayesian shrink, no lesson the coach failed to show up for, almost no cancellations by the coach
 * and quick answers. Cancellations count against the requests of the last 90 days.
 */
export const preferredBar = {
	completedLessons: 20,
	bayesianRating: 4.8,
	maxCancellationRate: 0.05,
	minAnsweredWithin12hRate: 0.9,
} as const;

export function earnsPreferredBadge(reliability: CoachReliability, ratingBayesian: number): boolean {
	const cancellationRate = reliability.bookings90d === 0 ? 0 : reliability.coachCancellations / reliability.bookings90d;
	return (
		reliability.completedLessons >= preferredBar.completedLessons &&
		ratingBayesian >= preferredBar.bayesianRating &&
		reliability.coachNoShows === 0 &&
		cancellationRate < preferredBar.maxCancellationRate &&
		(reliability.answeredWithin12hRate ?? 0) >= preferredBar.minAnsweredWithin12hRate
	);
}
