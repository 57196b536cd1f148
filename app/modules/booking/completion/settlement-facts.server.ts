import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { bookingDisputes, bookings } from "../../../../db/schema";
import type { BookingStatus } from "../lifecycle";

/**
 * What income settlement may know of a booking's completion (payments reads, never writes): whose
 * lesson it was, where it stands, when it completed, and how a dispute about it was decided.
 */
export interface SettlementFacts {
	coachId: string;
	status: BookingStatus;
	completedAt: Date | null;
	dispute: { resolution: "for_coach" | "for_player" | null; resolvedAt: Date | null } | null;
}

export async function settlementFactsOf(bookingId: string, tx: DbOrTx): Promise<SettlementFacts | null> {
	const [row] = await tx
		.select({
			coachId: bookings.coachId,
			status: bookings.status,
			completedAt: bookings.completedAt,
			resolution: bookingDisputes.resolution,
			resolvedAt: bookingDisputes.resolvedAt,
			disputeId: bookingDisputes.id,
		})
		.from(bookings)
		.leftJoin(bookingDisputes, eq(bookingDisputes.bookingId, bookings.id))
		.where(eq(bookings.id, bookingId))
		.limit(1);
	if (!row) return null;
	return {
		coachId: row.coachId,
		status: row.status,
		completedAt: row.completedAt,
		dispute: row.disputeId ? { resolution: row.resolution, resolvedAt: row.resolvedAt } : null,
	};
}
