import { eq, sql } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db, type Transaction } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { payments, refunds } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { notifyPaymentChange } from "../live.server";
import { refundAlipay } from "../providers/alipay.server";
import { refundStripe } from "../providers/stripe.server";
import { refundWechat } from "../providers/wechatpay.server";
import { refundOf } from "./request-refund.server";

type ProviderAnswer = { status: "success" | "pending" | "failed"; message?: string };

/** Still waiting for the provider: the job throws this so pg-boss asks again later, with backoff. */
export class RefundPending extends Error {
	constructor(readonly refundId: string) {
		super(`refund ${refundId} is still pending with the provider`);
		this.name = "RefundPending";
	}
}

/**
 * The refund job: asks the payment's provider for the refund under its own provider number (so a
 * retried or crashed job asks for the same refund, never a second one), and records the answer.
 * Success settles the ledger (refunds payable → provider clearing). A definite no gives the amount
 * back to the booking's escrow and shows in the back office; anything else is asked again.
 */
export async function executeRefund(refundId: string): Promise<"succeeded" | "failed" | "settled_before"> {
	const [row] = await db()
		.select({ refund: refunds, payment: payments })
		.from(refunds)
		.innerJoin(payments, eq(payments.id, refunds.paymentId))
		.where(eq(refunds.id, refundId))
		.limit(1);
	if (!row) return "settled_before";
	if (row.refund.status !== "pending") return "settled_before";
	const answer = await askProvider(row.payment, row.refund);
	return db()
		.transaction(async (tx) => {
			const refund = await refundOf(tx, refundId);
			if (!refund || refund.status !== "pending") return "settled_before";
			if (answer.status === "pending") {
				await tx
					.update(refunds)
					.set({ attempts: sql`${refunds.attempts} + 1`, lastError: answer.message ?? null })
					.where(eq(refunds.id, refund.id));
				// Commit the attempt count, then let the job be retried.
				return "pending" as const;
			}
			return settleRefund(tx, refund, row.payment.method, {
				status: answer.status === "success" ? "success" : "failed",
				message: answer.message,
			});
		})
		.then((outcome) => {
			if (outcome === "pending") throw new RefundPending(refundId);
			return outcome;
		});
}

/**
 * Records a provider's final word on a pending refund, in the caller's transaction (the refund
 * row locked by it): the refund job's answer and a provider's refund notification settle the same
 * way. Success settles the ledger (refunds payable → provider clearing); a definite no gives the
 * amount back to the booking's escrow and shows in the back office.
 */
export async function settleRefund(
	tx: Transaction,
	refund: typeof refunds.$inferSelect,
	method: string,
	answer: { status: "success" | "failed"; message?: string },
): Promise<"succeeded" | "failed"> {
	if (answer.status === "success") {
		await tx
			.update(refunds)
			.set({ status: "succeeded", settledAt: new Date(), lastError: null })
			.where(eq(refunds.id, refund.id));
		await postJournal(tx, {
			idempotencyKey: `refund-settled:${refund.id}`,
			kind: "refund_settled",
			bookingId: refund.bookingId,
			paymentId: refund.paymentId,
			refundId: refund.id,
			lines: entries(refund.amountFen, {
				debit: { account: "refunds_payable", ref: method },
				credit: { account: "provider_clearing", ref: method },
			}),
		});
		await notifyPaymentChange(tx, refund.paymentId);
		return "succeeded" as const;
	}
	logger.error({ refundId: refund.id, provider: method, reason: answer.message }, "refund refused by provider");
	await tx
		.update(refunds)
		.set({ status: "failed", lastError: answer.message ?? "refused" })
		.where(eq(refunds.id, refund.id));
	await tx
		.update(payments)
		.set({ refundedFen: sql`${payments.refundedFen} - ${refund.amountFen}`, updatedAt: new Date() })
		.where(eq(payments.id, refund.paymentId));
	await postJournal(tx, {
		idempotencyKey: `refund-failed:${refund.id}`,
		kind: "refund_reversed",
		bookingId: refund.bookingId,
		paymentId: refund.paymentId,
		refundId: refund.id,
		lines: entries(refund.amountFen, {
			debit: { account: "refunds_payable", ref: method },
			credit: { account: "booking_escrow", ref: refund.bookingId },
		}),
	});
	await notifyPaymentChange(tx, refund.paymentId);
	return "failed" as const;
}

async function askProvider(payment: typeof payments.$inferSelect, refund: typeof refunds.$inferSelect): Promise<ProviderAnswer> {
	switch (payment.method) {
		// The sandbox's money is pretend: its refunds succeed at once, through the same bookkeeping.
		case "sandbox":
			return { status: "success" };
		case "alipay":
			return refundAlipay({
				outTradeNo: payment.outTradeNo,
				outRequestNo: refund.outRequestNo,
				refundFen: refund.amountFen,
				reason: refund.reason.split(":")[0],
			});
		case "wechatpay":
			// WeChat usually answers PROCESSING: the refund notification (or this job's next try) settles it.
			return refundWechat({
				outTradeNo: payment.outTradeNo,
				outRefundNo: refund.outRequestNo,
				refundFen: refund.amountFen,
				totalFen: payment.amountFen,
				reason: refund.reason.split(":")[0],
				notifyUrl: `${settings().APP_URL ?? `http://localhost:${settings().PORT}`}/api/v1/payments/notify/wechatpay`,
			});
		case "stripe":
			// Card refunds usually finish later: refund.updated (or this job's next try) settles it.
			if (!payment.providerTradeNo) return { status: "failed", message: "no_checkout_session" };
			return refundStripe({
				sessionId: payment.providerTradeNo,
				outTradeNo: payment.outTradeNo,
				outRequestNo: refund.outRequestNo,
				refundFen: refund.amountFen,
				reason: refund.reason.split(":")[0],
			});
		default:
			return { status: "pending", message: `${payment.method} refunds are not available` };
	}
}
