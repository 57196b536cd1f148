import { and, desc, eq, inArray } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { endingOf } from "~/modules/booking/payable.server";
import { payments } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { requestRefund } from "./request-refund.server";

/**
 * Reaction to `booking.cancelled`: the money paid for a lesson that will not happen is divided as
 * the booking's ending says — the refund goes back through the payments it came in by (the balance
 * first, then the deposit), the coach's compensation to the coach, the rest to the platform — so
 * the booking's escrow ends at zero. Runs once per event (the delivery's receipt), in its transaction.
 */
export async function settleEndedBooking(bookingId: string, tx: Transaction): Promise<void> {
	const ending = await endingOf(bookingId, tx);
	if (!ending) return;
	const paid = await tx
		.select()
		.from(payments)
		.where(
			and(
				eq(payments.bookingId, bookingId),
				eq(payments.status, "succeeded"),
				inArray(payments.purpose, ["deposit", "full", "balance"]),
			),
		)
		.orderBy(desc(payments.succeededAt))
		.for("update");
	let owed = ending.refundFen;
	for (const payment of paid) {
		const amountFen = Math.min(owed, payment.amountFen - payment.refundedFen);
		if (amountFen <= 0) continue;
		await requestRefund(tx, { paymentId: payment.id, amountFen, reason: "cancellation", requestedBy: null });
		owed -= amountFen;
	}
	await postJournal(tx, {
		idempotencyKey: `booking-ended:${bookingId}`,
		kind: "cancellation_split",
		bookingId,
		lines: [
			...entries(ending.coachCompensationFen, {
				debit: { account: "booking_escrow", ref: bookingId },
				credit: { account: "coach_payable", ref: ending.coachId },
			}),
			...entries(ending.platformFeeFen, {
				debit: { account: "booking_escrow", ref: bookingId },
				credit: { account: "platform_commission" },
			}),
		],
	});
}
