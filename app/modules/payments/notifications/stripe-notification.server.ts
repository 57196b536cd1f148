import { logger } from "~/lib/logger.server";
import { acknowledged, applyProviderResult, type ProviderResult } from "../apply-provider-result.server";
import { readStripeWebhook, type StripeCheckoutState, stripeSetup } from "../providers/stripe.server";
import { confirmRefund, refundAcknowledged } from "../refunds/confirm-refund.server";

/** What the endpoint answers: a 2xx stops Stripe's resending; anything else makes it send again later. */
export type StripeWebhookAnswer = { status: 200 } | { status: 400 | 401 | 500; message: string };

/** A session in another currency is not the amount we asked for, whatever its number. */
const fenOf = (amountFen: number | null, currency: string | null) =>
	amountFen !== null && currency?.toLowerCase() === "cny" ? amountFen : -1;

function outcomeOf(eventType: string, session: StripeCheckoutState): ProviderResult["outcome"] {
	if (eventType === "checkout.session.async_payment_failed") return "failed";
	if (eventType === "checkout.session.expired") return "closed";
	// A completed session may still wait for a delayed payment method: only "paid" is money.
	return session.paymentStatus === "paid" ? "succeeded" : "pending";
}

/**
 * `POST /api/v1/payments/notify/stripe`: Checkout and refund webhooks. The signature is checked
 * over the raw body first; then a session's payment goes through the one payment path (merchant:
 * our own account in our mode, not a connected account's event) and a refund settles its row.
 * A forgery or a mismatch is never acknowledged; events we do not use are.
 */
export async function handleStripeWebhook(signature: string | undefined, rawBody: Buffer): Promise<StripeWebhookAnswer> {
	const webhook = readStripeWebhook(signature, rawBody);
	const setup = stripeSetup();
	if (!webhook.ok || !setup) {
		const reason = webhook.ok ? "not_configured" : webhook.reason;
		logger.warn({ provider: "stripe", reason }, "stripe webhook refused");
		if (reason === "bad_signature") return { status: 401, message: "signature verification failed" };
		if (reason === "not_configured") return { status: 500, message: "Stripe is not configured" };
		return { status: 400, message: "unreadable event" };
	}
	if (webhook.kind === "ignored") return { status: 200 };
	if (webhook.kind === "refund") {
		const merchantMatches = webhook.account === null && webhook.livemode === setup.livemode;
		for (const refund of webhook.refunds) {
			// Not one of ours (made in Stripe's dashboard): nothing of ours to settle.
			if (!refund.outRequestNo || !refund.outTradeNo) continue;
			const outcome = await confirmRefund({
				method: "stripe",
				// One charge.refunded may carry several refunds: each is its own message.
				eventId: `${webhook.eventId}:${refund.outRequestNo}`,
				outRequestNo: refund.outRequestNo,
				outTradeNo: refund.outTradeNo,
				amountFen: fenOf(refund.amountFen, refund.currency),
				merchantMatches,
				outcome: refund.status === "success" ? "succeeded" : refund.status,
				message: webhook.eventType,
			});
			if (!refundAcknowledged(outcome)) return { status: 400, message: `refund not accepted: ${outcome}` };
		}
		return { status: 200 };
	}
	const { session } = webhook;
	if (!session.outTradeNo) return { status: 200 };
	const outcome = await applyProviderResult({
		method: "stripe",
		eventId: webhook.eventId,
		kind: "notify",
		outTradeNo: session.outTradeNo,
		providerTradeNo: session.sessionId,
		amountFen: fenOf(session.amountFen, session.currency),
		merchantMatches: webhook.account === null && session.livemode === setup.livemode,
		outcome: outcomeOf(webhook.eventType, session),
	});
	return acknowledged(outcome) ? { status: 200 } : { status: 400, message: `payment not accepted: ${outcome}` };
}
