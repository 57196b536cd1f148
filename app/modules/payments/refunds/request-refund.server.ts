import { eq, sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { payments, refunds } from "../../../../db/schema";
import { sendJobIn } from "../../../../jobs/send-in";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { newProviderNumber } from "../out-trade-no";

export type RefundReason = "late_payment" | "cancellation" | "admin";

/**
 * Promises a refund of part or all of one succeeded payment, in the caller's transaction: the
 * refund row (its provider number is the provider's idempotency key), the ledger moving the money
 * from the booking's escrow to refunds payable, and the job that asks the provider until it
 * confirms. Refuses more than what is left of the payment.
 */
export async function requestRefund(
	tx: Transaction,
	input: { paymentId: string; amountFen: number; reason: RefundReason; requestedBy: string | null; note?: string },
): Promise<{ refundId: string }> {
	if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw new Error("refund amount must be positive fen");
	// Two refunds of one payment (an admin's and a cancellation's) take turns, so neither overshoots.
	const [payment] = await tx
		.update(payments)
		.set({ refundedFen: sql`${payments.refundedFen} + ${input.amountFen}`, updatedAt: new Date() })
		.where(
			sql`${payments.id} = ${input.paymentId} and ${payments.status} = 'succeeded' and ${payments.refundedFen} + ${input.amountFen} <= ${payments.amountFen}`,
		)
		.returning();
	if (!payment) throw new RefundRefused();
	const [refund] = await tx
		.insert(refunds)
		.values({
			paymentId: payment.id,
			bookingId: payment.bookingId,
			outRequestNo: newProviderNumber("R"),
			amountFen: input.amountFen,
			reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
			requestedBy: input.requestedBy,
		})
		.returning({ id: refunds.id });
	if (!refund) throw new Error("refund row not written");
	await postJournal(tx, {
		idempotencyKey: `refund:${refund.id}`,
		kind: "refund_promised",
		bookingId: payment.bookingId,
		paymentId: payment.id,
		refundId: refund.id,
		lines: entries(input.amountFen, {
			debit: { account: "booking_escrow", ref: payment.bookingId },
			credit: { account: "refunds_payable", ref: payment.method },
		}),
	});
	await sendJobIn(tx, "payments.refund", { refundId: refund.id });
	return { refundId: refund.id };
}

/** The payment cannot give back that much (it did not succeed, or is refunded already). */
export class RefundRefused extends Error {
	constructor() {
		super("refund refused: more than the payment has left");
		this.name = "RefundRefused";
	}
}

export const refundOf = async (tx: Transaction, refundId: string) =>
	(await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update").limit(1))[0] ?? null;
