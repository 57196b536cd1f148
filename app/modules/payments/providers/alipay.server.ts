import type { AlipaySdk } from "alipay-sdk";
import { z } from "zod";
import { type AlipayConfig, alipayConfig, alipaySdk } from "~/lib/alipay-client.server";
import { logger } from "~/lib/logger.server";
import { fenToYuan, yuanToFen } from "~/lib/money";

/**
 * Alipay as a payment provider, through alipay-sdk (openapi gateway, RSA2): page pay on desktop,
 * WAP pay on phones, precreate for a QR code, query, close, refund, notification check and the
 * daily bill. Amounts cross this boundary as integer fen; Alipay's yuan strings are converted by
 * their digits (lib/money), never through a float. Payment bookkeeping is the caller's.
 */
export type { AlipayConfig };

export type AlipayTradeStatus = "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_FINISHED" | "TRADE_CLOSED";
const tradeStatuses = ["WAIT_BUYER_PAY", "TRADE_SUCCESS", "TRADE_FINISHED", "TRADE_CLOSED"] as const;

/**
 * Alipay refused or could not be reached, or its answer was not signed by Alipay. Carries no
 * response content (it can hold buyer data): the method, Alipay's codes and a short reason.
 */
export class AlipayError extends Error {
	constructor(
		readonly method: string,
		readonly reason: "not_configured" | "unreachable" | "bad_answer" | "refused",
		readonly alipayCode?: string,
		readonly subCode?: string,
	) {
		super(`Alipay ${method}: ${reason}${subCode ? ` (${subCode})` : ""}`);
		this.name = "AlipayError";
	}
}

export function alipayConfigured(): boolean {
	return alipayConfig() !== null;
}

function client(method: string): AlipaySdk {
	const sdk = alipaySdk();
	if (!sdk) throw new AlipayError(method, "not_configured");
	return sdk;
}

type Answer = Record<string, unknown> & { code?: string; subCode?: string };

/** One signed gateway call whose answer must carry Alipay's signature; business refusals are returned, not thrown. */
async function call(method: string, bizContent: Record<string, unknown>, extra: Record<string, string> = {}) {
	const sdk = client(method);
	let answer: Answer;
	try {
		answer = (await sdk.exec(method, { bizContent, ...extra }, { validateSign: true })) as Answer;
	} catch (error) {
		// The SDK's messages quote the whole answer: log only what failed.
		const unreachable = error instanceof Error && /HttpClient Request error|HTTP 请求错误/.test(error.message);
		logger.warn({ provider: "alipay", method, reason: unreachable ? "unreachable" : "bad_answer" }, "alipay call failed");
		throw new AlipayError(method, unreachable ? "unreachable" : "bad_answer");
	}
	return answer;
}

function refused(method: string, answer: Answer): AlipayError {
	logger.warn({ provider: "alipay", method, alipayCode: answer.code, subCode: answer.subCode }, "alipay refused");
	return new AlipayError(method, "refused", String(answer.code ?? ""), String(answer.subCode ?? ""));
}

/** Alipay's times ("yyyy-MM-dd HH:mm:ss") are Beijing time, UTC+8 all year. */
const beijingOffsetMs = 8 * 3_600_000;
function toBeijingTime(at: Date): string {
	return new Date(at.getTime() + beijingOffsetMs).toISOString().slice(0, 19).replace("T", " ");
}
function fromBeijingTime(text: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
	const at = new Date(`${text.replace(" ", "T")}+08:00`);
	return Number.isNaN(at.getTime()) ? null : at;
}

const outTradeNoSchema = z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "letters, digits and _ only, at most 64");
const startSchema = z.object({
	outTradeNo: outTradeNoSchema,
	// Alipay takes 0.01 to 100 000 000 yuan.
	amountFen: z.number().int().min(1).max(10_000_000_000),
	subject: z.string().trim().min(1),
	channel: z.enum(["page", "wap", "qr"]),
	notifyUrl: z.string().url(),
	returnUrl: z.string().url(),
	// Alipay refuses a time_expire already past; so does this, before a buyer meets it.
	expiresAt: z.date().refine((at) => at.getTime() > Date.now(), "expiresAt is past"),
});

/**
 * Alipay refuses "/", "=" and "&" in a subject and caps it at 256 characters; a comma would
 * shift the columns of the daily bill, which Alipay writes without quotes.
 */
function subjectFor(subject: string): string {
	return subject.replace(/[/=&,]/g, " ").slice(0, 128);
}

/**
 * Opens a trade. page / wap: the signed cashier URL the browser is sent to (nothing reaches
 * Alipay until the buyer opens it). qr: `alipay.trade.precreate`, answering the QR code's text.
 * `expiresAt` becomes `time_expire`, so Alipay itself refuses a payment after the booking's deadline.
 */
export async function startAlipayPayment(input: {
	outTradeNo: string;
	amountFen: number;
	subject: string;
	channel: "page" | "wap" | "qr";
	notifyUrl: string;
	returnUrl: string;
	expiresAt: Date;
}): Promise<{ payUrl?: string; qrCode?: string }> {
	const start = startSchema.parse(input);
	const bizContent: Record<string, unknown> = {
		outTradeNo: start.outTradeNo,
		totalAmount: fenToYuan(start.amountFen),
		subject: subjectFor(start.subject),
		timeExpire: toBeijingTime(start.expiresAt),
	};
	if (start.channel === "qr") {
		const method = "alipay.trade.precreate";
		const answer = await call(method, bizContent, { notifyUrl: start.notifyUrl });
		if (answer.code !== "10000" || typeof answer.qrCode !== "string" || !answer.qrCode) throw refused(method, answer);
		return { qrCode: answer.qrCode };
	}
	const method = start.channel === "page" ? "alipay.trade.page.pay" : "alipay.trade.wap.pay";
	const payUrl = client(method).pageExecute(method, "GET", {
		bizContent: {
			...bizContent,
			productCode: start.channel === "page" ? "FAST_INSTANT_TRADE_PAY" : "QUICK_WAP_WAY",
			// On a phone the cashier's "back" button returns to the booking.
			...(start.channel === "wap" ? { quitUrl: start.returnUrl } : {}),
		},
		notifyUrl: start.notifyUrl,
		returnUrl: start.returnUrl,
	});
	return { payUrl };
}

const notificationSchema = z.object({
	notify_id: z.string().min(1),
	out_trade_no: z.string().min(1),
	trade_no: z.string().min(1),
	app_id: z.string().min(1),
	seller_id: z.string().min(1).optional(),
	total_amount: z.string(),
	trade_status: z.enum(tradeStatuses),
	gmt_payment: z.string().optional(),
	refund_fee: z.string().optional(),
});

export type AlipayNotification =
	| {
			ok: true;
			notifyId: string;
			outTradeNo: string;
			tradeNo: string;
			appId: string;
			sellerId?: string;
			totalFen: number;
			status: AlipayTradeStatus;
			paidAt?: Date;
			/**
			 * Present on the notifications Alipay sends after a refund (refund_fee: everything
			 * refunded so far): TRADE_SUCCESS after a partial refund, TRADE_CLOSED after a full one.
			 * A TRADE_CLOSED with refundedFen is a refunded payment, not an unpaid trade closed.
			 */
			refundedFen?: number;
			raw: Record<string, string>;
	  }
	| { ok: false; reason: string };

/**
 * Checks an asynchronous notification's RSA2 signature with ALIPAY_PUBLIC_KEY (checkNotifySignV2:
 * over the values exactly as posted) and reads it. Never throws: whatever is wrong comes back as
 * `{ ok: false, reason }`. Whether the app id, seller and amount are the expected ones is the
 * caller's check, against its payment row.
 */
export function readAlipayNotification(form: Record<string, string>): AlipayNotification {
	try {
		const sdk = alipaySdk();
		if (!sdk) return { ok: false, reason: "not_configured" };
		if (typeof form !== "object" || form === null) return { ok: false, reason: "malformed" };
		const raw: Record<string, string> = {};
		for (const [name, value] of Object.entries(form)) {
			// A repeated field arrives as an array: Alipay never sends one.
			if (typeof value !== "string") return { ok: false, reason: `malformed: ${name}` };
			raw[name] = value;
		}
		if (!raw.sign) return { ok: false, reason: "missing_signature" };
		// The SDK would take the sender's word for the algorithm; only RSA2 is ours.
		if (raw.sign_type !== "RSA2") return { ok: false, reason: "unsupported_sign_type" };
		if (!sdk.checkNotifySignV2(raw)) return { ok: false, reason: "bad_signature" };
		const parsed = notificationSchema.safeParse(raw);
		if (!parsed.success) return { ok: false, reason: `malformed: ${parsed.error.issues[0]?.path.join(".") ?? "form"}` };
		const fields = parsed.data;
		const totalFen = yuanToFen(fields.total_amount);
		if (totalFen === null) return { ok: false, reason: "malformed: total_amount" };
		let paidAt: Date | undefined;
		if (fields.gmt_payment) {
			const at = fromBeijingTime(fields.gmt_payment);
			if (!at) return { ok: false, reason: "malformed: gmt_payment" };
			paidAt = at;
		}
		const refundedFen = fields.refund_fee === undefined ? undefined : yuanToFen(fields.refund_fee);
		if (refundedFen === null) return { ok: false, reason: "malformed: refund_fee" };
		return {
			ok: true,
			notifyId: fields.notify_id,
			outTradeNo: fields.out_trade_no,
			tradeNo: fields.trade_no,
			appId: fields.app_id,
			...(fields.seller_id ? { sellerId: fields.seller_id } : {}),
			totalFen,
			status: fields.trade_status,
			...(paidAt ? { paidAt } : {}),
			...(refundedFen !== undefined ? { refundedFen } : {}),
			raw,
		};
	} catch {
		return { ok: false, reason: "unreadable" };
	}
}

/** What Alipay knows of a trade; NOT_FOUND while the buyer has not opened the cashier (or never will). */
export async function queryAlipayTrade(
	outTradeNo: string,
): Promise<{ status: AlipayTradeStatus | "NOT_FOUND"; tradeNo?: string; totalFen?: number }> {
	const method = "alipay.trade.query";
	const answer = await call(method, { outTradeNo: outTradeNoSchema.parse(outTradeNo) });
	if (answer.code === "40004" && answer.subCode === "ACQ.TRADE_NOT_EXIST") return { status: "NOT_FOUND" };
	if (answer.code !== "10000") throw refused(method, answer);
	const status = z.enum(tradeStatuses).safeParse(answer.tradeStatus);
	const totalFen = typeof answer.totalAmount === "string" ? yuanToFen(answer.totalAmount) : null;
	if (!status.success || totalFen === null) throw new AlipayError(method, "bad_answer");
	return {
		status: status.data,
		...(typeof answer.tradeNo === "string" ? { tradeNo: answer.tradeNo } : {}),
		totalFen,
	};
}

/**
 * Closes an unpaid trade, so a late payment cannot land. `closed` is true when the trade is closed
 * (now or before). Otherwise `reason` says why: "paid" (the buyer paid first: the caller has money
 * to book or refund) or "not_found" (the buyer never opened the cashier; its time_expire keeps it
 * from being opened later).
 */
export async function closeAlipayTrade(outTradeNo: string): Promise<{ closed: boolean; reason?: "paid" | "not_found" }> {
	const method = "alipay.trade.close";
	const answer = await call(method, { outTradeNo: outTradeNoSchema.parse(outTradeNo) });
	if (answer.code === "10000") return { closed: true };
	if (answer.code === "40004" && answer.subCode === "ACQ.TRADE_NOT_EXIST") return { closed: false, reason: "not_found" };
	if (answer.code === "40004" && answer.subCode === "ACQ.TRADE_STATUS_ERROR") {
		// Closed already, or paid: only the trade's state tells which.
		const trade = await queryAlipayTrade(outTradeNo);
		if (trade.status === "TRADE_CLOSED") return { closed: true };
		if (trade.status === "TRADE_SUCCESS" || trade.status === "TRADE_FINISHED") return { closed: false, reason: "paid" };
	}
	throw refused(method, answer);
}

const refundSchema = z.object({
	outTradeNo: outTradeNoSchema,
	outRequestNo: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
	refundFen: z.number().int().min(1).max(10_000_000_000),
	reason: z.string().trim().max(256).optional(),
});

/** Refusals a later retry with the same out_request_no can overcome. */
const retryableRefundCodes = new Set(["ACQ.SYSTEM_ERROR", "ACQ.SELLER_BALANCE_NOT_ENOUGH"]);

/**
 * Refunds part or all of a paid trade. Idempotent by `outRequestNo`: the same number again never
 * refunds twice (Alipay answers the first refund's outcome). "pending" means ask again later with
 * the same number; "failed" is Alipay's definite no (`message` has its code). `refundedFen` is
 * this request's amount, as Alipay confirmed it.
 */
export async function refundAlipay(input: {
	outTradeNo: string;
	outRequestNo: string;
	refundFen: number;
	reason?: string;
}): Promise<{ status: "success" | "pending" | "failed"; refundedFen?: number; message?: string }> {
	const refund = refundSchema.parse(input);
	const method = "alipay.trade.refund";
	let answer: Answer;
	try {
		answer = await call(method, {
			outTradeNo: refund.outTradeNo,
			outRequestNo: refund.outRequestNo,
			refundAmount: fenToYuan(refund.refundFen),
			...(refund.reason ? { refundReason: refund.reason } : {}),
		});
	} catch (error) {
		if (error instanceof AlipayError && error.reason !== "not_configured") return { status: "pending", message: error.reason };
		throw error;
	}
	if (answer.code === "10000" && answer.fundChange === "Y") return { status: "success", refundedFen: refund.refundFen };
	if (answer.code === "10000") {
		// fund_change N: this number was refunded before, or is still in progress; Alipay's advice is to ask.
		return refundOutcome(refund.outTradeNo, refund.outRequestNo);
	}
	const subCode = String(answer.subCode ?? answer.code ?? "");
	if (answer.code === "20000" || retryableRefundCodes.has(subCode)) return { status: "pending", message: subCode };
	refused(method, answer);
	return { status: "failed", message: subCode };
}

/** alipay.trade.fastpay.refund.query: a refund exists once Alipay returns its amount (refund_status empty or REFUND_SUCCESS). */
async function refundOutcome(
	outTradeNo: string,
	outRequestNo: string,
): Promise<{ status: "success" | "pending"; refundedFen?: number; message?: string }> {
	const method = "alipay.trade.fastpay.refund.query";
	let answer: Answer;
	try {
		answer = await call(method, { outTradeNo, outRequestNo });
	} catch (error) {
		if (error instanceof AlipayError) return { status: "pending", message: error.reason };
		throw error;
	}
	const refundedFen = typeof answer.refundAmount === "string" ? yuanToFen(answer.refundAmount) : null;
	const done = answer.refundStatus === undefined || answer.refundStatus === "REFUND_SUCCESS";
	if (answer.code === "10000" && refundedFen !== null && done) return { status: "success", refundedFen };
	return { status: "pending", message: String(answer.subCode ?? answer.refundStatus ?? "not_yet") };
}

/**
 * Where to download the day's trade bill (a zip of CSV files in GBK), from
 * `alipay.data.dataservice.bill.downloadurl.query`. The URL is short-lived (Alipay: 30 seconds).
 */
export async function alipayBillUrl(date: string): Promise<string> {
	const method = "alipay.data.dataservice.bill.downloadurl.query";
	const billDate = z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		// Date.parse takes "2026-02-30" as 2 March: a real day reads back the same.
		.refine((text) => {
			const day = new Date(`${text}T00:00:00Z`);
			return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
		}, "not a date")
		.parse(date);
	const answer = await call(method, { billType: "trade", billDate });
	if (answer.code !== "10000" || typeof answer.billDownloadUrl !== "string") throw refused(method, answer);
	return answer.billDownloadUrl;
}
