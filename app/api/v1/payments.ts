import type { Request } from "express";
import { z } from "zod";
import { AppError } from "~/lib/errors";
import { deviceOf, paymentChannels, paymentMethods } from "~/modules/payments/methods.server";
import { handleAlipayNotification } from "~/modules/payments/notifications/alipay-notification.server";
import { handleStripeWebhook } from "~/modules/payments/notifications/stripe-notification.server";
import { handleWechatNotification } from "~/modules/payments/notifications/wechatpay-notification.server";
import { getPayment } from "~/modules/payments/read-payment.server";
import { completeSandboxPayment } from "~/modules/payments/sandbox.server";
import { startPayment } from "~/modules/payments/start-payment.server";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { readRawBody } from "../raw-body";

/**
 * Paying for lessons: open a payment of a booking (deposit, whole price, balance) or a tip, read
 * its state, and the providers' notifications. Amounts are integer fen and come from the booking,
 * never from the client (except a tip's, which the payer chooses).
 */
const tag = "payments";

const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const paymentId = z.object({ paymentId: z.string().uuid("payments.errors.notFound") });
const method = z.enum(paymentMethods, { error: "payments.errors.method" });
const channel = z.enum(paymentChannels, { error: "payments.errors.channel" }).optional();
/** WeChat JSAPI: the payer's openid under our AppID (until the snsapi_base flow provides it). */
const openid = z.string().trim().min(1, "payments.errors.channel").max(128, "payments.errors.channel").optional();

const startedSchema = z.object({
	paymentId: z.string().uuid(),
	outTradeNo: z.string(),
	amountFen: z.number().int(),
	method: z.enum(paymentMethods),
	channel: z.enum(paymentChannels),
	payUrl: z.string().optional().describe("Where to send the payer (cashier page, or the sandbox cashier)"),
	qrCode: z.string().optional().describe("The text of the QR code to show (Alipay precreate, WeChat Native)"),
	jsapiParams: z
		.object({
			appId: z.string(),
			timeStamp: z.string(),
			nonceStr: z.string(),
			package: z.string(),
			signType: z.literal("RSA"),
			paySign: z.string(),
		})
		.optional()
		.describe("WeChat JSAPI: the parameters of WeixinJSBridge getBrandWCPayRequest, signed"),
});
const paymentSchema = z.object({
	id: z.string().uuid(),
	bookingId: z.string().uuid(),
	kind: z.enum(["deposit", "full", "balance", "tip"]),
	method: z.enum(paymentMethods),
	channel: z.string(),
	outTradeNo: z.string(),
	amountFen: z.number().int(),
	status: z.enum(["pending", "succeeded", "failed", "closed"]),
	refundedFen: z.number().int(),
	expiresAt: z.string(),
	succeededAt: z.string().nullable(),
	createdAt: z.string(),
	refunds: z.array(
		z.object({
			id: z.string().uuid(),
			amountFen: z.number().int(),
			status: z.enum(["pending", "succeeded", "failed"]),
			createdAt: z.string(),
			settledAt: z.string().nullable(),
		}),
	),
	history: z.array(z.object({ kind: z.string(), outcome: z.string(), at: z.string() })),
});

const refused = {
	400: { description: "Invalid input, or a method that is not configured" },
	401: { description: "Not signed in" },
	404: { description: "No such booking, or not yours" },
	409: { description: "Already paid, or not payable in the booking's current state" },
	503: { description: "The provider could not be reached; nothing was charged" },
};

/** Opens a payment for the caller from what the request says of the payer's device and address. */
const openPayment = async (
	req: Request,
	bookingId: string,
	choice: Pick<Parameters<typeof startPayment>[0], "kind" | "method" | "channel" | "openid" | "tipFen">,
) =>
	startPayment({
		...choice,
		caller: await callerOf(req),
		bookingId,
		device: deviceOf(req.header("user-agent")),
		payerIp: req.ip,
	});

export const startBookingPayment = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/payments",
	summary: "Pay a booking: its deposit or whole price while it waits for payment, or the balance after a deposit",
	tag,
	auth: "bearer",
	params: bookingId,
	body: z
		.object({ kind: z.enum(["deposit", "full", "balance"], { error: "payments.errors.kind" }), method, channel, openid })
		.strict(),
	responses: { 201: { description: "Opened: send the payer to payUrl or show qrCode", schema: startedSchema }, ...refused },
	handler: async ({ req, params, body }) => ({ status: 201, body: await openPayment(req, params.bookingId, body) }),
});

export const startTip = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/tips",
	summary: "Tip the coach after a completed lesson (all of it goes to the coach)",
	tag,
	auth: "bearer",
	params: bookingId,
	body: z
		.object({
			amountFen: z.number({ error: "payments.errors.tipAmount" }).int("payments.errors.tipAmount"),
			method,
			channel,
			openid,
		})
		.strict(),
	responses: { 201: { description: "Opened", schema: startedSchema }, ...refused },
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: await openPayment(req, params.bookingId, {
			kind: "tip",
			tipFen: body.amountFen,
			method: body.method,
			channel: body.channel,
			openid: body.openid,
		}),
	}),
});

export const getPaymentEndpoint = defineEndpoint({
	method: "get",
	path: "/payments/:paymentId",
	summary: "One of my payments: its state, refunds and what the provider said",
	tag,
	auth: "bearer",
	params: paymentId,
	responses: {
		200: { description: "The payment", schema: z.object({ payment: paymentSchema }) },
		401: { description: "Not signed in" },
		404: { description: "No such payment, or not yours" },
	},
	handler: async ({ req, params }) => ({
		body: { payment: await getPayment({ caller: await callerOf(req), paymentId: params.paymentId }) },
	}),
});

export const sandboxPaymentEndpoint = defineEndpoint({
	method: "post",
	path: "/payments/:paymentId/sandbox",
	summary:
		"Sandbox only: complete or fail one of my sandbox payments, as the provider's notification would (404 when the sandbox is off)",
	tag,
	auth: "bearer",
	params: paymentId,
	body: z.object({ outcome: z.enum(["success", "failure"], { error: "errors.field.invalidOption" }) }).strict(),
	responses: {
		200: { description: "Applied; read the payment for its state", schema: z.object({ payment: paymentSchema }) },
		400: { description: "Invalid outcome" },
		401: { description: "Not signed in" },
		404: { description: "No such sandbox payment of mine, or the sandbox is off" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		await completeSandboxPayment({ caller, paymentId: params.paymentId, outcome: body.outcome });
		return { body: { payment: await getPayment({ caller, paymentId: params.paymentId }) } };
	},
});

/** Alipay's notifications are small forms; anything longer is not from Alipay. */
const notifyMaxBytes = 16 * 1024;

export const alipayNotify = defineEndpoint({
	method: "post",
	path: "/payments/notify/alipay",
	summary: "Alipay's asynchronous payment notification (signed form); answers the text success, or fail to be sent again",
	tag,
	auth: "none",
	rawBody: { contentTypes: ["application/x-www-form-urlencoded"], description: "Alipay's signed notification form" },
	responses: {
		200: { description: "`success` when recorded (or seen before), `fail` otherwise", contentType: "text/plain" },
		413: { description: "Too long to be a notification" },
	},
	handler: async ({ req, res }) => {
		const bytes = await readRawBody(
			req,
			res,
			notifyMaxBytes,
			() => new AppError(413, "payload_too_large", "errors.payloadTooLarge"),
		);
		const form = Object.fromEntries(new URLSearchParams(bytes.toString("utf8")));
		const answer = await handleAlipayNotification(form);
		return { text: { contentType: "text/plain", content: answer } };
	},
});

/** WeChat Pay's notifications are small JSON envelopes; anything longer is not from WeChat. */
const wechatNotifyMaxBytes = 64 * 1024;
const wechatFail = z.object({ code: z.literal("FAIL"), message: z.string() });

export const wechatpayNotify = defineEndpoint({
	method: "post",
	path: "/payments/notify/wechatpay",
	summary:
		"WeChat Pay's payment and refund notifications (signed JSON, AES-256-GCM resource); 204 when recorded, else FAIL to be sent again",
	tag,
	auth: "none",
	rawBody: { contentTypes: ["application/json"], description: "WeChat Pay's signed notification, read as sent" },
	responses: {
		204: { description: "Recorded (or seen before): WeChat stops resending" },
		400: { description: "Unreadable, or not for a payment or refund of ours (wrong merchant or amount)", schema: wechatFail },
		401: { description: "Not signed by WeChat Pay's platform key", schema: wechatFail },
		413: { description: "Too long to be a notification" },
		500: { description: "WeChat Pay is not configured here", schema: wechatFail },
	},
	handler: async ({ req, res }) => {
		// The signature covers the body byte for byte: read it raw, never re-serialised JSON.
		const bytes = await readRawBody(
			req,
			res,
			wechatNotifyMaxBytes,
			() => new AppError(413, "payload_too_large", "errors.payloadTooLarge"),
		);
		const answer = await handleWechatNotification(req.headers, bytes);
		if (answer.status === 204) return { status: 204 };
		return { status: answer.status, body: { code: "FAIL", message: answer.message } };
	},
});

/** Stripe's events are JSON of a few kilobytes; a Checkout Session with one line stays well below this. */
const stripeWebhookMaxBytes = 256 * 1024;
const stripeRefusal = z.object({ error: z.string() });

export const stripeNotify = defineEndpoint({
	method: "post",
	path: "/payments/notify/stripe",
	summary:
		"Stripe's webhook (Checkout Sessions and refunds), signed with Stripe-Signature; 200 when recorded, else an error so Stripe sends it again",
	tag,
	auth: "none",
	rawBody: { contentTypes: ["application/json"], description: "Stripe's signed event, read as sent" },
	responses: {
		200: { description: "Recorded (or seen before, or an event we do not use)", schema: z.object({ received: z.literal(true) }) },
		400: {
			description: "Unreadable, or not for a payment or refund of ours (wrong amount, currency or account)",
			schema: stripeRefusal,
		},
		401: { description: "Not signed with our webhook secret", schema: stripeRefusal },
		413: { description: "Too long to be an event" },
		500: { description: "Stripe is not configured here", schema: stripeRefusal },
	},
	handler: async ({ req, res }) => {
		// The signature covers the body byte for byte: read it raw, never re-serialised JSON.
		const bytes = await readRawBody(
			req,
			res,
			stripeWebhookMaxBytes,
			() => new AppError(413, "payload_too_large", "errors.payloadTooLarge"),
		);
		const answer = await handleStripeWebhook(req.header("stripe-signature"), bytes);
		if (answer.status === 200) return { status: 200, body: { received: true as const } };
		return { status: answer.status, body: { error: answer.message } };
	},
});
