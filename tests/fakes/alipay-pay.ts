import { generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeGbk, zipFiles } from "./alipay-bill";
import { gatewayParams, requestSignedBy, rsa2Sign, signContent, timestampFresh, writeSignedAnswer } from "./alipay-gateway";

/**
 * A loopback Alipay for payments, speaking the openapi gateway's wire format so the real
 * alipay-sdk code path runs in tests. Every request's RSA2 signature is checked with the app's
 * public key; every answer is signed with this fake's "Alipay" key (generated at start):
 * - `GET /gateway.do?method=alipay.trade.page.pay|alipay.trade.wap.pay&…`: the cashier page the
 *   browser is sent to; opening it creates the trade (as at Alipay, where a page-pay trade exists
 *   once the buyer opens the cashier).
 * - `POST /gateway.do`: `alipay.trade.precreate` (creates the trade, answers a QR code),
 *   `alipay.trade.query`, `alipay.trade.close`, `alipay.trade.refund` (idempotent by
 *   out_request_no, never more than paid), `alipay.trade.fastpay.refund.query`,
 *   `alipay.data.dataservice.bill.downloadurl.query`.
 * - `POST /cashier/pay` (the cashier page's 确认付款 button; `GET /qr/<trade_no>` is the same page
 *   for a QR code): pays, POSTs the notification to notify_url, and sends the browser back to
 *   return_url with Alipay's signed return parameters, so a browser test can pay end to end.
 * - `GET /bill/<token>`: the day's bill, a zip of two GBK CSV files (业务明细 and 汇总), as Alipay
 *   serves it.
 * A test pays with `pay(outTradeNo)`, which returns the signed asynchronous notification (built
 * as Alipay does: every parameter, sorted, `sign` over `k=v&…` without sign and sign_type);
 * `deliver(form)` POSTs it to the trade's notify_url, as often as a test likes.
 */
export type FakeTradeStatus = "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_FINISHED" | "TRADE_CLOSED";

export interface FakeAlipayTrade {
	outTradeNo: string;
	tradeNo: string;
	/** The amount exactly as the app sent it ("12.50"), and in fen. */
	totalAmount: string;
	totalFen: number;
	subject: string;
	method: string;
	status: FakeTradeStatus;
	notifyUrl?: string;
	returnUrl?: string;
	/** Beijing time, as sent. */
	timeExpire?: string;
	createdAt: Date;
	paidAt?: Date;
	refunds: Map<string, { fen: number; reason?: string; at: Date }>;
	refundedFen: number;
	/** The last notification built for this trade (redeliveries send the same one). */
	notification?: Record<string, string>;
}

export interface FakeAlipayPay {
	/** http://127.0.0.1:PORT */
	url: string;
	/** `${url}/gateway.do`, for ALIPAY_GATEWAY. */
	gateway: string;
	appId: string;
	/** The merchant's Alipay account (2088…), the notifications' seller_id. */
	sellerId: string;
	/** The four settings that point the app at this fake (keys as PEM, PKCS#8 / SPKI). */
	settings: { ALIPAY_APP_ID: string; ALIPAY_PRIVATE_KEY: string; ALIPAY_PUBLIC_KEY: string; ALIPAY_GATEWAY: string };
	keys: { app: { privateKey: KeyObject; publicKey: KeyObject }; alipay: { privateKey: KeyObject; publicKey: KeyObject } };
	trades: Map<string, FakeAlipayTrade>;
	/** The buyer pays: the trade succeeds and its signed notification is returned (not yet sent). */
	pay(outTradeNo: string, options?: { at?: Date }): Record<string, string>;
	/** A notification of the trade as it is now, signed by Alipay (or by `signingKey`). */
	notificationFor(outTradeNo: string, options?: { signingKey?: KeyObject }): Record<string, string>;
	/** Signs a form as Alipay signs notifications (e.g. after a test changed a field on purpose). */
	signNotification(form: Record<string, string>, signingKey?: KeyObject): Record<string, string>;
	/** Notifications sent by the cashier page's 确认付款, with what the app answered. */
	deliveries: Array<{ outTradeNo: string; status: number; body: string }>;
	/** POSTs a notification to `notifyUrl`, or to its trade's notify_url; answers what the app replied. */
	deliver(form: Record<string, string>, notifyUrl?: string): Promise<{ status: number; body: string }>;
	/** The next call of `method` is refused with this code (e.g. ACQ.SYSTEM_ERROR). */
	failNext(method: string, subCode: string, subMsg?: string, code?: string): void;
	/** The next gateway answer is signed with a key that is not Alipay's. */
	forgeNextSignature(): void;
	/** The bill of a day (yyyy-MM-dd, Beijing) as the CSV text of its 业务明细 file. */
	billCsv(date: string): string;
	/** Gateway calls whose request signature checked out, by method. */
	verifiedCalls: string[];
	/** sub_codes of refused gateway calls. */
	rejected: string[];
	close(): Promise<void>;
}

const beijingOffsetMs = 8 * 3_600_000;
const beijing = (at: Date) => new Date(at.getTime() + beijingOffsetMs).toISOString().slice(0, 19).replace("T", " ");
const fromBeijing = (text: string) => new Date(`${text.replace(" ", "T")}+08:00`);

/** Alipay's own rule for amounts: 0.01 to 100 000 000 yuan, at most two decimals. */
function amountFen(text: unknown): number | null {
	if (typeof text !== "string") return null;
	const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return null;
	const fen = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
	return fen >= 1 && fen <= 10_000_000_000 ? fen : null;
}
const yuan = (fen: number) => `${(fen - (fen % 100)) / 100}.${String(fen % 100).padStart(2, "0")}`;

const digits = (count: number) => Array.from(randomBytes(count), (byte) => String(byte % 10)).join("");

type Refusal = { code: string; msg: string; sub_code: string; sub_msg: string };
const businessFailed = (subCode: string, subMsg: string): Refusal => ({
	code: "40004",
	msg: "Business Failed",
	sub_code: subCode,
	sub_msg: subMsg,
});

export async function startFakeAlipayPay(options: { appId?: string; sellerId?: string } = {}): Promise<FakeAlipayPay> {
	const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
	const appKeys = rsa();
	const alipayKeys = rsa();
	const forgerKeys = rsa();
	const appId = options.appId ?? "2021000000000099";
	const sellerId = options.sellerId ?? "2088000000000099";
	const trades = new Map<string, FakeAlipayTrade>();
	const failures = new Map<string, Refusal>();
	const bills = new Map<string, string>();
	let forgeNext = false;

	function trade(outTradeNo: string): FakeAlipayTrade | undefined {
		const found = trades.get(outTradeNo);
		// Alipay closes an unpaid trade at its time_expire.
		if (found?.status === "WAIT_BUYER_PAY" && found.timeExpire && fromBeijing(found.timeExpire) < new Date()) {
			found.status = "TRADE_CLOSED";
		}
		return found;
	}

	function signNotification(form: Record<string, string>, signingKey: KeyObject = alipayKeys.privateKey) {
		const unsigned = Object.entries(form).filter(([name]) => name !== "sign" && name !== "sign_type");
		return {
			...Object.fromEntries(unsigned),
			sign: rsa2Sign(signContent(unsigned, []), signingKey),
			sign_type: "RSA2",
		};
	}

	function notificationFor(outTradeNo: string, opts: { signingKey?: KeyObject } = {}) {
		const found = trade(outTradeNo);
		if (!found) throw new Error(`fake Alipay: no trade ${outTradeNo}`);
		const now = new Date();
		const paid = found.paidAt ? yuan(found.totalFen) : "0.00";
		const form: Record<string, string> = {
			gmt_create: beijing(found.createdAt),
			charset: "utf-8",
			seller_email: "merchant@example.com",
			subject: found.subject,
			buyer_id: "2088102177846880",
			invoice_amount: paid,
			notify_id: `${beijing(now).replace(/\D/g, "")}${digits(20)}`,
			// Alipay sends this JSON HTML-escaped, and signs it so.
			fund_bill_list: `[{&quot;amount&quot;:&quot;${paid}&quot;,&quot;fundChannel&quot;:&quot;ALIPAYACCOUNT&quot;}]`,
			notify_type: "trade_status_sync",
			trade_status: found.status,
			receipt_amount: paid,
			buyer_pay_amount: paid,
			app_id: appId,
			seller_id: sellerId,
			notify_time: beijing(now),
			version: "1.0",
			out_trade_no: found.outTradeNo,
			total_amount: found.totalAmount,
			trade_no: found.tradeNo,
			auth_app_id: appId,
			buyer_logon_id: "158****1562",
			point_amount: "0.00",
		};
		if (found.paidAt) form.gmt_payment = beijing(found.paidAt);
		if (found.refundedFen > 0) {
			form.refund_fee = yuan(found.refundedFen);
			form.out_biz_no = [...found.refunds.keys()].at(-1) ?? "";
			form.gmt_refund = `${beijing(now)}.000`;
		}
		const sorted = Object.fromEntries(Object.entries(form).sort(([a], [b]) => (a < b ? -1 : 1)));
		const signed = signNotification(sorted, opts.signingKey);
		if (!opts.signingKey) found.notification = signed;
		return signed;
	}

	const fake: FakeAlipayPay = {
		url: "",
		gateway: "",
		appId,
		sellerId,
		settings: {
			ALIPAY_APP_ID: appId,
			ALIPAY_PRIVATE_KEY: appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
			ALIPAY_PUBLIC_KEY: alipayKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
			ALIPAY_GATEWAY: "",
		},
		keys: { app: appKeys, alipay: alipayKeys },
		trades,
		pay(outTradeNo, opts = {}) {
			const found = trade(outTradeNo);
			if (!found) throw new Error(`fake Alipay: no trade ${outTradeNo} (open its payUrl or precreate it first)`);
			if (found.status !== "WAIT_BUYER_PAY") throw new Error(`fake Alipay: trade ${outTradeNo} is ${found.status}`);
			found.status = "TRADE_SUCCESS";
			found.paidAt = opts.at ?? new Date();
			return notificationFor(outTradeNo);
		},
		notificationFor,
		signNotification,
		deliveries: [],
		async deliver(form, notifyUrl) {
			const target = notifyUrl ?? trades.get(form.out_trade_no ?? "")?.notifyUrl;
			if (!target) throw new Error("fake Alipay: the trade has no notify_url");
			const response = await fetch(target, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
				body: new URLSearchParams(form).toString(),
			});
			return { status: response.status, body: await response.text() };
		},
		failNext(method, subCode, subMsg = "fake failure", code = "40004") {
			failures.set(method, {
				code,
				msg: code === "20000" ? "Service Currently Unavailable" : "Business Failed",
				sub_code: subCode,
				sub_msg: subMsg,
			});
		},
		forgeNextSignature() {
			forgeNext = true;
		},
		billCsv,
		verifiedCalls: [],
		rejected: [],
		close: () => new Promise((done) => server.close(() => done())),
	};

	function answer(response: ServerResponse, key: string, body: Record<string, unknown>) {
		writeSignedAnswer(response, key, body, forgeNext ? forgerKeys.privateKey : alipayKeys.privateKey);
		forgeNext = false;
	}

	function refuse(response: ServerResponse, key: string, refusal: Refusal) {
		fake.rejected.push(refusal.sub_code);
		answer(response, key, refusal);
	}

	/** The checks of every gateway request; the refusal, or null when it may go on. */
	function checkRequest(params: Map<string, string>): Refusal | null {
		const invalid = (subCode: string, subMsg: string): Refusal => ({
			code: "40002",
			msg: "Invalid Arguments",
			sub_code: subCode,
			sub_msg: subMsg,
		});
		if (params.get("app_id") !== appId) return invalid("isv.invalid-app-id", "无效的AppID参数");
		if (params.get("sign_type") !== "RSA2") return invalid("isv.invalid-signature-type", "无效的签名类型");
		if (!timestampFresh(params.get("timestamp"))) return invalid("isv.invalid-timestamp", "非法的时间戳参数");
		if (!requestSignedBy(params, appKeys.publicKey)) {
			return invalid("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配");
		}
		return null;
	}

	function bizContent(params: Map<string, string>): Record<string, unknown> {
		try {
			const parsed = JSON.parse(params.get("biz_content") ?? "{}");
			return typeof parsed === "object" && parsed ? parsed : {};
		} catch {
			return {};
		}
	}

	/** Creates the trade, or finds the same one again; a refusal when it clashes. */
	function openTrade(method: string, params: Map<string, string>, biz: Record<string, unknown>): FakeAlipayTrade | Refusal {
		const outTradeNo = typeof biz.out_trade_no === "string" ? biz.out_trade_no : "";
		const fen = amountFen(biz.total_amount);
		const subject = typeof biz.subject === "string" ? biz.subject : "";
		if (!/^[A-Za-z0-9_]{1,64}$/.test(outTradeNo))
			return { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-parameter", sub_msg: "out_trade_no 格式错误" };
		if (fen === null)
			return { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-parameter", sub_msg: "total_amount 格式错误" };
		if (!subject) return { code: "40002", msg: "Invalid Arguments", sub_code: "isv.missing-parameter", sub_msg: "缺少 subject" };
		const productCode = { "alipay.trade.page.pay": "FAST_INSTANT_TRADE_PAY", "alipay.trade.wap.pay": "QUICK_WAP_WAY" }[method];
		if (productCode && biz.product_code !== productCode) return businessFailed("ACQ.INVALID_PARAMETER", "product_code 不正确");
		const timeExpire = typeof biz.time_expire === "string" ? biz.time_expire : undefined;
		if (timeExpire && !(fromBeijing(timeExpire) > new Date())) return businessFailed("ACQ.TRADE_HAS_CLOSE", "交易已关闭");
		const existing = trade(outTradeNo);
		if (existing) {
			if (existing.totalFen !== fen || existing.subject !== subject)
				return businessFailed("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
			if (existing.status === "TRADE_SUCCESS" || existing.status === "TRADE_FINISHED")
				return businessFailed("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
			if (existing.status === "TRADE_CLOSED") return businessFailed("ACQ.TRADE_HAS_CLOSE", "交易已关闭");
			return existing;
		}
		const created: FakeAlipayTrade = {
			outTradeNo,
			tradeNo: `${beijing(new Date()).slice(0, 10).replace(/\D/g, "")}22001${digits(15)}`,
			totalAmount: String(biz.total_amount),
			totalFen: fen,
			subject,
			method,
			status: "WAIT_BUYER_PAY",
			notifyUrl: params.get("notify_url") || undefined,
			returnUrl: params.get("return_url") || undefined,
			timeExpire,
			createdAt: new Date(),
			refunds: new Map(),
			refundedFen: 0,
		};
		trades.set(outTradeNo, created);
		return created;
	}

	const isRefusal = (value: FakeAlipayTrade | Refusal): value is Refusal => "sub_code" in value;

	function cashierPage(response: ServerResponse, url: URL) {
		const params = new Map(url.searchParams);
		const method = params.get("method") ?? "";
		const page = (status: number, text: string) => {
			response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
			response.end(`<!doctype html><title>支付宝收银台（测试）</title><p>${text}</p>`);
		};
		if (method !== "alipay.trade.page.pay" && method !== "alipay.trade.wap.pay") return page(400, "不支持的接口");
		const problem = checkRequest(params);
		if (problem) {
			fake.rejected.push(problem.sub_code);
			return page(400, `${problem.sub_code}: ${problem.sub_msg}`);
		}
		fake.verifiedCalls.push(method);
		const opened = openTrade(method, params, bizContent(params));
		if (isRefusal(opened)) {
			fake.rejected.push(opened.sub_code);
			return page(400, `${opened.sub_code}: ${opened.sub_msg}`);
		}
		page(200, cashierBody(opened));
	}

	const escapeHtml = (text: string) =>
		text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);

	/** What the buyer sees, with the button a browser test presses to pay. */
	function cashierBody(found: FakeAlipayTrade): string {
		return `订单 ${escapeHtml(found.outTradeNo)}：${escapeHtml(found.subject)}，¥${found.totalAmount}</p>
<form method="post" action="/cashier/pay"><input type="hidden" name="out_trade_no" value="${escapeHtml(found.outTradeNo)}">
<button type="submit">确认付款</button></form><p>`;
	}

	/**
	 * The buyer pressed 确认付款: the trade is paid, the notification goes to notify_url (awaited,
	 * its answer kept in `deliveries`), and the browser returns to return_url with the signed
	 * synchronous return parameters, as Alipay sends them.
	 */
	async function cashierPay(request: IncomingMessage, response: ServerResponse) {
		const params = await gatewayParams(request, new URL("http://fake/"));
		const found = trade(params.get("out_trade_no") ?? "");
		if (found?.status !== "WAIT_BUYER_PAY") {
			response.writeHead(400, { "content-type": "text/html; charset=utf-8" });
			return response.end("<!doctype html><p>交易不存在或已关闭</p>");
		}
		const form = fake.pay(found.outTradeNo);
		if (found.notifyUrl) {
			const delivery = await fake.deliver(form).catch(() => ({ status: 0, body: "" }));
			fake.deliveries.push({ outTradeNo: found.outTradeNo, ...delivery });
		}
		if (!found.returnUrl) {
			response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
			return response.end("<!doctype html><p>支付成功</p>");
		}
		const back = new URL(found.returnUrl);
		const returned = signNotification({
			app_id: appId,
			auth_app_id: appId,
			charset: "utf-8",
			method: `${found.method}.return`,
			out_trade_no: found.outTradeNo,
			seller_id: sellerId,
			timestamp: beijing(new Date()),
			total_amount: found.totalAmount,
			trade_no: found.tradeNo,
			version: "1.0",
		});
		for (const [name, value] of Object.entries(returned)) back.searchParams.set(name, value);
		response.writeHead(302, { location: back.toString() });
		response.end();
	}

	function refundAnswer(found: FakeAlipayTrade, fundChange: "Y" | "N") {
		return {
			code: "10000",
			msg: "Success",
			trade_no: found.tradeNo,
			out_trade_no: found.outTradeNo,
			buyer_logon_id: "158****1562",
			fund_change: fundChange,
			refund_fee: yuan(found.refundedFen),
			gmt_refund_pay: beijing(new Date()),
		};
	}

	function handleMethod(method: string, params: Map<string, string>, biz: Record<string, unknown>): Record<string, unknown> {
		const outTradeNo = typeof biz.out_trade_no === "string" ? biz.out_trade_no : "";
		switch (method) {
			case "alipay.trade.precreate": {
				const opened = openTrade(method, params, biz);
				if (isRefusal(opened)) return opened;
				return { code: "10000", msg: "Success", out_trade_no: opened.outTradeNo, qr_code: `${fake.url}/qr/${opened.tradeNo}` };
			}
			case "alipay.trade.query": {
				const found = trade(outTradeNo);
				if (!found) return businessFailed("ACQ.TRADE_NOT_EXIST", "交易不存在");
				return {
					code: "10000",
					msg: "Success",
					trade_no: found.tradeNo,
					out_trade_no: found.outTradeNo,
					buyer_logon_id: "158****1562",
					trade_status: found.status,
					total_amount: found.totalAmount,
					buyer_pay_amount: found.paidAt ? yuan(found.totalFen) : "0.00",
					...(found.paidAt ? { send_pay_date: beijing(found.paidAt) } : {}),
				};
			}
			case "alipay.trade.close": {
				const found = trade(outTradeNo);
				if (!found) return businessFailed("ACQ.TRADE_NOT_EXIST", "交易不存在");
				if (found.status !== "WAIT_BUYER_PAY") return businessFailed("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
				found.status = "TRADE_CLOSED";
				return { code: "10000", msg: "Success", trade_no: found.tradeNo, out_trade_no: found.outTradeNo };
			}
			case "alipay.trade.refund": {
				const found = trade(outTradeNo);
				if (!found) return businessFailed("ACQ.TRADE_NOT_EXIST", "交易不存在");
				const fen = amountFen(biz.refund_amount);
				if (fen === null)
					return {
						code: "40002",
						msg: "Invalid Arguments",
						sub_code: "isv.invalid-parameter",
						sub_msg: "refund_amount 格式错误",
					};
				// Without out_request_no Alipay takes the trade number: one full refund.
				const requestNo = typeof biz.out_request_no === "string" && biz.out_request_no ? biz.out_request_no : outTradeNo;
				const earlier = found.refunds.get(requestNo);
				if (earlier) {
					if (earlier.fen !== fen) return businessFailed("ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致");
					return refundAnswer(found, "N");
				}
				if (found.status !== "TRADE_SUCCESS") return businessFailed("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
				if (found.refundedFen + fen > found.totalFen) return businessFailed("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
				found.refunds.set(requestNo, {
					fen,
					reason: typeof biz.refund_reason === "string" ? biz.refund_reason : undefined,
					at: new Date(),
				});
				found.refundedFen += fen;
				// A trade refunded in full is closed.
				if (found.refundedFen === found.totalFen) found.status = "TRADE_CLOSED";
				return refundAnswer(found, "Y");
			}
			case "alipay.trade.fastpay.refund.query": {
				const found = trade(outTradeNo);
				if (!found) return businessFailed("ACQ.TRADE_NOT_EXIST", "交易不存在");
				const requestNo = typeof biz.out_request_no === "string" ? biz.out_request_no : "";
				const refund = found.refunds.get(requestNo);
				// No refund under that number: Alipay answers Success with the numbers only.
				if (!refund)
					return {
						code: "10000",
						msg: "Success",
						out_trade_no: found.outTradeNo,
						trade_no: found.tradeNo,
						out_request_no: requestNo,
					};
				return {
					code: "10000",
					msg: "Success",
					out_trade_no: found.outTradeNo,
					trade_no: found.tradeNo,
					out_request_no: requestNo,
					total_amount: found.totalAmount,
					refund_amount: yuan(refund.fen),
					refund_status: "REFUND_SUCCESS",
					gmt_refund_pay: beijing(refund.at),
				};
			}
			case "alipay.data.dataservice.bill.downloadurl.query": {
				const date = typeof biz.bill_date === "string" ? biz.bill_date : "";
				if (biz.bill_type !== "trade" && biz.bill_type !== "signcustomer") {
					return { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-parameter", sub_msg: "bill_type 不正确" };
				}
				if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
					return { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-parameter", sub_msg: "bill_date 格式错误" };
				}
				// A day's bill exists once the day is over (Beijing time).
				if (fromBeijing(`${date} 00:00:00`).getTime() + 86_400_000 > Date.now())
					return businessFailed("isp.bill_not_exist", "账单不存在");
				const token = randomBytes(12).toString("hex");
				bills.set(token, date);
				return { code: "10000", msg: "Success", bill_download_url: `${fake.url}/bill/${token}` };
			}
			default:
				return { code: "40004", msg: "Business Failed", sub_code: "isv.invalid-method", sub_msg: "不存在的方法名" };
		}
	}

	async function gateway(request: IncomingMessage, response: ServerResponse, url: URL) {
		const params = await gatewayParams(request, url);
		const method = params.get("method") ?? "";
		const key = `${method.replaceAll(".", "_")}_response`;
		const problem = checkRequest(params);
		if (problem) return refuse(response, key, problem);
		fake.verifiedCalls.push(method);
		const failure = failures.get(method);
		if (failure) {
			failures.delete(method);
			return refuse(response, key, failure);
		}
		const body = handleMethod(method, params, bizContent(params));
		if (typeof body.sub_code === "string") fake.rejected.push(body.sub_code);
		answer(response, key, body);
	}

	const cell = (value: string) => `${value}\t`;
	function billCsv(date: string): string {
		const dayStart = fromBeijing(`${date} 00:00:00`).getTime();
		const inDay = (at: Date | undefined) => at !== undefined && at.getTime() >= dayStart && at.getTime() < dayStart + 86_400_000;
		const header =
			"支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
		const rows: string[] = [];
		let paidCount = 0;
		let paidFen = 0;
		let refundCount = 0;
		let refundFen = 0;
		for (const found of trades.values()) {
			const base = (kind: string, completedAt: Date, fen: number, requestNo: string) =>
				[
					cell(found.tradeNo),
					cell(found.outTradeNo),
					kind,
					found.subject,
					beijing(found.createdAt),
					beijing(completedAt),
					"",
					"",
					"",
					"",
					"158****1562",
					yuan(found.totalFen),
					kind === "退款" ? `-${yuan(fen)}` : yuan(fen),
					"0.00",
					"0.00",
					"0.00",
					"0.00",
					"0.00",
					"",
					"0.00",
					"0.00",
					cell(requestNo),
					"0.00",
					"0.00",
					"",
				].join(",");
			if (found.paidAt && inDay(found.paidAt)) {
				rows.push(base("交易", found.paidAt, found.totalFen, ""));
				paidCount += 1;
				paidFen += found.totalFen;
			}
			for (const [requestNo, refund] of found.refunds) {
				if (!inDay(refund.at)) continue;
				rows.push(base("退款", refund.at, refund.fen, requestNo));
				refundCount += 1;
				refundFen += refund.fen;
			}
		}
		const compact = date.replaceAll("-", "");
		const next = beijing(new Date(dayStart + 86_400_000))
			.slice(0, 10)
			.replaceAll("-", "");
		const long = (d: string) => `${d.slice(0, 4)}年${d.slice(4, 6)}月${d.slice(6, 8)}日 00:00:00`;
		return [
			"#支付宝业务明细查询",
			`#账号：[${sellerId}0156]`,
			`#起始日期：[${long(compact)}]   终止日期：[${long(next)}]`,
			"#-----------------------------------------业务明细列表----------------------------------------",
			header,
			...rows,
			"#-----------------------------------------业务明细列表结束------------------------------------",
			`#交易合计：${paidCount}笔，商家实收共${yuan(paidFen)}元，商家优惠共0.00元`,
			`#退款合计：${refundCount}笔，商家实收退款共-${yuan(refundFen)}元，商家优惠退款共0.00元`,
			`#导出时间：[${beijing(new Date())}]`,
			"",
		].join("\r\n");
	}

	function billDownload(response: ServerResponse, token: string) {
		const date = bills.get(token);
		if (!date) {
			response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
			return response.end("账单链接无效或已过期");
		}
		const compact = date.replaceAll("-", "");
		const detail = billCsv(date);
		const summary = [
			"#支付宝业务汇总查询",
			`#账号：[${sellerId}0156]`,
			"门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）",
			`#导出时间：[${beijing(new Date())}]`,
			"",
		].join("\r\n");
		const zip = zipFiles([
			{ name: `${sellerId}0156_${compact}_业务明细.csv`, data: encodeGbk(detail) },
			{ name: `${sellerId}0156_${compact}_业务明细(汇总).csv`, data: encodeGbk(summary) },
		]);
		response.writeHead(200, {
			"content-type": "application/zip",
			"content-disposition": `attachment; filename="${sellerId}0156_${compact}.csv.zip"`,
		});
		response.end(zip);
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? "/", "http://fake");
		if (url.pathname === "/gateway.do" && request.method === "POST") return gateway(request, response, url);
		if (url.pathname === "/gateway.do" && request.method === "GET") return cashierPage(response, url);
		if (url.pathname === "/cashier/pay" && request.method === "POST") return cashierPay(request, response);
		const qr = /^\/qr\/(\d+)$/.exec(url.pathname);
		const scanned = qr ? [...trades.values()].find((found) => found.tradeNo === qr[1]) : undefined;
		if (scanned && request.method === "GET") {
			// The QR code's text is this URL: "scanning" it opens the same cashier.
			response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
			return response.end(`<!doctype html><title>支付宝收银台（测试）</title><p>${cashierBody(scanned)}</p>`);
		}
		const bill = /^\/bill\/([0-9a-f]+)$/.exec(url.pathname);
		if (bill && request.method === "GET") return billDownload(response, bill[1] ?? "");
		response.writeHead(404, { "content-type": "text/plain" });
		response.end("not found");
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			response.writeHead(500);
			response.end();
		});
	});
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	fake.gateway = `${fake.url}/gateway.do`;
	fake.settings.ALIPAY_GATEWAY = fake.gateway;
	return fake;
}
