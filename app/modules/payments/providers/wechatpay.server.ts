import { createDecipheriv } from "node:crypto";
import { z } from "zod";
import {
	checkWechatSignature,
	nonce,
	refusedBy,
	requireWechatPay,
	signWithMerchantKey,
	type WechatAnswer,
	WechatPayError,
	wechatpayConfig,
	wechatRequest,
} from "~/lib/wechatpay-client.server";

/**
 * WeChat Pay API v3 as a payment provider: Native (a QR code's text) on desktop, H5 (a cashier URL)
 * in phone browsers, JSAPI (the parameters of WeixinJSBridge's chooseWXPay) inside WeChat; query,
 * close, refunds (idempotent by out_refund_no), notifications (signature checked, resource
 * decrypted) and the trade bill's URL. Amounts are integer fen on both sides. Payment bookkeeping
 * is the caller's.
 */
export { WechatPayError };

export function wechatpayConfigured(): boolean {
	return wechatpayConfig() !== null;
}

export type WechatTradeState = "SUCCESS" | "REFUND" | "NOTPAY" | "CLOSED" | "REVOKED" | "USERPAYING" | "PAYERROR";
const tradeStates = ["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"] as const;
export type WechatChannel = "native" | "h5" | "jsapi";

/** WeChat's times are RFC 3339 with an offset; its examples and answers use +08:00. */
function toRfc3339Beijing(at: Date): string {
	const beijing = new Date(at.getTime() + 8 * 3_600_000);
	return `${beijing.toISOString().slice(0, 19)}+08:00`;
}
const wechatTime = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
	.transform((text) => new Date(text));

// WeChat takes 6 to 32 characters: letters, digits, _ - | *.
const outTradeNoSchema = z.string().regex(/^[A-Za-z0-9_\-|*]{6,32}$/, "6 to 32 letters, digits or _-|*");
const outRefundNoSchema = z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/);
const fenSchema = z.number().int().min(1).max(10_000_000_000);

const startSchema = z
	.object({
		outTradeNo: outTradeNoSchema,
		amountFen: fenSchema,
		description: z.string().trim().min(1),
		channel: z.enum(["native", "h5", "jsapi"]),
		notifyUrl: z.string().url(),
		// WeChat refuses a time_expire already past; so does this, before a payer meets it.
		expiresAt: z.date().refine((at) => at.getTime() > Date.now(), "expiresAt is past"),
		payerIp: z.union([z.ipv4(), z.ipv6()]).optional(),
		openid: z.string().min(1).max(128).optional(),
	})
	.refine((start) => start.channel !== "h5" || start.payerIp, { message: "h5 needs the payer's IP", path: ["payerIp"] })
	.refine((start) => start.channel !== "jsapi" || start.openid, { message: "jsapi needs the payer's openid", path: ["openid"] });

export interface WechatJsapiParams {
	appId: string;
	timeStamp: string;
	nonceStr: string;
	package: string;
	signType: "RSA";
	paySign: string;
}

/**
 * Opens a trade (it exists at WeChat Pay at once, unlike an Alipay page pay). `expiresAt` becomes
 * `time_expire`, so WeChat itself refuses a payment after the booking's deadline.
 */
export async function startWechatPayment(input: {
	outTradeNo: string;
	amountFen: number;
	description: string;
	channel: WechatChannel;
	notifyUrl: string;
	expiresAt: Date;
	payerIp?: string;
	openid?: string;
}): Promise<{ qrCode?: string; payUrl?: string; jsapiParams?: WechatJsapiParams }> {
	const start = startSchema.parse(input);
	const operation = `pay ${start.channel}`;
	const config = requireWechatPay(operation);
	const body: Record<string, unknown> = {
		appid: config.appid,
		mchid: config.mchid,
		// WeChat caps the description at 127 characters.
		description: start.description.slice(0, 127),
		out_trade_no: start.outTradeNo,
		time_expire: toRfc3339Beijing(start.expiresAt),
		notify_url: start.notifyUrl,
		amount: { total: start.amountFen, currency: "CNY" },
	};
	if (start.channel === "h5") body.scene_info = { payer_client_ip: start.payerIp, h5_info: { type: "Wap" } };
	else if (start.payerIp) body.scene_info = { payer_client_ip: start.payerIp };
	if (start.channel === "jsapi") body.payer = { openid: start.openid };
	const answer = await wechatRequest(operation, "POST", `/v3/pay/transactions/${start.channel}`, body);
	if (answer.status !== 200) throw refusedBy(operation, answer);
	const field = (name: string) => {
		const value = answer.json?.[name];
		if (typeof value !== "string" || !value) throw new WechatPayError(operation, "bad_answer", name);
		return value;
	};
	if (start.channel === "native") return { qrCode: field("code_url") };
	if (start.channel === "h5") return { payUrl: field("h5_url") };
	const prepayId = field("prepay_id");
	const jsapi = {
		appId: config.appid,
		timeStamp: String(Math.floor(Date.now() / 1000)),
		nonceStr: nonce(),
		package: `prepay_id=${prepayId}`,
		signType: "RSA" as const,
	};
	const paySign = signWithMerchantKey(config, `${jsapi.appId}\n${jsapi.timeStamp}\n${jsapi.nonceStr}\n${jsapi.package}\n`);
	return { jsapiParams: { ...jsapi, paySign } };
}

const envelopeSchema = z.object({
	id: z.string().min(1),
	create_time: z.string().optional(),
	event_type: z.string().min(1),
	resource_type: z.literal("encrypt-resource"),
	resource: z.object({
		algorithm: z.literal("AEAD_AES_256_GCM"),
		ciphertext: z.string().min(1),
		associated_data: z.string().optional(),
		original_type: z.string().optional(),
		nonce: z.string().min(1),
	}),
});

const transactionSchema = z.object({
	mchid: z.string().min(1),
	appid: z.string().min(1),
	out_trade_no: z.string().min(1),
	transaction_id: z.string().optional(),
	trade_state: z.enum(tradeStates),
	success_time: wechatTime.optional(),
	amount: z.object({ total: z.number().int(), currency: z.string().optional() }),
});

const refundSchema = z.object({
	mchid: z.string().min(1),
	out_trade_no: z.string().min(1),
	transaction_id: z.string().optional(),
	out_refund_no: z.string().min(1),
	refund_id: z.string().min(1),
	refund_status: z.enum(["SUCCESS", "CLOSED", "ABNORMAL", "PROCESSING"]),
	success_time: wechatTime.optional(),
	amount: z.object({ total: z.number().int(), refund: z.number().int() }),
});

export type WechatNotification =
	| {
			ok: true;
			kind: "payment";
			/** The notification's id: WeChat resends the same id until acknowledged. */
			eventId: string;
			eventType: string;
			outTradeNo: string;
			transactionId?: string;
			mchid: string;
			appid: string;
			totalFen: number;
			tradeState: WechatTradeState;
			paidAt?: Date;
	  }
	| {
			ok: true;
			kind: "refund";
			eventId: string;
			/** REFUND.SUCCESS, REFUND.ABNORMAL or REFUND.CLOSED. */
			eventType: string;
			outTradeNo: string;
			outRefundNo: string;
			refundId: string;
			mchid: string;
			refundFen: number;
			totalFen: number;
			refundStatus: "SUCCESS" | "CLOSED" | "ABNORMAL" | "PROCESSING";
			refundedAt?: Date;
	  }
	| { ok: false; reason: string };

type HeaderBag = Record<string, string | string[] | undefined> | Headers;
function headerOf(headers: HeaderBag, name: string): string | undefined {
	if (headers instanceof Headers) return headers.get(name) ?? undefined;
	const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	const value = entry?.[1];
	return Array.isArray(value) ? undefined : value;
}

/** The notification's resource, decrypted with the APIv3 key (AES-256-GCM: the last 16 bytes are the tag). */
function decryptResource(key: Buffer, resource: z.infer<typeof envelopeSchema>["resource"]): string {
	const sealed = Buffer.from(resource.ciphertext, "base64");
	if (sealed.length <= 16) throw new Error("ciphertext too short");
	const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(resource.nonce, "utf8"));
	decipher.setAuthTag(sealed.subarray(sealed.length - 16));
	decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
	return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString("utf8");
}

/**
 * Reads a payment or refund notification: WeChat Pay's signature over the body exactly as
 * received, then the resource decrypted (which also proves it was sealed with our APIv3 key).
 * Never throws: whatever is wrong comes back as `{ ok: false, reason }`. Whether the merchant, app
 * and amount are the expected ones is the caller's check, against its rows.
 */
export function readWechatNotification(headers: HeaderBag, rawBody: string | Buffer): WechatNotification {
	try {
		const config = wechatpayConfig();
		if (!config) return { ok: false, reason: "not_configured" };
		const body = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
		const check = checkWechatSignature(config, (name) => headerOf(headers, name), body);
		if (check !== "ok") return { ok: false, reason: check };
		let parsedBody: unknown;
		try {
			parsedBody = JSON.parse(body);
		} catch {
			return { ok: false, reason: "malformed: not json" };
		}
		const envelope = envelopeSchema.safeParse(parsedBody);
		if (!envelope.success) return { ok: false, reason: `malformed: ${envelope.error.issues[0]?.path.join(".") ?? "body"}` };
		let plain: unknown;
		try {
			plain = JSON.parse(decryptResource(config.apiV3Key, envelope.data.resource));
		} catch {
			return { ok: false, reason: "undecryptable" };
		}
		const { id: eventId, event_type: eventType } = envelope.data;
		if (eventType.startsWith("REFUND.")) {
			const refund = refundSchema.safeParse(plain);
			if (!refund.success) return { ok: false, reason: `malformed: resource.${refund.error.issues[0]?.path.join(".")}` };
			const fields = refund.data;
			return {
				ok: true,
				kind: "refund",
				eventId,
				eventType,
				outTradeNo: fields.out_trade_no,
				outRefundNo: fields.out_refund_no,
				refundId: fields.refund_id,
				mchid: fields.mchid,
				refundFen: fields.amount.refund,
				totalFen: fields.amount.total,
				refundStatus: fields.refund_status,
				...(fields.success_time ? { refundedAt: fields.success_time } : {}),
			};
		}
		const transaction = transactionSchema.safeParse(plain);
		if (!transaction.success) {
			return { ok: false, reason: `malformed: resource.${transaction.error.issues[0]?.path.join(".")}` };
		}
		const fields = transaction.data;
		// A payment in another currency is not one of ours.
		if (fields.amount.currency && fields.amount.currency !== "CNY") return { ok: false, reason: "malformed: currency" };
		return {
			ok: true,
			kind: "payment",
			eventId,
			eventType,
			outTradeNo: fields.out_trade_no,
			...(fields.transaction_id ? { transactionId: fields.transaction_id } : {}),
			mchid: fields.mchid,
			appid: fields.appid,
			totalFen: fields.amount.total,
			tradeState: fields.trade_state,
			...(fields.success_time ? { paidAt: fields.success_time } : {}),
		};
	} catch {
		return { ok: false, reason: "unreadable" };
	}
}

const notFound = (answer: WechatAnswer) =>
	answer.status === 404 || answer.json?.code === "ORDER_NOT_EXIST" || answer.json?.code === "RESOURCE_NOT_EXISTS";

/** What WeChat Pay knows of a trade (NOT_FOUND when it never heard of it). */
export async function queryWechatTrade(outTradeNo: string): Promise<{
	tradeState: WechatTradeState | "NOT_FOUND";
	transactionId?: string;
	totalFen?: number;
	mchid?: string;
	appid?: string;
	paidAt?: Date;
}> {
	const operation = "query";
	const config = requireWechatPay(operation);
	const number = outTradeNoSchema.parse(outTradeNo);
	const answer = await wechatRequest(
		operation,
		"GET",
		`/v3/pay/transactions/out-trade-no/${encodeURIComponent(number)}?mchid=${encodeURIComponent(config.mchid)}`,
	);
	if (notFound(answer)) return { tradeState: "NOT_FOUND" };
	if (answer.status !== 200) throw refusedBy(operation, answer);
	const trade = transactionSchema.safeParse(answer.json);
	if (!trade.success) throw new WechatPayError(operation, "bad_answer");
	return {
		tradeState: trade.data.trade_state,
		...(trade.data.transaction_id ? { transactionId: trade.data.transaction_id } : {}),
		totalFen: trade.data.amount.total,
		mchid: trade.data.mchid,
		appid: trade.data.appid,
		...(trade.data.success_time ? { paidAt: trade.data.success_time } : {}),
	};
}

/**
 * Closes an unpaid trade, so a late payment cannot land. `closed` is true when it is closed (now or
 * before); otherwise `reason` is "paid" (the payer paid first: the caller has money to book or
 * refund) or "not_found".
 */
export async function closeWechatTrade(outTradeNo: string): Promise<{ closed: boolean; reason?: "paid" | "not_found" }> {
	const operation = "close";
	const config = requireWechatPay(operation);
	const number = outTradeNoSchema.parse(outTradeNo);
	const answer = await wechatRequest(operation, "POST", `/v3/pay/transactions/out-trade-no/${encodeURIComponent(number)}/close`, {
		mchid: config.mchid,
	});
	if (answer.status === 204 || answer.status === 200) return { closed: true };
	if (notFound(answer)) return { closed: false, reason: "not_found" };
	// ORDERPAID, or a state WeChat will not close from: the trade's state tells what it is.
	const trade = await queryWechatTrade(number);
	if (trade.tradeState === "SUCCESS" || trade.tradeState === "REFUND") return { closed: false, reason: "paid" };
	if (trade.tradeState === "CLOSED" || trade.tradeState === "REVOKED") return { closed: true };
	throw refusedBy(operation, answer);
}

const refundInputSchema = z.object({
	outTradeNo: outTradeNoSchema,
	outRefundNo: outRefundNoSchema,
	refundFen: fenSchema,
	totalFen: fenSchema,
	reason: z.string().trim().max(80).optional(),
	notifyUrl: z.string().url().optional(),
});

/** Refusals a later retry with the same out_refund_no can overcome. */
const retryableRefundCodes = new Set(["SYSTEM_ERROR", "FREQUENCY_LIMITED", "NOT_ENOUGH"]);

/**
 * Refunds part or all of a paid trade. Idempotent by `outRefundNo`: the same number again never
 * refunds twice (WeChat answers the first refund's state). WeChat usually answers PROCESSING and
 * tells the outcome by a refund notification: "pending" means ask again later with the same
 * number (or wait for the notification); "failed" is a definite no (`message` has its code).
 */
export async function refundWechat(input: {
	outTradeNo: string;
	outRefundNo: string;
	refundFen: number;
	totalFen: number;
	reason?: string;
	notifyUrl?: string;
}): Promise<{ status: "success" | "pending" | "failed"; refundedFen?: number; message?: string }> {
	const refund = refundInputSchema.parse(input);
	const operation = "refund";
	let answer: WechatAnswer;
	try {
		answer = await wechatRequest(operation, "POST", "/v3/refund/domestic/refunds", {
			out_trade_no: refund.outTradeNo,
			out_refund_no: refund.outRefundNo,
			...(refund.reason ? { reason: refund.reason } : {}),
			...(refund.notifyUrl ? { notify_url: refund.notifyUrl } : {}),
			amount: { refund: refund.refundFen, total: refund.totalFen, currency: "CNY" },
		});
	} catch (error) {
		if (error instanceof WechatPayError && error.reason !== "not_configured") return { status: "pending", message: error.reason };
		throw error;
	}
	if (answer.status === 200) {
		const status = answer.json?.status;
		const amount = answer.json?.amount as { refund?: unknown } | undefined;
		const refundedFen = typeof amount?.refund === "number" ? amount.refund : refund.refundFen;
		if (status === "SUCCESS") return { status: "success", refundedFen };
		if (status === "PROCESSING") return { status: "pending", message: "PROCESSING" };
		if (status === "CLOSED" || status === "ABNORMAL") return { status: "failed", message: String(status) };
		return { status: "pending", message: "unknown_status" };
	}
	const code = String(answer.json?.code ?? answer.status);
	if (answer.status === 429 || retryableRefundCodes.has(code)) return { status: "pending", message: code };
	refusedBy(operation, answer);
	return { status: "failed", message: code };
}

const billDateSchema = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	// Date.parse takes "2026-02-30" as 2 March: a real day reads back the same.
	.refine((text) => {
		const day = new Date(`${text}T00:00:00Z`);
		return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
	}, "not a date");

/** The day's trade bill as WeChat Pay serves it: where to download it and the SHA1 it must have. */
export async function wechatTradeBillUrl(date: string): Promise<{ downloadUrl: string; sha1?: string }> {
	const operation = "tradebill";
	const billDate = billDateSchema.parse(date);
	const answer = await wechatRequest(operation, "GET", `/v3/bill/tradebill?bill_date=${billDate}&bill_type=ALL`);
	if (answer.status !== 200 || typeof answer.json?.download_url !== "string") throw refusedBy(operation, answer);
	const sha1 =
		answer.json.hash_type === "SHA1" && typeof answer.json.hash_value === "string" ? answer.json.hash_value : undefined;
	return { downloadUrl: answer.json.download_url, ...(sha1 ? { sha1 } : {}) };
}
