import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { bookings } from "../../../db/schema";
import type { BookingStatus } from "./lifecycle";

/** A player has really booked a coach once the coach took the booking (confirmed, under way or done). */
const bookedStatuses: BookingStatus[] = ["confirmed", "in_progress", "completed"];

/** The coaches (coaches.id) the player has a confirmed or completed booking with. */
export async function coachIdsBookedBy(playerId: string, tx: DbOrTx): Promise<string[]> {
	const rows = await tx
		.selectDistinct({ coachId: bookings.coachId })
		.from(bookings)
		.where(and(eq(bookings.playerId, playerId), inArray(bookings.status, bookedStatuses)));
	return rows.map((row) => row.coachId);
}
