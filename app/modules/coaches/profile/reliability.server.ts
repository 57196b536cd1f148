import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { type CoachReliability, coaches } from "../../../../db/schema";
import { earnsPreferredBadge } from "./preferred-badge";

/**
 * The booking module measures a coach's reliability from its bookings and hands the figures over
 * here (booking imports coaches, never the reverse); the profile, the API and search read them
 * from the coach's row, so no page computes them.
 */
export async function setCoachReliability(tx: DbOrTx, coachId: string, reliability: CoachReliability): Promise<void> {
	await tx.update(coaches).set({ reliability }).where(eq(coaches.id, coachId));
}

/**
 * The daily recomputation: the figures, and the 优选教练 badge given or taken by them and the
 * coach's own Bayesian rating. A coach who keeps the badge keeps the date they first earned it.
 */
export async function setCoachStanding(
	tx: Transaction,
	coachId: string,
	reliability: CoachReliability,
	now: Date,
): Promise<boolean> {
	const [coach] = await tx
		.select({ ratingBayesian: coaches.ratingBayesian, preferredSince: coaches.preferredSince })
		.from(coaches)
		.where(eq(coaches.id, coachId))
		.for("update")
		.limit(1);
	if (!coach) return false;
	const preferred = earnsPreferredBadge(reliability, coach.ratingBayesian);
	await tx
		.update(coaches)
		.set({ reliability, preferredSince: preferred ? (coach.preferredSince ?? now) : null })
		.where(eq(coaches.id, coachId));
	return preferred;
}

/** Approved coaches, a page at a time by id, for the daily recomputation. */
export async function approvedCoachIdsAfter(tx: DbOrTx, afterId: string | null, limit: number): Promise<string[]> {
	const rows = await tx
		.select({ id: coaches.id })
		.from(coaches)
		.where(and(inArray(coaches.status, ["approved"]), afterId ? gt(coaches.id, afterId) : undefined))
		.orderBy(coaches.id)
		.limit(limit);
	return rows.map((row) => row.id);
}

/** A coach who lost approval (suspended, erased) keeps no badge. */
export async function dropBadgesOfUnapproved(tx: DbOrTx): Promise<void> {
	await tx
		.update(coaches)
		.set({ preferredSince: null })
		.where(and(sql`${coaches.preferredSince} is not null`, sql`${coaches.status} <> 'approved'`));
}

/** What players and API clients read: under the minimum count the rates are null (数据不足), the counts stay. */
export interface PublicReliability {
	bookings90d: number;
	acceptanceRate: number | null;
	medianAnswerMinutes: number | null;
	coachCancellations: number;
	coachNoShows: number;
	enoughData: boolean;
}

export function publicReliabilityOf(reliability: CoachReliability | null): PublicReliability {
	const bookings90d = reliability?.bookings90d ?? 0;
	const enoughData = bookings90d >= settings().RELIABILITY_MIN_BOOKINGS;
	return {
		bookings90d,
		acceptanceRate: enoughData && reliability?.acceptanceRate != null ? Math.round(reliability.acceptanceRate * 100) / 100 : null,
		medianAnswerMinutes: enoughData ? (reliability?.medianAnswerMinutes ?? null) : null,
		coachCancellations: reliability?.coachCancellations ?? 0,
		coachNoShows: reliability?.coachNoShows ?? 0,
		enoughData,
	};
}
