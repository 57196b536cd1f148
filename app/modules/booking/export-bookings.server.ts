import { desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { bookings } from "../../../db/schema";

/**
 * The booking module's part of a user's data export: the bookings they made as a player, with the
 * coach's id (the export adds the coach's public name); never another player's bookings.
 */
export async function exportPlayerBookings(playerId: string) {
	const rows = await db()
		.select({
			id: bookings.id,
			coachId: bookings.coachId,
			status: bookings.status,
			courseType: bookings.courseType,
			durationMinutes: bookings.durationMinutes,
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			locationKind: bookings.locationKind,
			placeName: bookings.placeName,
			note: bookings.note,
			priceFen: bookings.priceFen,
			paidFen: bookings.paidFen,
			refundFen: bookings.refundFen,
			cancelledBy: bookings.cancelledBy,
			cancelReason: bookings.cancelReason,
			createdAt: bookings.createdAt,
			completedAt: bookings.completedAt,
		})
		.from(bookings)
		.where(eq(bookings.playerId, playerId))
		.orderBy(desc(bookings.startsAt));
	return rows.map((row) => ({
		...row,
		startsAt: row.startsAt.toISOString(),
		endsAt: row.endsAt.toISOString(),
		createdAt: row.createdAt.toISOString(),
		completedAt: row.completedAt?.toISOString() ?? null,
	}));
}
