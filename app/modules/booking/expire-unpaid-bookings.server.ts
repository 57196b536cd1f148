import { and, eq, lt } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { bookings } from "../../../db/schema";
import { tellBookingParties } from "./booking-news.server";
import { transition } from "./booking-record.server";

/**
 * The scheduled sweep: bookings left unpaid past their deadline expire and free their time, and the
 * player is told. Rows another worker (or a booking request) is handling are skipped, not waited for.
 */
export async function expireUnpaidBookings(now = new Date()): Promise<number> {
	return db().transaction(async (tx) => {
		const lapsed = await tx
			.select()
			.from(bookings)
			.where(and(eq(bookings.status, "pending_payment"), lt(bookings.payBy, now)))
			.limit(500)
			.for("update", { skipLocked: true });
		for (const booking of lapsed) {
			await tellBookingParties(tx, await transition(tx, booking, "expire", { actor: "system", actorId: null }), "expired");
		}
		return lapsed.length;
	});
}
