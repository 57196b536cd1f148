import { and, eq, gt, inArray, or } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { findUserById } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookings } from "../../../db/schema";
import { tellBookingParties } from "./booking-news.server";
import { transition } from "./booking-record.server";

/**
 * When an account is suspended or deleted, its future bookings, as a player and as a coach, are
 * cancelled by the platform with a full refund, and the other side is told. Reads the account's
 * current status, so a late delivery after a reinstatement cancels nothing.
 */
export async function cancelBookingsOfClosedAccount(userId: string, tx: Transaction, now = new Date()): Promise<number> {
	const account = await findUserById(userId, tx);
	if (!account || account.status === "active") return 0;
	const coach = await findCoachOfUser(userId, tx);
	const involved = coach ? or(eq(bookings.playerId, userId), eq(bookings.coachId, coach.id)) : eq(bookings.playerId, userId);
	const future = await tx
		.select()
		.from(bookings)
		.where(
			and(
				involved,
				inArray(bookings.status, ["pending_payment", "pending_confirmation", "confirmed"]),
				gt(bookings.startsAt, now),
			),
		)
		.for("update");
	for (const booking of future) {
		const cancelled = await transition(
			tx,
			booking,
			"cancel",
			{ actor: "platform", actorId: null },
			{ cancelledBy: "platform", cancelReason: "account_closed", refundFen: booking.paidFen },
			{ reason: "account_closed", refundFen: booking.paidFen },
		);
		// The other side hears of it; the closed account does not.
		await tellBookingParties(tx, cancelled, "cancelled", { skipUserId: userId });
	}
	return future.length;
}
