import Stripe from "stripe";
import { z } from "zod";
import { settings } from "~/lib/config.server";

/**
 * Stripe as a payment provider, for overseas cards only, through Checkout Sessions: the payer is
 * sent to Stripe's hosted page (no Stripe.js in our pages, so the CSP stays 'self'), charged in
 * CNY fen (Stripe's smallest unit of cny). Query, expire, refunds (idempotent by our
 * out_request_no) and webhooks (signature checked over the raw body). Bookkeeping is the caller's.
 */
export class StripeError extends Error {
	constructor(
		readonly operation: string,
		readonly reason: "not_configured" | "unreachable" | "refused" | "bad_answer",
		readonly code?: string,
	) {
		super(`Stripe ${operation}: ${reason}${code ? ` (${code})` : ""}`);
		this.name = "StripeError";
	}
}

interface StripeSetup {
	client: Stripe;
	webhookSecret: string;
	livemode: boolean;
}

let cached: { key: string; setup: StripeSetup } | null = null;

/** Both keys or nothing: without the webhook secret no payment could ever be confirmed. */
export function stripeSetup(): StripeSetup | null {
	const { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: base } = settings();
	if (!key || !webhookSecret) return null;
	const cacheKey = `${key}|${webhookSecret}|${base ?? ""}`;
	if (cached?.key === cacheKey) return cached.setup;
	const api = base ? new URL(base) : null;
	const client = new Stripe(key, {
		...(api
			? {
					host: api.hostname,
					port: api.port || (api.protocol === "http:" ? 80 : 443),
					protocol: api.protocol === "http:" ? "http" : "https",
				}
			: {}),
		// Our poller and refund job retry on their own schedule; one quick retry is enough here.
		maxNetworkRetries: 1,
		timeout: 15_000,
		telemetry: false,
	});
	const setup = { client, webhookSecret, livemode: key.startsWith("sk_live_") || key.startsWith("rk_live_") };
	cached = { key: cacheKey, setup };
	return setup;
}

export const stripeConfigured = () => stripeSetup() !== null;

function requireStripe(operation: string): StripeSetup {
	const setup = stripeSetup();
	if (!setup) throw new StripeError(operation, "not_configured");
	return setup;
}

/** A Stripe SDK failure as our error: a connection problem or a 5xx may pass; a 4xx is Stripe's no. */
function asStripeError(operation: string, error: unknown): StripeError {
	if (error instanceof StripeError) return error;
	if (error instanceof Stripe.errors.StripeError) {
		const status = error.statusCode ?? 0;
		if (error.type === "StripeConnectionError" || status === 0 || status >= 500 || status === 429)
			return new StripeError(operation, "unreachable", error.code);
		return new StripeError(operation, "refused", error.code ?? String(status));
	}
	return new StripeError(operation, "unreachable");
}

const fenSchema = z.number().int().min(1).max(10_000_000_000);
const startSchema = z.object({
	outTradeNo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
	amountFen: fenSchema,
	description: z.string().trim().min(1),
	successUrl: z.string().url(),
	cancelUrl: z.string().url(),
	expiresAt: z.date().refine((at) => at.getTime() > Date.now(), "expiresAt is past"),
});

/** Stripe accepts a session's expiry between 30 minutes and 24 hours after its creation. */
const minSessionSeconds = 31 * 60;
const maxSessionSeconds = 23 * 3600;

/**
 * Opens a Checkout Session for one payment. Stripe will not close a session sooner than 30
 * minutes, so a booking's shorter deadline is kept by the poller (it expires the session) and a
 * payment that lands after it is refunded by the one payment path.
 */
export async function startStripeCheckout(input: {
	outTradeNo: string;
	amountFen: number;
	description: string;
	successUrl: string;
	cancelUrl: string;
	expiresAt: Date;
}): Promise<{ payUrl: string; sessionId: string }> {
	const start = startSchema.parse(input);
	const operation = "checkout";
	const { client } = requireStripe(operation);
	const nowSeconds = Math.floor(Date.now() / 1000);
	const wanted = Math.floor(start.expiresAt.getTime() / 1000);
	const expiresAt = Math.min(Math.max(wanted, nowSeconds + minSessionSeconds), nowSeconds + maxSessionSeconds);
	const metadata = { out_trade_no: start.outTradeNo };
	try {
		const session = await client.checkout.sessions.create(
			{
				mode: "payment",
				client_reference_id: start.outTradeNo,
				line_items: [
					{
						quantity: 1,
						price_data: { currency: "cny", unit_amount: start.amountFen, product_data: { name: start.description } },
					},
				],
				success_url: start.successUrl,
				cancel_url: start.cancelUrl,
				expires_at: expiresAt,
				metadata,
				payment_intent_data: { metadata },
			},
			// A retried create for the same payment opens the same session, never a second one.
			{ idempotencyKey: `checkout:${start.outTradeNo}` },
		);
		if (!session.url || !session.id) throw new StripeError(operation, "bad_answer", "url");
		return { payUrl: session.url, sessionId: session.id };
	} catch (error) {
		throw asStripeError(operation, error);
	}
}

export interface StripeCheckoutState {
	sessionId: string;
	outTradeNo: string | null;
	/** open, complete or expired. */
	status: string;
	/** paid, unpaid or no_payment_required. */
	paymentStatus: string;
	amountFen: number | null;
	currency: string | null;
	paymentIntentId: string | null;
	livemode: boolean;
}

function stateOf(session: Stripe.Checkout.Session): StripeCheckoutState {
	const intent = session.payment_intent;
	return {
		sessionId: session.id,
		outTradeNo: session.metadata?.out_trade_no ?? session.client_reference_id ?? null,
		status: session.status ?? "open",
		paymentStatus: session.payment_status,
		amountFen: session.amount_total,
		currency: session.currency,
		paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
		livemode: session.livemode,
	};
}

/** What Stripe knows of a session now (the poller's question). */
export async function retrieveStripeCheckout(sessionId: string): Promise<StripeCheckoutState> {
	const operation = "retrieve";
	const { client } = requireStripe(operation);
	try {
		return stateOf(await client.checkout.sessions.retrieve(sessionId));
	} catch (error) {
		throw asStripeError(operation, error);
	}
}

/**
 * Expires an open session, so a payment cannot start after the booking's deadline. Answers the
 * session's state afterwards: one that completed first is "complete" (money to book or refund).
 */
export async function expireStripeCheckout(sessionId: string): Promise<StripeCheckoutState> {
	const operation = "expire";
	const { client } = requireStripe(operation);
	try {
		return stateOf(await client.checkout.sessions.expire(sessionId));
	} catch (error) {
		// Only an open session can be expired: a completed or expired one says what it is.
		if (error instanceof Stripe.errors.StripeInvalidRequestError) return retrieveStripeCheckout(sessionId);
		throw asStripeError(operation, error);
	}
}

const refundStatusOf = (status: string | null): "success" | "pending" | "failed" =>
	status === "succeeded" ? "success" : status === "failed" || status === "canceled" ? "failed" : "pending";

/**
 * Refunds part or all of a paid session. Idempotent by `outRequestNo`: the refund is found by it
 * first (so a retried job reads the refund's current state, not a replay of its first answer),
 * and created under it as the idempotency key, so Stripe never refunds twice.
 */
export async function refundStripe(input: {
	sessionId: string;
	outTradeNo: string;
	outRequestNo: string;
	refundFen: number;
	reason?: string;
}): Promise<{ status: "success" | "pending" | "failed"; message?: string }> {
	const operation = "refund";
	const refundFen = fenSchema.parse(input.refundFen);
	const { client } = requireStripe(operation);
	try {
		const session = await retrieveStripeCheckout(input.sessionId);
		if (!session.paymentIntentId) return { status: "failed", message: "not_paid" };
		const earlier = await client.refunds.list({ payment_intent: session.paymentIntentId, limit: 100 });
		const known = earlier.data.find((refund) => refund.metadata?.out_request_no === input.outRequestNo);
		const refund =
			known ??
			(await client.refunds.create(
				{
					payment_intent: session.paymentIntentId,
					amount: refundFen,
					metadata: {
						out_request_no: input.outRequestNo,
						out_trade_no: input.outTradeNo,
						...(input.reason ? { reason: input.reason } : {}),
					},
				},
				{ idempotencyKey: input.outRequestNo },
			));
		const status = refundStatusOf(refund.status);
		return { status, message: refund.status ?? undefined };
	} catch (error) {
		const failure = asStripeError(operation, error);
		if (failure.reason === "refused") return { status: "failed", message: failure.code };
		if (failure.reason === "not_configured") throw failure;
		return { status: "pending", message: failure.reason };
	}
}

/** What a verified webhook says, reduced to the facts we act on. Never throws. */
export type StripeWebhook =
	| { ok: true; kind: "checkout"; eventId: string; eventType: string; session: StripeCheckoutState; account: string | null }
	| {
			ok: true;
			kind: "refund";
			eventId: string;
			eventType: string;
			refunds: Array<{
				outRequestNo: string | null;
				outTradeNo: string | null;
				amountFen: number;
				currency: string;
				status: "success" | "pending" | "failed";
			}>;
			livemode: boolean;
			account: string | null;
	  }
	| { ok: true; kind: "ignored"; eventType: string }
	| { ok: false; reason: "not_configured" | "bad_signature" | "malformed" };

const checkoutEvents = new Set([
	"checkout.session.completed",
	"checkout.session.async_payment_succeeded",
	"checkout.session.async_payment_failed",
	"checkout.session.expired",
]);

/**
 * Reads a webhook: `Stripe-Signature` checked with the SDK over the body exactly as received
 * (a re-serialised body would not match), within Stripe's five-minute tolerance.
 */
export function readStripeWebhook(signature: string | undefined, rawBody: Buffer): StripeWebhook {
	const setup = stripeSetup();
	if (!setup) return { ok: false, reason: "not_configured" };
	let event: Stripe.Event;
	try {
		event = setup.client.webhooks.constructEvent(rawBody, signature ?? "", setup.webhookSecret);
	} catch (error) {
		if (error instanceof Stripe.errors.StripeSignatureVerificationError) return { ok: false, reason: "bad_signature" };
		return { ok: false, reason: "malformed" };
	}
	try {
		const account = event.account ?? null;
		if (checkoutEvents.has(event.type)) {
			const session = event.data.object as Stripe.Checkout.Session;
			if (session?.object !== "checkout.session") return { ok: false, reason: "malformed" };
			return { ok: true, kind: "checkout", eventId: event.id, eventType: event.type, session: stateOf(session), account };
		}
		if (event.type === "refund.updated" || event.type === "refund.created" || event.type === "refund.failed") {
			const refund = event.data.object as Stripe.Refund;
			return {
				ok: true,
				kind: "refund",
				eventId: event.id,
				eventType: event.type,
				refunds: [refundFact(refund)],
				livemode: event.livemode,
				account,
			};
		}
		if (event.type === "charge.refunded") {
			// The charge lists its refunds when Stripe includes them; otherwise refund.updated or the
			// refund job's next question settles ours.
			const charge = event.data.object as Stripe.Charge;
			return {
				ok: true,
				kind: "refund",
				eventId: event.id,
				eventType: event.type,
				refunds: (charge.refunds?.data ?? []).map(refundFact),
				livemode: event.livemode,
				account,
			};
		}
		return { ok: true, kind: "ignored", eventType: event.type };
	} catch {
		return { ok: false, reason: "malformed" };
	}
}

function refundFact(refund: Stripe.Refund) {
	return {
		outRequestNo: refund.metadata?.out_request_no ?? null,
		outTradeNo: refund.metadata?.out_trade_no ?? null,
		amountFen: refund.amount,
		currency: refund.currency,
		status: refundStatusOf(refund.status),
	};
}
