import { eq, sql } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { coaches, coachRatings } from "../../../../db/schema";
import { bayesianAverage, emptySums, type RatingPrior, type RatingSummary, type RatingSums, summarizeRating } from "./rating";

export const ratingPrior = (): RatingPrior => ({ mean: settings().REVIEW_PRIOR_MEAN, weight: settings().REVIEW_PRIOR_WEIGHT });

/** The stars of one review, as they count in a coach's rating. */
export interface CountedStars {
	overall: number;
	attitude: number;
	skill: number;
	service: number;
}

/**
 * Adds (sign 1) or removes (sign -1) one published review's stars, in the caller's transaction:
 * the sums by increment (the row locked by the update, so concurrent reviews of one coach add up),
 * then the coach's average, count and Bayesian average for search from the new sums.
 */
export async function countInRating(tx: Transaction, coachId: string, stars: CountedStars, sign: 1 | -1): Promise<void> {
	const star = (n: number) => (stars.overall === n ? sign : 0);
	const [row] = await tx
		.insert(coachRatings)
		.values({ coachId })
		.onConflictDoUpdate({ target: coachRatings.coachId, set: { updatedAt: sql`now()` } })
		.returning({ coachId: coachRatings.coachId });
	if (!row) return;
	const [sums] = await tx
		.update(coachRatings)
		.set({
			count: sql`${coachRatings.count} + ${sign}`,
			overallSum: sql`${coachRatings.overallSum} + ${sign * stars.overall}`,
			attitudeSum: sql`${coachRatings.attitudeSum} + ${sign * stars.attitude}`,
			skillSum: sql`${coachRatings.skillSum} + ${sign * stars.skill}`,
			serviceSum: sql`${coachRatings.serviceSum} + ${sign * stars.service}`,
			stars1: sql`${coachRatings.stars1} + ${star(1)}`,
			stars2: sql`${coachRatings.stars2} + ${star(2)}`,
			stars3: sql`${coachRatings.stars3} + ${star(3)}`,
			stars4: sql`${coachRatings.stars4} + ${star(4)}`,
			stars5: sql`${coachRatings.stars5} + ${star(5)}`,
			updatedAt: sql`now()`,
		})
		.where(eq(coachRatings.coachId, coachId))
		.returning();
	if (!sums) return;
	await tx
		.update(coaches)
		.set({
			ratingCount: sums.count,
			ratingAverage: sums.count === 0 ? null : sums.overallSum / sums.count,
			ratingBayesian: bayesianAverage(sums.count, sums.overallSum, ratingPrior()),
		})
		.where(eq(coaches.id, coachId));
}

export async function ratingSumsOf(coachId: string, tx: DbOrTx): Promise<RatingSums> {
	const [row] = await tx.select().from(coachRatings).where(eq(coachRatings.coachId, coachId)).limit(1);
	if (!row) return emptySums;
	return {
		count: row.count,
		overallSum: row.overallSum,
		attitudeSum: row.attitudeSum,
		skillSum: row.skillSum,
		serviceSum: row.serviceSum,
		stars: [row.stars1, row.stars2, row.stars3, row.stars4, row.stars5],
	};
}

export async function ratingSummaryOf(coachId: string, tx: DbOrTx): Promise<RatingSummary> {
	return summarizeRating(await ratingSumsOf(coachId, tx), ratingPrior());
}
