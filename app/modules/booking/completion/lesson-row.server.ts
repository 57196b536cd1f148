import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { bookings } from "../../../../db/schema";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the modules built on a lesson (reviews, learning records) are told of it: whose it is, its
 * state and length, when it completed. Undefined for an id that names no booking.
 */
export async function lessonRow(bookingId: string) {
	if (!uuid.test(bookingId)) return undefined;
	const [row] = await db()
		.select({
			id: bookings.id,
			coachId: bookings.coachId,
			playerId: bookings.playerId,
			status: bookings.status,
			durationMinutes: bookings.durationMinutes,
			completedAt: bookings.completedAt,
		})
		.from(bookings)
		.where(eq(bookings.id, bookingId))
		.limit(1);
	return row;
}
