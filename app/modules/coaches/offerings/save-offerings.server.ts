import { and, eq, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { coaches, coachOfferings } from "../../../../db/schema";
import { lockOwnCoach } from "../application/coach-record.server";
import { refreshFreeDays } from "../search/refresh-free-days.server";
import { type OfferingsView, offeringsOf } from "./get-offerings.server";
import type { OfferingsUpdate } from "./schema";

/**
 * Replaces the caller's offerings and cancellation preset. Offerings left out are withdrawn
 * (kept inactive, since bookings may name them); the search columns `priceFromFen` and
 * `offersOnline` are recomputed in the same transaction, so search never sees a stale price.
 */
export async function saveOfferings(input: { userId: string; update: OfferingsUpdate }): Promise<OfferingsView> {
	return db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		if (coach.status === "suspended") throw new AppError(403, "forbidden", "coaching.errors.suspended");
		const now = new Date();
		await tx.update(coachOfferings).set({ active: false, updatedAt: now }).where(eq(coachOfferings.coachId, coach.id));
		if (input.update.offerings.length > 0) {
			await tx
				.insert(coachOfferings)
				.values(input.update.offerings.map((offering) => ({ coachId: coach.id, ...offering, active: true })))
				.onConflictDoUpdate({
					target: [coachOfferings.coachId, coachOfferings.courseType, coachOfferings.durationMinutes],
					set: {
						priceFen: sql`excluded.price_fen`,
						online: sql`excluded.online`,
						active: true,
						updatedAt: now,
					},
				});
		}
		const [summary] = await tx
			.select({
				priceFromFen: sql<number | null>`min(${coachOfferings.priceFen})::int`,
				offersOnline: sql<boolean>`coalesce(bool_or(${coachOfferings.online}), false)`,
			})
			.from(coachOfferings)
			.where(and(eq(coachOfferings.coachId, coach.id), eq(coachOfferings.active, true)));
		await tx
			.update(coaches)
			.set({
				cancellationPolicy: input.update.cancellationPolicy,
				priceFromFen: summary?.priceFromFen ?? null,
				offersOnline: summary?.offersOnline ?? false,
				updatedAt: now,
			})
			.where(eq(coaches.id, coach.id));
		// The shortest lesson decides which times count as free.
		await refreshFreeDays(coach.id, tx);
		return offeringsOf(coach.id, tx);
	});
}
