import { and, eq, lt } from "drizzle-orm";
import { alipayConfig } from "~/lib/alipay-client.server";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { wechatpayConfig } from "~/lib/wechatpay-client.server";
import { payments } from "../../../db/schema";
import { type ApplyOutcome, applyProviderResult } from "./apply-provider-result.server";
import { AlipayError, closeAlipayTrade, queryAlipayTrade } from "./providers/alipay.server";
import { expireStripeCheckout, retrieveStripeCheckout, StripeError, stripeConfigured } from "./providers/stripe.server";
import { closeWechatTrade, queryWechatTrade, WechatPayError, wechatpayConfigured } from "./providers/wechatpay.server";

/** A payment younger than this is left to its notification. */
const quietMs = 60_000;
const batch = 200;

/**
 * The poller (every minute): a notification may never come, so payments still pending after a
 * minute are asked about. A paid one goes through the same path as a notification; one whose
 * deadline passed is closed with the provider first, so a late payment cannot land on a freed
 * time — and if the payer paid in that instant, the answer says so and the money is handled.
 */
export async function pollPendingPayments(now = new Date()): Promise<{ asked: number; changed: number }> {
	const pending = await db()
		.select()
		.from(payments)
		.where(and(eq(payments.status, "pending"), lt(payments.createdAt, new Date(now.getTime() - quietMs))))
		.orderBy(payments.createdAt)
		.limit(batch);
	let changed = 0;
	for (const payment of pending) {
		try {
			const outcome = await pollOne(payment, now);
			if (outcome === "applied" || outcome === "refunded_late") changed++;
		} catch (error) {
			// One provider hiccup must not stop the others; the next run asks again.
			logger.warn(
				{
					paymentId: payment.id,
					reason:
						error instanceof AlipayError || error instanceof WechatPayError || error instanceof StripeError
							? error.reason
							: "error",
				},
				"payment poll failed",
			);
		}
	}
	return { asked: pending.length, changed };
}

async function pollOne(payment: typeof payments.$inferSelect, now: Date) {
	const expired = payment.expiresAt <= now;
	const base = { method: payment.method, outTradeNo: payment.outTradeNo, amountFen: payment.amountFen, merchantMatches: true };
	if (payment.method === "sandbox") {
		return expired ? applyProviderResult({ ...base, eventId: `expire:${payment.id}`, kind: "poll", outcome: "closed" }) : null;
	}
	if (payment.method === "wechatpay") return wechatpayConfigured() ? pollWechat(payment, now) : null;
	if (payment.method === "stripe") return stripeConfigured() ? pollStripe(payment, now) : null;
	if (payment.method !== "alipay" || !alipayConfig()) return null;
	const trade = await queryAlipayTrade(payment.outTradeNo);
	if (trade.status === "TRADE_SUCCESS" || trade.status === "TRADE_FINISHED") {
		return applyProviderResult({
			...base,
			amountFen: trade.totalFen ?? -1,
			eventId: `poll:${payment.outTradeNo}:paid`,
			kind: "poll",
			providerTradeNo: trade.tradeNo,
			outcome: "succeeded",
		});
	}
	if (trade.status === "TRADE_CLOSED") {
		return applyProviderResult({ ...base, eventId: `poll:${payment.outTradeNo}:closed`, kind: "poll", outcome: "closed" });
	}
	if (!expired) return null;
	const close = await closeAlipayTrade(payment.outTradeNo);
	if (close.reason === "paid") return pollOne({ ...payment, expiresAt: new Date(now.getTime() + quietMs) }, now);
	return applyProviderResult({ ...base, eventId: `close:${payment.outTradeNo}`, kind: "poll", outcome: "closed" });
}

/** WeChat Pay's twin of the Alipay poll: query, and close a trade whose deadline passed. */
async function pollWechat(payment: typeof payments.$inferSelect, now: Date): Promise<ApplyOutcome | null> {
	const expired = payment.expiresAt <= now;
	const base = { method: payment.method, outTradeNo: payment.outTradeNo, amountFen: payment.amountFen, merchantMatches: true };
	const trade = await queryWechatTrade(payment.outTradeNo);
	if (trade.tradeState === "SUCCESS" || trade.tradeState === "REFUND") {
		const config = wechatpayConfig();
		return applyProviderResult({
			...base,
			amountFen: trade.totalFen ?? -1,
			merchantMatches: trade.mchid === config?.mchid && trade.appid === config?.appid,
			eventId: `poll:${payment.outTradeNo}:paid`,
			kind: "poll",
			providerTradeNo: trade.transactionId,
			outcome: "succeeded",
			paidAt: trade.paidAt,
		});
	}
	if (trade.tradeState === "CLOSED" || trade.tradeState === "REVOKED" || trade.tradeState === "PAYERROR") {
		const outcome = trade.tradeState === "PAYERROR" ? "failed" : "closed";
		return applyProviderResult({ ...base, eventId: `poll:${payment.outTradeNo}:${outcome}`, kind: "poll", outcome });
	}
	if (!expired) return null;
	const close = await closeWechatTrade(payment.outTradeNo);
	// Paid in the instant before the close: ask again, and the money is booked or refunded.
	if (close.reason === "paid") return pollWechat({ ...payment, expiresAt: new Date(now.getTime() + quietMs) }, now);
	return applyProviderResult({ ...base, eventId: `close:${payment.outTradeNo}`, kind: "poll", outcome: "closed" });
}

/**
 * Stripe's twin: ask about the Checkout Session, and expire it once the booking's deadline passed
 * (Stripe keeps a session open at least 30 minutes, longer than a booking may wait).
 */
async function pollStripe(payment: typeof payments.$inferSelect, now: Date): Promise<ApplyOutcome | null> {
	if (!payment.providerTradeNo) return null;
	const base = { method: payment.method, outTradeNo: payment.outTradeNo, amountFen: payment.amountFen, merchantMatches: true };
	let session = await retrieveStripeCheckout(payment.providerTradeNo);
	if (session.status === "open" && payment.expiresAt <= now) session = await expireStripeCheckout(payment.providerTradeNo);
	if (session.paymentStatus === "paid") {
		return applyProviderResult({
			...base,
			amountFen: session.currency?.toLowerCase() === "cny" ? (session.amountFen ?? -1) : -1,
			merchantMatches: session.outTradeNo === payment.outTradeNo,
			eventId: `poll:${payment.outTradeNo}:paid`,
			kind: "poll",
			providerTradeNo: session.sessionId,
			outcome: "succeeded",
		});
	}
	if (session.status === "expired") {
		return applyProviderResult({ ...base, eventId: `close:${payment.outTradeNo}`, kind: "poll", outcome: "closed" });
	}
	return null;
}
