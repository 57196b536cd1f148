import { and, asc, eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coaches, coachOfferings } from "../../../../db/schema";
import type { CourseType } from "../catalog";
import type { CancellationPolicy } from "./cancellation-policies";

export interface OfferingsView {
	offerings: Array<{ id: string; courseType: CourseType; durationMinutes: number; priceFen: number; online: boolean }>;
	cancellationPolicy: CancellationPolicy;
	/** What search shows: the cheapest active offering, and whether any is online. */
	priceFromFen: number | null;
	offersOnline: boolean;
}

export async function offeringsOf(coachId: string, tx: DbOrTx = db()): Promise<OfferingsView> {
	const [coach] = await tx
		.select({
			cancellationPolicy: coaches.cancellationPolicy,
			priceFromFen: coaches.priceFromFen,
			offersOnline: coaches.offersOnline,
		})
		.from(coaches)
		.where(eq(coaches.id, coachId))
		.limit(1);
	if (!coach) throw notFound("coaching.errors.noApplication");
	const rows = await tx
		.select()
		.from(coachOfferings)
		.where(and(eq(coachOfferings.coachId, coachId), eq(coachOfferings.active, true)))
		.orderBy(asc(coachOfferings.courseType), asc(coachOfferings.durationMinutes));
	return {
		offerings: rows.map((row) => ({
			id: row.id,
			courseType: row.courseType,
			durationMinutes: row.durationMinutes,
			priceFen: row.priceFen,
			online: row.online,
		})),
		...coach,
	};
}

/** The caller's own offerings; 404 before they have a coach record. */
export async function getMyOfferings(userId: string): Promise<OfferingsView> {
	const database = db();
	const [coach] = await database.select({ id: coaches.id }).from(coaches).where(eq(coaches.userId, userId)).limit(1);
	if (!coach) throw notFound("coaching.errors.noApplication");
	return offeringsOf(coach.id, database);
}
