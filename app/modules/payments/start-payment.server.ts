import { eq } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import type { Caller } from "~/modules/booking/booking-record.server";
import { payableBooking } from "~/modules/booking/payable.server";
import { payments } from "../../../db/schema";
import { amountDue, type PaymentKind } from "./amount-due";
import { channelFits, defaultChannel, methodOffered, type PaymentChannel, type PaymentMethod } from "./methods.server";
import { newProviderNumber } from "./out-trade-no";
import { AlipayError, startAlipayPayment } from "./providers/alipay.server";
import { StripeError, startStripeCheckout } from "./providers/stripe.server";
import { startWechatPayment, type WechatJsapiParams, WechatPayError } from "./providers/wechatpay.server";

const minuteMs = 60_000;
/** A balance or a tip has no booking deadline; its trade stays open this long. */
const openTradeMinutes = 30;

export interface StartedPayment {
	paymentId: string;
	outTradeNo: string;
	amountFen: number;
	method: PaymentMethod;
	channel: PaymentChannel;
	payUrl?: string;
	qrCode?: string;
	jsapiParams?: WechatJsapiParams;
}

const refusals = {
	already_paid: () => new AppError(409, "conflict", "payments.errors.alreadyPaid"),
	not_now: () => new AppError(409, "conflict", "payments.errors.notNow"),
	bad_amount: () =>
		new AppError(400, "validation_failed", "payments.errors.tipAmount", { fields: { amountFen: "payments.errors.tipAmount" } }),
};

/**
 * Opens a payment of a booking by its player: the amount comes from the booking (the deposit,
 * the whole price, the rest, or the tip the payer chose), the method must be one that is
 * configured, and the trade is opened with the provider. The row is written before the provider
 * is asked, so a notification can never arrive for a payment we do not know.
 */
export async function startPayment(input: {
	caller: Caller;
	bookingId: string;
	kind: PaymentKind;
	method: PaymentMethod;
	channel?: PaymentChannel;
	tipFen?: number;
	device: { phone: boolean; inWeChat: boolean };
	/** The payer's address, which WeChat Pay H5 requires (scene_info.payer_client_ip). */
	payerIp?: string;
	/** The payer's openid under our AppID, which WeChat Pay JSAPI requires (snsapi_base). */
	openid?: string;
	now?: Date;
}): Promise<StartedPayment> {
	const now = input.now ?? new Date();
	const booking = await payableBooking(input.bookingId, db());
	// Someone else's booking does not exist, as far as the caller can tell.
	if (!booking || booking.playerId !== input.caller.userId) throw notFound("booking.errors.notFound");
	if (!methodOffered(input.method))
		throw new AppError(400, "validation_failed", "payments.errors.method", { fields: { method: "payments.errors.method" } });
	const channel = input.channel ?? defaultChannel(input.method, input.device);
	if (!channelFits(input.method, channel))
		throw new AppError(400, "validation_failed", "payments.errors.channel", { fields: { channel: "payments.errors.channel" } });
	// JSAPI pays as the WeChat user the page was opened by: without their openid it cannot open.
	if (channel === "jsapi" && !input.openid)
		throw new AppError(400, "validation_failed", "payments.errors.channel", { fields: { channel: "payments.errors.channel" } });
	const due = amountDue(input.kind, booking, input.tipFen);
	if (!due.ok) throw refusals[due.reason]();
	const expiresAt =
		input.kind === "deposit" || input.kind === "full"
			? (booking.payBy ?? now)
			: new Date(now.getTime() + openTradeMinutes * minuteMs);
	if (expiresAt <= now) throw refusals.not_now();

	const outTradeNo = newProviderNumber("P", now);
	const [payment] = await db()
		.insert(payments)
		.values({
			bookingId: booking.id,
			payerId: input.caller.userId,
			purpose: input.kind,
			method: input.method,
			channel,
			outTradeNo,
			amountFen: due.amountFen,
			expiresAt,
		})
		.returning({ id: payments.id });
	if (!payment) throw new Error("payment row not written");
	const started: StartedPayment = { paymentId: payment.id, outTradeNo, amountFen: due.amountFen, method: input.method, channel };
	try {
		const payer = { payerIp: plainIp(input.payerIp), openid: input.openid };
		return { ...started, ...(await openTrade(started, { subject: subjectOf(input.kind), expiresAt, ...payer })) };
	} catch (error) {
		await db()
			.update(payments)
			.set({ status: "failed", failureReason: "provider_unavailable", updatedAt: new Date() })
			.where(eq(payments.id, payment.id));
		if (error instanceof AlipayError || error instanceof WechatPayError || error instanceof StripeError)
			throw new AppError(503, "service_unavailable", "payments.errors.providerUnavailable");
		throw error;
	}
}

const subjectOf = (kind: PaymentKind) =>
	({ deposit: "球伴 课程定金", full: "球伴 课程费用", balance: "球伴 课程尾款", tip: "球伴 教练打赏" })[kind];

/** Where the payer goes (or what they scan) to pay, from the provider of the chosen method. */
async function openTrade(
	payment: StartedPayment,
	trade: { subject: string; expiresAt: Date; payerIp?: string; openid?: string },
): Promise<{ payUrl?: string; qrCode?: string; jsapiParams?: WechatJsapiParams }> {
	// Providers need absolute URLs; production always sets APP_URL (config refuses to start without it).
	const appUrl = settings().APP_URL ?? `http://localhost:${settings().PORT}`;
	const returnUrl = `${appUrl}/me/payments/${payment.paymentId}`;
	switch (payment.method) {
		case "sandbox":
			return { payUrl: `/pay/sandbox/${payment.paymentId}` };
		case "alipay":
			return startAlipayPayment({
				outTradeNo: payment.outTradeNo,
				amountFen: payment.amountFen,
				subject: trade.subject,
				channel: payment.channel as "page" | "wap" | "qr",
				notifyUrl: `${appUrl}/api/v1/payments/notify/alipay`,
				returnUrl,
				expiresAt: trade.expiresAt,
			});
		case "wechatpay":
			return startWechatPayment({
				outTradeNo: payment.outTradeNo,
				amountFen: payment.amountFen,
				description: trade.subject,
				channel: payment.channel as "native" | "h5" | "jsapi",
				notifyUrl: `${appUrl}/api/v1/payments/notify/wechatpay`,
				expiresAt: trade.expiresAt,
				payerIp: trade.payerIp,
				openid: trade.openid,
			});
		case "stripe": {
			const checkout = await startStripeCheckout({
				outTradeNo: payment.outTradeNo,
				amountFen: payment.amountFen,
				description: trade.subject,
				successUrl: returnUrl,
				cancelUrl: returnUrl,
				expiresAt: trade.expiresAt,
			});
			// The poller and refunds ask Stripe by the session's id: kept before the payer can pay.
			await db().update(payments).set({ providerTradeNo: checkout.sessionId }).where(eq(payments.id, payment.paymentId));
			return { payUrl: checkout.payUrl };
		}
		default:
			throw new AppError(400, "validation_failed", "payments.errors.method", { fields: { method: "payments.errors.method" } });
	}
}

/** Express reports an IPv4 peer on a dual-stack socket as ::ffff:a.b.c.d; WeChat wants a.b.c.d. */
const plainIp = (ip: string | undefined) => (ip?.startsWith("::ffff:") ? ip.slice(7) : ip) || undefined;
