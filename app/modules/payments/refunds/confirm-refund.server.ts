import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { paymentProviderEvents, payments, refunds } from "../../../../db/schema";
import type { PaymentMethod } from "../methods.server";
import { settleRefund } from "./execute-refund.server";

export type ConfirmRefundOutcome =
	| "applied"
	| "duplicate"
	| "already_settled"
	| "unknown_refund"
	| "wrong_merchant"
	| "wrong_amount";

/** Whether the provider may stop resending: only a refund we cannot match is refused. */
export const refundAcknowledged = (outcome: ConfirmRefundOutcome) =>
	!["unknown_refund", "wrong_merchant", "wrong_amount"].includes(outcome);

/**
 * A provider's refund notification (WeChat Pay's REFUND.SUCCESS / ABNORMAL / CLOSED), in one
 * transaction: the message is recorded first (a repeat waits on the unique key, then changes
 * nothing), the refund row is locked, it must be this provider's refund of this trade for this
 * amount, and a pending refund is settled exactly as the refund job settles it. A refund already
 * settled by the job's own answer changes nothing.
 */
export async function confirmRefund(input: {
	method: PaymentMethod;
	eventId: string;
	outRequestNo: string;
	outTradeNo: string;
	amountFen: number;
	merchantMatches: boolean;
	outcome: "succeeded" | "failed" | "pending";
	message?: string;
}): Promise<ConfirmRefundOutcome> {
	return db().transaction(async (tx) => {
		const [event] = await tx
			.insert(paymentProviderEvents)
			.values({
				method: input.method,
				eventId: input.eventId,
				kind: "refund_notify",
				outcome: "received",
				detail: {
					outRequestNo: input.outRequestNo,
					outTradeNo: input.outTradeNo,
					amountFen: input.amountFen,
					outcome: input.outcome,
				},
			})
			.onConflictDoNothing({ target: [paymentProviderEvents.method, paymentProviderEvents.eventId] })
			.returning({ id: paymentProviderEvents.id });
		if (!event) {
			const [first] = await tx
				.select({ outcome: paymentProviderEvents.outcome })
				.from(paymentProviderEvents)
				.where(eq(paymentProviderEvents.eventId, input.eventId))
				.limit(1);
			const earlier = first?.outcome as ConfirmRefundOutcome | undefined;
			return earlier && !refundAcknowledged(earlier) ? earlier : "duplicate";
		}
		const outcome = await (async (): Promise<{ outcome: ConfirmRefundOutcome; paymentId: string | null }> => {
			const [row] = await tx
				.select({ refund: refunds, payment: payments })
				.from(refunds)
				.innerJoin(payments, eq(payments.id, refunds.paymentId))
				.where(eq(refunds.outRequestNo, input.outRequestNo))
				.for("update", { of: refunds })
				.limit(1);
			if (!row || row.payment.method !== input.method || row.payment.outTradeNo !== input.outTradeNo) {
				return { outcome: "unknown_refund", paymentId: null };
			}
			const done = (result: ConfirmRefundOutcome) => ({ outcome: result, paymentId: row.payment.id });
			if (!input.merchantMatches) return done("wrong_merchant");
			if (input.amountFen !== row.refund.amountFen) return done("wrong_amount");
			if (row.refund.status !== "pending" || input.outcome === "pending") return done("already_settled");
			await settleRefund(tx, row.refund, row.payment.method, {
				status: input.outcome === "succeeded" ? "success" : "failed",
				message: input.message,
			});
			return done("applied");
		})();
		await tx
			.update(paymentProviderEvents)
			.set({ outcome: outcome.outcome, paymentId: outcome.paymentId })
			.where(eq(paymentProviderEvents.id, event.id));
		if (!refundAcknowledged(outcome.outcome)) {
			logger.warn(
				{ provider: input.method, outcome: outcome.outcome, outRequestNo: input.outRequestNo },
				"refund message rejected",
			);
		}
		return outcome.outcome;
	});
}
