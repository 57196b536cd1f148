import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback Stripe speaking its REST wire format, so the real `stripe` SDK runs in tests:
 * form-encoded requests with bracketed keys (`line_items[0][price_data][unit_amount]`), the secret
 * key checked as `Authorization: Bearer`, `Idempotency-Key` honoured (the same key answers the
 * first answer again), JSON answers in Stripe's shapes and `{ error: { type, code, message } }`
 * refusals. It keeps Checkout Sessions, PaymentIntents and refunds; serves a hosted checkout page
 * whose buttons pay or fail the session; and signs webhooks exactly as Stripe does
 * (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, t + "." + body)`).
 *
 * Endpoints: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id,
 * POST /v1/checkout/sessions/:id/expire, POST /v1/refunds, GET /v1/refunds?payment_intent=.
 */
export interface FakeStripeSession {
	id: string;
	amountFen: number;
	currency: string;
	status: "open" | "complete" | "expired";
	paymentStatus: "paid" | "unpaid";
	clientReferenceId: string | null;
	metadata: Record<string, string>;
	paymentIntentId: string | null;
	successUrl: string;
	cancelUrl: string;
	expiresAt: number;
	createdAt: number;
	productName: string;
}

export interface FakeStripeRefund {
	id: string;
	amountFen: number;
	paymentIntentId: string;
	status: "pending" | "succeeded" | "failed";
	metadata: Record<string, string>;
	createdAt: number;
}

export interface FakeStripeWebhook {
	body: string;
	headers: Record<string, string>;
	event: { id: string; type: string };
}

export interface FakeStripe {
	url: string;
	secretKey: string;
	webhookSecret: string;
	/** The app's settings that point at this fake. */
	settings: { STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string; STRIPE_API_BASE: string };
	sessions: Map<string, FakeStripeSession>;
	refunds: Map<string, FakeStripeRefund>;
	/** "METHOD /path" of every call whose key was right, in order. */
	calls: string[];
	/** Where the hosted page sends its webhooks (the app's notify URL), when set. */
	webhookUrl: string | null;
	/** The payer pays the session on Stripe's page; answers the checkout.session.completed webhook (not sent). */
	pay(sessionId: string): FakeStripeWebhook;
	/** Stripe finishes a refund; answers the refund.updated webhook (not sent). */
	settleRefund(refundId: string, status?: "succeeded" | "failed"): FakeStripeWebhook;
	/** A signed event around any object, for tests that change what Stripe would say. */
	webhookFor(
		type: string,
		object: object,
		options?: { secret?: string; timestamp?: number; livemode?: boolean; account?: string },
	): FakeStripeWebhook;
	sessionObject(sessionId: string): Record<string, unknown>;
	refundObject(refundId: string): Record<string, unknown>;
	/** Posts a webhook as Stripe's servers would; answers the status and the body. */
	deliver(webhook: FakeStripeWebhook, url: string): Promise<{ status: number; body: string }>;
	close(): Promise<void>;
}

const apiVersion = "2026-11-17.clover";
const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
const seconds = () => Math.floor(Date.now() / 1000);

/** Stripe's signature: `t=…,v1=…`, HMAC-SHA256 with the endpoint's secret over `${t}.${body}`. */
export function stripeSignatureHeader(body: string, secret: string, timestamp = seconds()): string {
	const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
	return `t=${timestamp},v1=${v1}`;
}

/** `a[b][0][c]=x` into nested objects and arrays, as Stripe reads its form bodies. */
function parseStripeForm(text: string): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [key, value] of new URLSearchParams(text)) {
		const path = key.replace(/\]/g, "").split("[");
		let node: Record<string, unknown> = root;
		path.forEach((part, index) => {
			if (index === path.length - 1) node[part] = value;
			else {
				node[part] ??= {};
				node = node[part] as Record<string, unknown>;
			}
		});
	}
	return root;
}

export async function startFakeStripe(): Promise<FakeStripe> {
	const secretKey = `sk_test_${randomBytes(16).toString("hex")}`;
	const webhookSecret = `whsec_${randomBytes(16).toString("hex")}`;
	const sessions = new Map<string, FakeStripeSession>();
	const refunds = new Map<string, FakeStripeRefund>();
	const intents = new Map<string, { sessionId: string; amountFen: number; chargeId: string }>();
	const idempotent = new Map<string, { status: number; body: unknown }>();
	const calls: string[] = [];

	const sessionObject = (sessionId: string) => {
		const session = sessions.get(sessionId);
		if (!session) throw new Error(`no session ${sessionId}`);
		return {
			id: session.id,
			object: "checkout.session",
			amount_subtotal: session.amountFen,
			amount_total: session.amountFen,
			client_reference_id: session.clientReferenceId,
			created: session.createdAt,
			currency: session.currency,
			expires_at: session.expiresAt,
			livemode: false,
			metadata: session.metadata,
			mode: "payment",
			payment_intent: session.paymentIntentId,
			payment_status: session.paymentStatus,
			status: session.status,
			success_url: session.successUrl,
			cancel_url: session.cancelUrl,
			url: session.status === "open" ? `${fake.url}/c/pay/${session.id}` : null,
		};
	};
	const refundObject = (refundId: string) => {
		const refund = refunds.get(refundId);
		if (!refund) throw new Error(`no refund ${refundId}`);
		return {
			id: refund.id,
			object: "refund",
			amount: refund.amountFen,
			charge: intents.get(refund.paymentIntentId)?.chargeId ?? null,
			created: refund.createdAt,
			currency: "cny",
			metadata: refund.metadata,
			payment_intent: refund.paymentIntentId,
			reason: null,
			status: refund.status,
		};
	};
	const webhookFor: FakeStripe["webhookFor"] = (type, object, options = {}) => {
		const event = {
			id: id("evt"),
			object: "event",
			...(options.account ? { account: options.account } : {}),
			api_version: apiVersion,
			created: seconds(),
			data: { object },
			livemode: options.livemode ?? false,
			pending_webhooks: 1,
			request: { id: null, idempotency_key: null },
			type,
		};
		const body = JSON.stringify(event, null, 2);
		const signature = stripeSignatureHeader(body, options.secret ?? webhookSecret, options.timestamp);
		return { body, headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature }, event };
	};
	function complete(sessionId: string, outcome: "paid" | "failed"): FakeStripeWebhook {
		const session = sessions.get(sessionId);
		if (!session) throw new Error(`no session ${sessionId}`);
		if (session.status !== "open") throw new Error(`session ${sessionId} is ${session.status}`);
		if (outcome === "failed") {
			// A delayed payment (a bank debit) that the bank refused: the session completed unpaid.
			Object.assign(session, { status: "complete", paymentStatus: "unpaid" });
			return webhookFor("checkout.session.async_payment_failed", sessionObject(sessionId));
		}
		const intentId = id("pi");
		intents.set(intentId, { sessionId, amountFen: session.amountFen, chargeId: id("ch") });
		Object.assign(session, { status: "complete", paymentStatus: "paid", paymentIntentId: intentId });
		return webhookFor("checkout.session.completed", sessionObject(sessionId));
	}
	async function deliver(webhook: FakeStripeWebhook, url: string) {
		const response = await fetch(url, { method: "POST", headers: webhook.headers, body: webhook.body });
		return { status: response.status, body: await response.text() };
	}

	const fake: FakeStripe = {
		url: "",
		secretKey,
		webhookSecret,
		settings: { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: "" },
		sessions,
		refunds,
		calls,
		webhookUrl: null,
		pay: (sessionId) => complete(sessionId, "paid"),
		settleRefund(refundId, status = "succeeded") {
			const refund = refunds.get(refundId);
			if (!refund) throw new Error(`no refund ${refundId}`);
			refund.status = status;
			return webhookFor("refund.updated", refundObject(refundId));
		},
		webhookFor,
		sessionObject,
		refundObject,
		deliver,
		close: () => new Promise((done) => server.close(() => done())),
	};

	function send(response: ServerResponse, status: number, body: unknown) {
		response.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
		response.end(JSON.stringify(body));
	}
	const refuse = (response: ServerResponse, status: number, type: string, message: string, code?: string) =>
		send(response, status, { error: { type, message, ...(code ? { code } : {}) } });

	function api(method: string, path: string, form: Record<string, unknown>, query: URLSearchParams): [number, unknown] {
		const sessionPath = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/);
		if (method === "POST" && path === "/v1/checkout/sessions") {
			const items = form.line_items as Record<string, { quantity?: string; price_data?: Record<string, any> }> | undefined;
			const item = items?.["0"];
			const unitAmount = Number(item?.price_data?.unit_amount);
			const currency = String(item?.price_data?.currency ?? "");
			if (form.mode !== "payment") return [400, invalid("mode", "Missing required param: mode.")];
			if (!Number.isInteger(unitAmount) || unitAmount < 1 || item?.quantity !== "1")
				return [400, invalid("line_items", "Invalid line_items: a positive integer unit_amount and quantity 1.")];
			if (currency !== "cny") return [400, invalid("currency", "This fake takes cny only.")];
			if (!form.success_url) return [400, invalid("success_url", "Missing required param: success_url.")];
			const expiresAt = Number(form.expires_at ?? seconds() + 86_400);
			if (expiresAt < seconds() + 30 * 60 || expiresAt > seconds() + 24 * 3600)
				return [
					400,
					invalid(
						"expires_at",
						"The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
					),
				];
			const session: FakeStripeSession = {
				id: id("cs"),
				amountFen: unitAmount,
				currency,
				status: "open",
				paymentStatus: "unpaid",
				clientReferenceId: (form.client_reference_id as string) ?? null,
				metadata: (form.metadata as Record<string, string>) ?? {},
				paymentIntentId: null,
				successUrl: String(form.success_url),
				cancelUrl: String(form.cancel_url ?? form.success_url),
				expiresAt,
				createdAt: seconds(),
				productName: String(item?.price_data?.product_data?.name ?? ""),
			};
			sessions.set(session.id, session);
			return [200, sessionObject(session.id)];
		}
		if (sessionPath) {
			const session = sessions.get(decodeURIComponent(sessionPath[1] ?? ""));
			if (!session) return [404, missing("checkout.session", sessionPath[1] ?? "")];
			if (method === "GET" && !sessionPath[2]) return [200, sessionObject(session.id)];
			if (method === "POST" && sessionPath[2]) {
				if (session.status !== "open")
					return [
						400,
						invalid("session", `Only Checkout Sessions with a status in [open] can be expired. This one is ${session.status}.`),
					];
				session.status = "expired";
				return [200, sessionObject(session.id)];
			}
		}
		if (path === "/v1/refunds" && method === "POST") {
			const intentId = String(form.payment_intent ?? "");
			const intent = intents.get(intentId);
			if (!intent)
				return [
					400,
					{
						error: {
							type: "invalid_request_error",
							code: "resource_missing",
							message: `No such payment_intent: '${intentId}'`,
							param: "payment_intent",
						},
					},
				];
			const refunded = [...refunds.values()]
				.filter((refund) => refund.paymentIntentId === intentId && refund.status !== "failed")
				.reduce((sum, refund) => sum + refund.amountFen, 0);
			const amount = form.amount === undefined ? intent.amountFen - refunded : Number(form.amount);
			if (!Number.isInteger(amount) || amount < 1) return [400, invalid("amount", "Invalid positive integer")];
			if (refunded + amount > intent.amountFen)
				return [
					400,
					{
						error: {
							type: "invalid_request_error",
							code: "amount_too_large",
							message: `Refund amount (¥${amount / 100}) is greater than unrefunded amount on charge (¥${(intent.amountFen - refunded) / 100})`,
							param: "amount",
						},
					},
				];
			const refund: FakeStripeRefund = {
				id: id("re"),
				amountFen: amount,
				paymentIntentId: intentId,
				status: "pending",
				metadata: (form.metadata as Record<string, string>) ?? {},
				createdAt: seconds(),
			};
			refunds.set(refund.id, refund);
			return [200, refundObject(refund.id)];
		}
		if (path === "/v1/refunds" && method === "GET") {
			const intentId = query.get("payment_intent");
			const data = [...refunds.values()]
				.filter((refund) => !intentId || refund.paymentIntentId === intentId)
				.reverse()
				.map((refund) => refundObject(refund.id));
			return [200, { object: "list", data, has_more: false, url: "/v1/refunds" }];
		}
		return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } }];
	}
	const invalid = (param: string, message: string) => ({
		error: { type: "invalid_request_error", code: "parameter_invalid", param, message },
	});
	const missing = (kind: string, missingId: string) => ({
		error: { type: "invalid_request_error", code: "resource_missing", param: "id", message: `No such ${kind}: '${missingId}'` },
	});

	/** Stripe's hosted page, reduced to what a payer does there: pay, or have the card declined. */
	async function hostedPage(request: IncomingMessage, response: ServerResponse, url: URL, text: string) {
		const [, , , sessionId = "", action] = url.pathname.split("/");
		const session = sessions.get(sessionId);
		if (!session) {
			response.writeHead(404, { "content-type": "text/plain" });
			return response.end("Something went wrong");
		}
		if (request.method === "GET" && !action) {
			response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
			return response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (fake)</title></head>
<body><h1>${session.productName}</h1><p data-testid="amount">CN¥${(session.amountFen / 100).toFixed(2)}</p>
<p data-testid="status">${session.status}</p>
<form method="post" action="/c/pay/${session.id}/pay"><input name="cardnumber" value="4242 4242 4242 4242"><button type="submit">Pay</button></form>
<form method="post" action="/c/pay/${session.id}/decline"><button type="submit">Decline</button></form></body></html>`);
		}
		if (request.method === "POST" && (action === "pay" || action === "decline")) {
			void text;
			if (session.status !== "open") {
				response.writeHead(409, { "content-type": "text/plain" });
				return response.end(`This Checkout Session is ${session.status}.`);
			}
			const webhook = complete(session.id, action === "pay" ? "paid" : "failed");
			if (fake.webhookUrl) await deliver(webhook, fake.webhookUrl);
			response.writeHead(303, { location: action === "pay" ? session.successUrl : session.cancelUrl });
			return response.end();
		}
		response.writeHead(405, { "content-type": "text/plain" });
		response.end("method not allowed");
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString("utf8");
		const url = new URL(request.url ?? "/", "http://fake");
		if (url.pathname.startsWith("/c/pay/")) return hostedPage(request, response, url, text);
		if (request.headers.authorization !== `Bearer ${secretKey}`) {
			return refuse(response, 401, "invalid_request_error", "Invalid API Key provided.", "api_key_invalid");
		}
		const method = request.method ?? "GET";
		if (method === "POST" && !String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
			return refuse(response, 400, "invalid_request_error", "Stripe takes form-encoded bodies.");
		}
		calls.push(`${method} ${url.pathname}`);
		const key = request.headers["idempotency-key"];
		const cacheKey = typeof key === "string" && method === "POST" ? `${url.pathname}|${key}` : null;
		const replay = cacheKey ? idempotent.get(cacheKey) : undefined;
		if (replay) {
			response.setHeader("idempotent-replayed", "true");
			return send(response, replay.status, replay.body);
		}
		const [status, body] = api(method, url.pathname, parseStripeForm(text), url.searchParams);
		if (cacheKey && status < 500) idempotent.set(cacheKey, { status, body });
		send(response, status, body);
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			response.writeHead(500, { "content-type": "application/json" });
			response.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
		});
	});
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	fake.settings.STRIPE_API_BASE = fake.url;
	return fake;
}
