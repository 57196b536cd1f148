import { and, eq, ne, sql } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { markBalancePaid, recordTip } from "~/modules/booking/payable.server";
import { paymentProviderEvents, payments } from "../../../db/schema";
import { settleBooking } from "./income/settle-booking.server";
import { entries } from "./ledger/accounts";
import { postJournal } from "./ledger/post-journal.server";
import { notifyPaymentChange } from "./live.server";
import type { PaymentMethod } from "./methods.server";
import { requestRefund } from "./refunds/request-refund.server";

/**
 * What a provider told us about a trade, already checked for its signature by the provider's
 * adapter and reduced to the facts we act on.
 */
export interface ProviderResult {
	method: PaymentMethod;
	/** The provider's id of this message (notify_id, event id…); a repeat of it changes nothing. */
	eventId: string;
	/** notify, poll, sandbox. */
	kind: string;
	outTradeNo: string;
	providerTradeNo?: string;
	amountFen: number;
	/** The app id / merchant the message was for is ours. */
	merchantMatches: boolean;
	outcome: "succeeded" | "failed" | "closed" | "pending";
	paidAt?: Date;
	/**
	 * Everything refunded of the trade so far, when the provider says so (Alipay's refund_fee): a
	 * "closed" that carries it is a paid trade refunded in full, not an unpaid one closed.
	 */
	refundedFen?: number;
}

export type ApplyOutcome =
	| "applied"
	| "duplicate"
	| "already_in_state"
	| "refunded_late"
	| "unknown_trade"
	| "wrong_merchant"
	| "wrong_amount"
	| "refunded"
	| "backwards";

/** Whether the provider may stop resending the message: a rejected one is not acknowledged. */
export const acknowledged = (outcome: ApplyOutcome) => !["unknown_trade", "wrong_merchant", "wrong_amount"].includes(outcome);

/**
 * The one path by which a payment's state changes, for every provider, the poller and the sandbox,
 * in one transaction: the message is recorded first (a second delivery of it waits on the unique
 * key, then changes nothing), the payment row is locked, merchant and amount are checked, only
 * forward moves are made, the ledger is posted, and the booking hears of it. Money that arrives for
 * something that can no longer take it (the booking expired, was cancelled, was paid by another
 * payment) is refunded at once, never kept and never lost.
 */
export async function applyProviderResult(result: ProviderResult): Promise<ApplyOutcome> {
	return db().transaction(async (tx) => {
		const [event] = await tx
			.insert(paymentProviderEvents)
			.values({
				method: result.method,
				eventId: result.eventId,
				kind: result.kind,
				outcome: "received",
				detail: {
					outTradeNo: result.outTradeNo,
					providerTradeNo: result.providerTradeNo ?? null,
					amountFen: result.amountFen,
					outcome: result.outcome,
				},
			})
			.onConflictDoNothing({ target: [paymentProviderEvents.method, paymentProviderEvents.eventId] })
			.returning({ id: paymentProviderEvents.id });
		if (!event) return repeatOf(tx, result);
		const outcome = await apply(tx, result);
		await tx
			.update(paymentProviderEvents)
			.set({ outcome: outcome.outcome, paymentId: outcome.paymentId })
			.where(eq(paymentProviderEvents.id, event.id));
		if (!acknowledged(outcome.outcome)) {
			logger.warn(
				{ provider: result.method, outcome: outcome.outcome, outTradeNo: result.outTradeNo },
				"payment message rejected",
			);
		}
		return outcome.outcome;
	});
}

/** A message seen before answers as it did the first time, so the provider's retries end. */
async function repeatOf(tx: Transaction, result: ProviderResult): Promise<ApplyOutcome> {
	const [first] = await tx
		.select({ outcome: paymentProviderEvents.outcome })
		.from(paymentProviderEvents)
		.where(sql`${paymentProviderEvents.method} = ${result.method} and ${paymentProviderEvents.eventId} = ${result.eventId}`)
		.limit(1);
	const earlier = first?.outcome as ApplyOutcome | undefined;
	return earlier && !acknowledged(earlier) ? earlier : "duplicate";
}

type Applied = { outcome: ApplyOutcome; paymentId: string | null };
type PaymentRow = typeof payments.$inferSelect;

/**
 * The usual message, a success for a payment still waiting with the right merchant and amount,
 * moves it in one statement (the update locks the row; a concurrent message for the same payment
 * waits, then finds it succeeded and takes the checks below). Undefined when it does not apply.
 */
async function succeedIfWaiting(tx: Transaction, result: ProviderResult): Promise<PaymentRow | undefined> {
	if (result.outcome !== "succeeded" || !result.merchantMatches) return undefined;
	const [payment] = await tx
		.update(payments)
		.set({
			status: "succeeded",
			providerTradeNo: result.providerTradeNo ?? sql`${payments.providerTradeNo}`,
			succeededAt: result.paidAt ?? new Date(),
			updatedAt: new Date(),
		})
		.where(
			and(
				eq(payments.outTradeNo, result.outTradeNo),
				eq(payments.method, result.method),
				eq(payments.amountFen, result.amountFen),
				ne(payments.status, "succeeded"),
			),
		)
		.returning();
	return payment;
}

async function apply(tx: Transaction, result: ProviderResult): Promise<Applied> {
	const succeeded = await succeedIfWaiting(tx, result);
	if (succeeded) return moneyArrived(tx, succeeded);
	const [payment] = await tx.select().from(payments).where(eq(payments.outTradeNo, result.outTradeNo)).for("update").limit(1);
	if (!payment || payment.method !== result.method) return { outcome: "unknown_trade", paymentId: null };
	const done = (outcome: ApplyOutcome) => ({ outcome, paymentId: payment.id });
	if (!result.merchantMatches) return done("wrong_merchant");
	if (result.amountFen !== payment.amountFen) return done("wrong_amount");
	if (result.outcome === "pending") return done("already_in_state");
	if (payment.status === "succeeded") {
		if (result.outcome === "succeeded") return done("already_in_state");
		// After a full refund Alipay reports the trade TRADE_CLOSED: our refunds already moved the
		// money, so it is acknowledged and changes nothing; recorded as "refunded" so the history
		// does not read as an anomaly. A close of a succeeded payment with no refund to explain it
		// stays "backwards" (acknowledged, since resending cannot help, but logged for a person).
		if (result.outcome === "closed" && result.refundedFen !== undefined && result.refundedFen === payment.refundedFen) {
			return done("refunded");
		}
		logger.warn(
			{ provider: result.method, outTradeNo: result.outTradeNo, outcome: result.outcome },
			"payment message goes backwards",
		);
		return done("backwards");
	}
	if (result.outcome !== "succeeded") {
		if (payment.status !== "pending") return done("already_in_state");
		await tx
			.update(payments)
			.set({ status: result.outcome, failureReason: result.kind, updatedAt: new Date() })
			.where(eq(payments.id, payment.id));
		await notifyPaymentChange(tx, payment.id);
		return done("applied");
	}
	// Money arrived. A success is a fact even after we closed or failed the trade on our side (the
	// payer paid before the close reached the provider), so it moves the payment forward from any
	// state but succeeded; what it paid for decides whether we keep it.
	await tx
		.update(payments)
		.set({
			status: "succeeded",
			providerTradeNo: result.providerTradeNo ?? payment.providerTradeNo,
			succeededAt: result.paidAt ?? new Date(),
			updatedAt: new Date(),
		})
		.where(eq(payments.id, payment.id));
	return moneyArrived(tx, payment);
}

/** The payment has just succeeded: the ledger, the booking, the payer's page, and a refund if nothing can take the money. */
async function moneyArrived(tx: Transaction, payment: PaymentRow): Promise<Applied> {
	const done = (outcome: ApplyOutcome) => ({ outcome, paymentId: payment.id });
	await postJournal(tx, {
		idempotencyKey: `payment:${payment.id}`,
		kind: "payment_received",
		bookingId: payment.bookingId,
		paymentId: payment.id,
		lines: entries(payment.amountFen, {
			debit: { account: "provider_clearing", ref: payment.method },
			credit: { account: "booking_escrow", ref: payment.bookingId },
		}),
	});
	const kept = await tellBooking(tx, payment);
	await notifyPaymentChange(tx, payment.id);
	// A tip (or the balance) paid after the lesson completed settles to the coach at once.
	if (kept && (payment.purpose === "tip" || payment.purpose === "balance")) {
		await settleBooking(tx, payment.bookingId, { paymentId: payment.id });
	}
	if (kept) return done("applied");
	await requestRefund(tx, { paymentId: payment.id, amountFen: payment.amountFen, reason: "late_payment", requestedBy: null });
	return done("refunded_late");
}

/** Hands the money to the booking; false when the booking can no longer take it. */
async function tellBooking(tx: Transaction, payment: typeof payments.$inferSelect): Promise<boolean> {
	const fact = { bookingId: payment.bookingId, paymentId: payment.id };
	switch (payment.purpose) {
		case "deposit":
		case "full": {
			const paid = await markBookingPaid({ ...fact, paidFen: payment.amountFen, tx });
			return paid.outcome === "paid";
		}
		case "balance":
			return (await markBalancePaid(tx, { ...fact, amountFen: payment.amountFen })) === "paid";
		case "tip":
			await recordTip(tx, { ...fact, amountFen: payment.amountFen });
			return true;
	}
}
