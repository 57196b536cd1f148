import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { endingOf } from "~/modules/booking/payable.server";
import { incomeSettlements, payments } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { accountBalance, postJournal } from "../ledger/post-journal.server";
import { requestRefund } from "./request-refund.server";

/**
 * Reaction to `booking.cancelled`: the money paid for a lesson that will not happen is divided as
 * the booking's ending says — the refund goes back through the payments it came in by (the balance
 * first, then the deposit), the coach's compensation to the coach, the rest to the platform — so
 * the booking's escrow ends at zero. What is divided is what the escrow holds (the payments that
 * reached it), never more, so the books cannot be overdrawn by a booking paid some other way.
 * Runs once per event (the delivery's receipt), in its transaction.
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
	// The escrow is a liability: what it holds is its credit balance — less any tips it holds,
	// which are the coach's whatever became of the lesson (tips already settled left it).
	const [tips] = await tx
		.select({ kept: sql<string>`coalesce(sum(${payments.amountFen} - ${payments.refundedFen}), 0)` })
		.from(payments)
		.where(
			and(
				eq(payments.bookingId, bookingId),
				eq(payments.status, "succeeded"),
				eq(payments.purpose, "tip"),
				sql`not exists (select 1 from ${incomeSettlements} where ${incomeSettlements.paymentId} = ${payments.id})`,
			),
		);
	const held = -(await accountBalance(tx, "booking_escrow", bookingId)) - Number(tips?.kept ?? 0);
	if (held <= 0) return;
	const refundFen = Math.min(ending.refundFen, held);
	const coachCompensationFen = Math.min(ending.coachCompensationFen, held - refundFen);
	const platformFeeFen = held - refundFen - coachCompensationFen;
	let owed = refundFen;
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
			...entries(coachCompensationFen, {
				debit: { account: "booking_escrow", ref: bookingId },
				credit: { account: "coach_payable", ref: ending.coachId },
			}),
			...entries(platformFeeFen, {
				debit: { account: "booking_escrow", ref: bookingId },
				credit: { account: "platform_commission" },
			}),
		],
	});
}
