import {
	createCipheriv,
	createHash,
	createSign,
	createVerify,
	generateKeyPairSync,
	type KeyObject,
	randomBytes,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback WeChat Pay API v3, speaking its wire format so the app's real signing and verifying
 * code runs in tests. Every request's `Authorization: WECHATPAY2-SHA256-RSA2048 …` is checked with
 * the merchant's public key (mchid, serial_no, a fresh timestamp, the signature over
 * `METHOD\nPATH\nTS\nNONCE\nBODY\n`); every answer is signed with the fake's platform key and
 * names its `PUB_KEY_ID_…` in Wechatpay-Serial:
 * - `POST /v3/pay/transactions/native|h5|jsapi`: opens a trade (code_url, h5_url, prepay_id);
 * - `GET /v3/pay/transactions/out-trade-no/{no}?mchid=`, `POST …/{no}/close`;
 * - `POST /v3/refund/domestic/refunds` (idempotent by out_refund_no, never more than paid; answers
 *   PROCESSING, or SUCCESS with `refundsSettleAtOnce`), `GET /v3/refund/domestic/refunds/{no}`;
 * - `GET /v3/bill/tradebill?bill_date=&bill_type=` → download_url, `GET /v3/billdownload/file?token=`
 *   (the CSV, unsigned, as WeChat serves it).
 * A test pays with `pay(outTradeNo)`, which returns the signed, AES-256-GCM-sealed notification;
 * `deliver(notification)` POSTs it to the trade's notify_url, as often as a test likes.
 */
export type FakeWechatTradeState = "NOTPAY" | "SUCCESS" | "REFUND" | "CLOSED";

export interface FakeWechatRefund {
	outRefundNo: string;
	refundId: string;
	fen: number;
	status: "PROCESSING" | "SUCCESS" | "ABNORMAL" | "CLOSED";
	notifyUrl?: string;
	reason?: string;
	createdAt: Date;
	succeededAt?: Date;
}

export interface FakeWechatTrade {
	outTradeNo: string;
	transactionId?: string;
	channel: "native" | "h5" | "jsapi";
	appid: string;
	totalFen: number;
	description: string;
	state: FakeWechatTradeState;
	notifyUrl: string;
	timeExpire: string;
	payerIp?: string;
	openid?: string;
	createdAt: Date;
	paidAt?: Date;
	refunds: Map<string, FakeWechatRefund>;
}

/** A notification as WeChat sends it: the JSON body and its signature headers. */
export interface FakeWechatNotification {
	headers: Record<string, string>;
	body: string;
	/** Where it is sent unless `deliver` is told otherwise. */
	notifyUrl: string;
}

export interface FakeWechatPay {
	url: string;
	mchid: string;
	appid: string;
	serial: string;
	publicKeyId: string;
	apiV3Key: string;
	/** The settings that point the app at this fake (keys as PEM: merchant PKCS#8, platform SPKI). */
	settings: {
		WECHATPAY_MCHID: string;
		WECHATPAY_APPID: string;
		WECHATPAY_SERIAL: string;
		WECHATPAY_PRIVATE_KEY: string;
		WECHATPAY_PUBLIC_KEY: string;
		WECHATPAY_PUBLIC_KEY_ID: string;
		WECHATPAY_APIV3_KEY: string;
		WECHATPAY_BASE_URL: string;
	};
	keys: { merchant: { privateKey: KeyObject; publicKey: KeyObject }; platform: { privateKey: KeyObject; publicKey: KeyObject } };
	trades: Map<string, FakeWechatTrade>;
	/** The payer pays: the trade succeeds and its notification is returned (not yet sent). */
	pay(outTradeNo: string, options?: { at?: Date }): FakeWechatNotification;
	/** A TRANSACTION.SUCCESS-style notification of the trade as it is now; `resource` fields overridden by `change`. */
	notificationFor(outTradeNo: string, options?: NotificationOptions): FakeWechatNotification;
	/** WeChat finishes a refund (SUCCESS by default) and returns its REFUND.* notification (not yet sent). */
	settleRefund(outRefundNo: string, status?: "SUCCESS" | "ABNORMAL" | "CLOSED"): FakeWechatNotification;
	/** Seals and signs any notification (for tests that build one on purpose). */
	buildNotification(
		eventType: string,
		resource: Record<string, unknown>,
		notifyUrl: string,
		options?: NotificationOptions,
	): FakeWechatNotification;
	/** POSTs a notification to its notify_url (or `url`); answers what the app replied. */
	deliver(notification: FakeWechatNotification, url?: string): Promise<{ status: number; body: string }>;
	/** The next call to `path` (e.g. "/v3/refund/domestic/refunds") answers this status and code. */
	failNext(path: string, status: number, code: string, message?: string): void;
	/** The next answer is signed with a key that is not the platform's. */
	forgeNextSignature(): void;
	/** Refunds answer SUCCESS at once instead of PROCESSING (default false). */
	refundsSettleAtOnce: boolean;
	/** The trade bill of a day (yyyy-MM-dd, Beijing) as its CSV text. */
	billCsv(date: string): string;
	/** "METHOD path" of requests whose signature checked out. */
	verifiedCalls: string[];
	/** Codes of refused requests. */
	rejected: string[];
	close(): Promise<void>;
}

export interface NotificationOptions {
	/** Sign with this key instead of the platform's (a forgery). */
	signingKey?: KeyObject;
	/** Seal with this APIv3 key instead of the merchant's. */
	apiV3Key?: string;
	/** Fields of the decrypted resource to change (a wrong mchid, amount…), before sealing. */
	change?: Record<string, unknown>;
	/** Timestamp of the signature (seconds); now by default. */
	timestamp?: number;
}

const beijing = (at: Date) => `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const beijingText = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
const yuan = (fen: number) => `${(fen - (fen % 100)) / 100}.${String(fen % 100).padStart(2, "0")}`;
const digits = (count: number) => Array.from(randomBytes(count), (byte) => String(byte % 10)).join("");

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		request.on("error", reject);
	});
}

/**
 * More of the API on the same fake (e.g. transfer bills, tests/fakes/wechatpay-transfer.ts): called
 * after the request's signature checked out; answers true when it handled the request.
 */
export type FakeWechatRoute = (call: {
	method: string;
	url: URL;
	input: Record<string, any>;
	request: IncomingMessage;
	response: ServerResponse;
	answer: (status: number, payload?: unknown) => void;
	refuse: (status: number, code: string, message: string) => void;
}) => boolean;

export async function startFakeWechatPay(
	options: { mchid?: string; appid?: string; routes?: FakeWechatRoute } = {},
): Promise<FakeWechatPay> {
	const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
	const merchantKeys = rsa();
	const platformKeys = rsa();
	const forgerKeys = rsa();
	const mchid = options.mchid ?? "1900000109";
	const appid = options.appid ?? "wxd678efh567hg6787";
	const serial = randomBytes(20).toString("hex").toUpperCase();
	const publicKeyId = `PUB_KEY_ID_0119000001092026120100${digits(6)}`;
	const apiV3Key = randomBytes(16).toString("hex");
	const trades = new Map<string, FakeWechatTrade>();
	const failures = new Map<string, { status: number; code: string; message: string }>();
	const billTokens = new Map<string, string>();
	let forgeNext = false;

	function trade(outTradeNo: string): FakeWechatTrade | undefined {
		const found = trades.get(outTradeNo);
		// WeChat closes an unpaid trade at its time_expire.
		if (found?.state === "NOTPAY" && new Date(found.timeExpire) < new Date()) found.state = "CLOSED";
		return found;
	}

	function sign(message: string, key: KeyObject = platformKeys.privateKey) {
		return createSign("RSA-SHA256").update(message).sign(key, "base64");
	}

	function signedHeaders(body: string, key?: KeyObject, timestamp = Math.floor(Date.now() / 1000)) {
		const nonceStr = randomBytes(16).toString("hex");
		return {
			"wechatpay-timestamp": String(timestamp),
			"wechatpay-nonce": nonceStr,
			"wechatpay-signature": sign(`${timestamp}\n${nonceStr}\n${body}\n`, key),
			"wechatpay-serial": publicKeyId,
		};
	}

	function seal(plain: string, key: string) {
		const nonceStr = randomBytes(6).toString("hex");
		const associated = "transaction";
		const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "utf8"), Buffer.from(nonceStr, "utf8"));
		cipher.setAAD(Buffer.from(associated, "utf8"));
		const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
		return { algorithm: "AEAD_AES_256_GCM", ciphertext: sealed.toString("base64"), associated_data: associated, nonce: nonceStr };
	}

	function buildNotification(
		eventType: string,
		resource: Record<string, unknown>,
		notifyUrl: string,
		opts: NotificationOptions = {},
	): FakeWechatNotification {
		const plain = { ...resource, ...(opts.change ?? {}) };
		const refund = eventType.startsWith("REFUND.");
		const body = JSON.stringify({
			id: randomBytes(18).toString("hex"),
			create_time: beijing(new Date()),
			resource_type: "encrypt-resource",
			event_type: eventType,
			summary: refund ? "退款成功" : "支付成功",
			resource: { original_type: refund ? "refund" : "transaction", ...seal(JSON.stringify(plain), opts.apiV3Key ?? apiV3Key) },
		});
		return {
			headers: { "content-type": "application/json", ...signedHeaders(body, opts.signingKey, opts.timestamp) },
			body,
			notifyUrl,
		};
	}

	function transactionOf(found: FakeWechatTrade) {
		return {
			appid: found.appid,
			mchid,
			out_trade_no: found.outTradeNo,
			...(found.transactionId ? { transaction_id: found.transactionId } : {}),
			trade_type: found.channel === "native" ? "NATIVE" : found.channel === "h5" ? "MWEB" : "JSAPI",
			trade_state: found.state,
			trade_state_desc: found.state === "SUCCESS" ? "支付成功" : found.state,
			bank_type: "OTHERS",
			attach: "",
			...(found.paidAt ? { success_time: beijing(found.paidAt) } : {}),
			payer: { openid: found.openid ?? "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
			amount: {
				total: found.totalFen,
				currency: "CNY",
				...(found.paidAt ? { payer_total: found.totalFen, payer_currency: "CNY" } : {}),
			},
		};
	}

	function refundOf(found: FakeWechatTrade, refund: FakeWechatRefund) {
		return {
			mchid,
			out_trade_no: found.outTradeNo,
			transaction_id: found.transactionId,
			out_refund_no: refund.outRefundNo,
			refund_id: refund.refundId,
			refund_status: refund.status,
			...(refund.succeededAt ? { success_time: beijing(refund.succeededAt) } : {}),
			user_received_account: "支付用户零钱",
			amount: { total: found.totalFen, refund: refund.fen, payer_total: found.totalFen, payer_refund: refund.fen },
		};
	}

	function refundAnswer(found: FakeWechatTrade, refund: FakeWechatRefund) {
		return {
			refund_id: refund.refundId,
			out_refund_no: refund.outRefundNo,
			transaction_id: found.transactionId,
			out_trade_no: found.outTradeNo,
			channel: "ORIGINAL",
			user_received_account: "支付用户零钱",
			...(refund.succeededAt ? { success_time: beijing(refund.succeededAt) } : {}),
			create_time: beijing(refund.createdAt),
			status: refund.status,
			funds_account: "AVAILABLE",
			amount: {
				total: found.totalFen,
				refund: refund.fen,
				payer_total: found.totalFen,
				payer_refund: refund.fen,
				currency: "CNY",
			},
		};
	}

	function findRefund(outRefundNo: string): { found: FakeWechatTrade; refund: FakeWechatRefund } | undefined {
		for (const found of trades.values()) {
			const refund = found.refunds.get(outRefundNo);
			if (refund) return { found, refund };
		}
		return undefined;
	}

	const refundedFen = (found: FakeWechatTrade) =>
		[...found.refunds.values()]
			.filter((refund) => refund.status !== "CLOSED" && refund.status !== "ABNORMAL")
			.reduce((sum, refund) => sum + refund.fen, 0);

	/** The Authorization header's fields, or why it is refused. */
	function verify(request: IncomingMessage, path: string, body: string): string | null {
		const header = request.headers.authorization ?? "";
		if (!header.startsWith("WECHATPAY2-SHA256-RSA2048 ")) return "SIGN_ERROR: no WECHATPAY2-SHA256-RSA2048 authorization";
		const fields = Object.fromEntries(
			[...header.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1] as string, match[2] as string]),
		);
		if (fields.mchid !== mchid) return "SIGN_ERROR: mchid";
		if (fields.serial_no !== serial) return "SIGN_ERROR: serial_no";
		const timestamp = Number(fields.timestamp);
		if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return "SIGN_ERROR: timestamp";
		if (!fields.nonce_str || !fields.signature) return "SIGN_ERROR: nonce_str or signature";
		const message = `${request.method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
		const valid = createVerify("RSA-SHA256").update(message).verify(merchantKeys.publicKey, fields.signature, "base64");
		return valid ? null : "SIGN_ERROR: signature";
	}

	function answer(response: ServerResponse, status: number, payload?: unknown) {
		const body = payload === undefined ? "" : JSON.stringify(payload);
		const key = forgeNext ? forgerKeys.privateKey : undefined;
		forgeNext = false;
		response.writeHead(status, { ...(body ? { "content-type": "application/json" } : {}), ...signedHeaders(body, key) });
		response.end(body);
	}
	const refuse = (response: ServerResponse, status: number, code: string, message: string) => {
		fake.rejected.push(code);
		answer(response, status, { code, message });
	};

	function open(channel: FakeWechatTrade["channel"], input: Record<string, any>, response: ServerResponse) {
		const total = input.amount?.total;
		if (input.mchid !== mchid || input.appid !== appid)
			return refuse(response, 400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
		if (!Number.isInteger(total) || total < 1) return refuse(response, 400, "PARAM_ERROR", "amount.total 须为正整数（分）");
		if (typeof input.out_trade_no !== "string" || !/^[A-Za-z0-9_\-|*]{6,32}$/.test(input.out_trade_no)) {
			return refuse(response, 400, "PARAM_ERROR", "out_trade_no 格式错误");
		}
		if (typeof input.notify_url !== "string" || typeof input.description !== "string" || !input.description) {
			return refuse(response, 400, "PARAM_ERROR", "缺少 notify_url 或 description");
		}
		if (typeof input.time_expire !== "string" || new Date(input.time_expire) <= new Date()) {
			return refuse(response, 400, "PARAM_ERROR", "time_expire 已过期");
		}
		if (channel === "h5" && !input.scene_info?.payer_client_ip)
			return refuse(response, 400, "PARAM_ERROR", "缺少 payer_client_ip");
		if (channel === "jsapi" && !input.payer?.openid) return refuse(response, 400, "PARAM_ERROR", "缺少 payer.openid");
		const existing = trades.get(input.out_trade_no);
		if (existing) {
			if (existing.state === "SUCCESS" || existing.state === "REFUND") return refuse(response, 400, "ORDERPAID", "该订单已支付");
			if (existing.totalFen !== total) return refuse(response, 400, "INVALID_REQUEST", "201 商户订单号重复");
		}
		const created: FakeWechatTrade = existing ?? {
			outTradeNo: input.out_trade_no,
			channel,
			appid,
			totalFen: total,
			description: input.description,
			state: "NOTPAY",
			notifyUrl: input.notify_url,
			timeExpire: input.time_expire,
			payerIp: input.scene_info?.payer_client_ip,
			openid: input.payer?.openid,
			createdAt: new Date(),
			refunds: new Map(),
		};
		trades.set(created.outTradeNo, created);
		const id = randomBytes(12).toString("hex");
		if (channel === "native") return answer(response, 200, { code_url: `weixin://wxpay/bizpayurl?pr=${id.slice(0, 7)}` });
		if (channel === "h5") {
			return answer(response, 200, {
				h5_url: `${fake.url}/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx${id}&package=${digits(10)}`,
			});
		}
		return answer(response, 200, { prepay_id: `wx${beijingText(new Date()).replace(/\D/g, "")}${id}` });
	}

	function refund(input: Record<string, any>, response: ServerResponse) {
		const found = typeof input.out_trade_no === "string" ? trade(input.out_trade_no) : undefined;
		if (!found) return refuse(response, 404, "RESOURCE_NOT_EXISTS", "订单不存在");
		const outRefundNo = input.out_refund_no;
		if (typeof outRefundNo !== "string" || !outRefundNo) return refuse(response, 400, "PARAM_ERROR", "缺少 out_refund_no");
		const fen = input.amount?.refund;
		const existing = found.refunds.get(outRefundNo);
		// The same number again is the same refund: its state, never a second one.
		if (existing) return answer(response, 200, refundAnswer(found, existing));
		if (found.state !== "SUCCESS" && found.state !== "REFUND") return refuse(response, 400, "INVALID_REQUEST", "订单未支付");
		if (!Number.isInteger(fen) || fen < 1) return refuse(response, 400, "PARAM_ERROR", "amount.refund 须为正整数（分）");
		if (input.amount?.total !== found.totalFen) return refuse(response, 400, "INVALID_REQUEST", "订单金额与原订单不一致");
		if (refundedFen(found) + fen > found.totalFen)
			return refuse(response, 400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
		const created: FakeWechatRefund = {
			outRefundNo,
			refundId: `50000${digits(24)}`,
			fen,
			status: fake.refundsSettleAtOnce ? "SUCCESS" : "PROCESSING",
			notifyUrl: typeof input.notify_url === "string" ? input.notify_url : undefined,
			reason: input.reason,
			createdAt: new Date(),
			...(fake.refundsSettleAtOnce ? { succeededAt: new Date() } : {}),
		};
		found.refunds.set(outRefundNo, created);
		found.state = "REFUND";
		return answer(response, 200, refundAnswer(found, created));
	}

	function billCsv(date: string): string {
		const header =
			"交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
		const lines: string[] = [];
		let paidFen = 0;
		let refundFen = 0;
		let feeFen = 0;
		const fee = (fen: number) => Math.round(fen * 0.006);
		const cells = (values: string[]) => values.map((value) => `\`${value}`).join(",");
		for (const found of trades.values()) {
			const base = [found.appid, mchid, "0", "", found.transactionId ?? "", found.outTradeNo, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"];
			const type = found.channel === "native" ? "NATIVE" : found.channel === "h5" ? "MWEB" : "JSAPI";
			if (found.paidAt && beijingDay(found.paidAt) === date) {
				paidFen += found.totalFen;
				feeFen += fee(found.totalFen);
				lines.push(
					cells([
						beijingText(found.paidAt),
						...base,
						type,
						"SUCCESS",
						"OTHERS",
						"CNY",
						yuan(found.totalFen),
						"0.00",
						"0",
						"0",
						"0.00",
						"0.00",
						"",
						"",
						found.description,
						"",
						yuan(fee(found.totalFen)),
						"0.60%",
						yuan(found.totalFen),
						"0.00",
						"",
					]),
				);
			}
			for (const done of found.refunds.values()) {
				if (done.status !== "SUCCESS" || !done.succeededAt || beijingDay(done.succeededAt) !== date) continue;
				refundFen += done.fen;
				feeFen -= fee(done.fen);
				lines.push(
					cells([
						beijingText(done.succeededAt),
						...base,
						type,
						"REFUND",
						"OTHERS",
						"CNY",
						"0.00",
						"0.00",
						done.refundId,
						done.outRefundNo,
						yuan(done.fen),
						"0.00",
						"ORIGINAL",
						"SUCCESS",
						found.description,
						"",
						`-${yuan(fee(done.fen))}`,
						"0.60%",
						yuan(found.totalFen),
						yuan(done.fen),
						"",
					]),
				);
			}
		}
		return [
			header,
			...lines,
			"总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
			cells([
				String(lines.length),
				yuan(paidFen),
				yuan(refundFen),
				"0.00",
				feeFen < 0 ? `-${yuan(-feeFen)}` : yuan(feeFen),
				yuan(paidFen),
				yuan(refundFen),
			]),
			"",
		].join("\r\n");
	}

	async function route(request: IncomingMessage, response: ServerResponse) {
		const path = request.url ?? "/";
		const url = new URL(path, "http://fake");
		const body = await readBody(request);
		const problem = verify(request, path, body);
		if (problem) return refuse(response, 401, "SIGN_ERROR", problem);
		fake.verifiedCalls.push(`${request.method} ${url.pathname}`);
		const failure = failures.get(url.pathname);
		if (failure) {
			failures.delete(url.pathname);
			return refuse(response, failure.status, failure.code, failure.message);
		}
		let input: Record<string, any> = {};
		if (body) {
			try {
				input = JSON.parse(body);
			} catch {
				return refuse(response, 400, "PARAM_ERROR", "请求体不是 JSON");
			}
		}
		const pay = /^\/v3\/pay\/transactions\/(native|h5|jsapi)$/.exec(url.pathname);
		if (pay && request.method === "POST") return open(pay[1] as FakeWechatTrade["channel"], input, response);
		const byNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
		if (byNo) {
			const found = trade(decodeURIComponent(byNo[1] as string));
			const mchidGiven = byNo[2] ? input.mchid : url.searchParams.get("mchid");
			if (mchidGiven !== mchid) return refuse(response, 400, "PARAM_ERROR", "mchid 不正确");
			if (!found) return refuse(response, 404, "ORDER_NOT_EXIST", "订单不存在");
			if (!byNo[2] && request.method === "GET") return answer(response, 200, transactionOf(found));
			if (byNo[2] && request.method === "POST") {
				if (found.state === "SUCCESS" || found.state === "REFUND") return refuse(response, 400, "ORDERPAID", "订单已支付");
				found.state = "CLOSED";
				return answer(response, 204);
			}
		}
		if (url.pathname === "/v3/refund/domestic/refunds" && request.method === "POST") return refund(input, response);
		const refundNo = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
		if (refundNo && request.method === "GET") {
			const known = findRefund(decodeURIComponent(refundNo[1] as string));
			if (!known) return refuse(response, 404, "RESOURCE_NOT_EXISTS", "退款单不存在");
			return answer(response, 200, refundAnswer(known.found, known.refund));
		}
		if (url.pathname === "/v3/bill/tradebill" && request.method === "GET") {
			const date = url.searchParams.get("bill_date") ?? "";
			if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return refuse(response, 400, "PARAM_ERROR", "bill_date 格式错误");
			const token = randomBytes(12).toString("hex");
			const csv = billCsv(date);
			billTokens.set(token, csv);
			return answer(response, 200, {
				hash_type: "SHA1",
				hash_value: createHash("sha1").update(csv, "utf8").digest("hex"),
				download_url: `${fake.url}/v3/billdownload/file?token=${token}`,
			});
		}
		if (url.pathname === "/v3/billdownload/file" && request.method === "GET") {
			const csv = billTokens.get(url.searchParams.get("token") ?? "");
			if (csv === undefined) return refuse(response, 404, "RESOURCE_NOT_EXISTS", "账单不存在");
			// The file itself is not signed; its SHA1 came in the signed answer before.
			response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
			return response.end(csv);
		}
		const handled = options.routes?.({
			method: request.method ?? "GET",
			url,
			input,
			request,
			response,
			answer: (status, payload) => answer(response, status, payload),
			refuse: (status, code, message) => refuse(response, status, code, message),
		});
		if (handled) return;
		return refuse(response, 404, "NOT_FOUND", `no route ${request.method} ${url.pathname}`);
	}

	const fake: FakeWechatPay = {
		url: "",
		mchid,
		appid,
		serial,
		publicKeyId,
		apiV3Key,
		settings: {
			WECHATPAY_MCHID: mchid,
			WECHATPAY_APPID: appid,
			WECHATPAY_SERIAL: serial,
			WECHATPAY_PRIVATE_KEY: merchantKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
			WECHATPAY_PUBLIC_KEY: platformKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
			WECHATPAY_PUBLIC_KEY_ID: publicKeyId,
			WECHATPAY_APIV3_KEY: apiV3Key,
			WECHATPAY_BASE_URL: "",
		},
		keys: { merchant: merchantKeys, platform: platformKeys },
		trades,
		refundsSettleAtOnce: false,
		pay(outTradeNo, opts = {}) {
			const found = trade(outTradeNo);
			if (!found) throw new Error(`fake WeChat Pay: no trade ${outTradeNo}`);
			if (found.state !== "NOTPAY") throw new Error(`fake WeChat Pay: trade ${outTradeNo} is ${found.state}`);
			found.state = "SUCCESS";
			found.paidAt = opts.at ?? new Date();
			found.transactionId = `4200${digits(24)}`;
			return fake.notificationFor(outTradeNo);
		},
		notificationFor(outTradeNo, opts = {}) {
			const found = trade(outTradeNo);
			if (!found) throw new Error(`fake WeChat Pay: no trade ${outTradeNo}`);
			return buildNotification("TRANSACTION.SUCCESS", transactionOf(found), found.notifyUrl, opts);
		},
		settleRefund(outRefundNo, status = "SUCCESS") {
			const known = findRefund(outRefundNo);
			if (!known) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
			known.refund.status = status;
			if (status === "SUCCESS") known.refund.succeededAt = new Date();
			return buildNotification(
				`REFUND.${status}`,
				refundOf(known.found, known.refund),
				known.refund.notifyUrl ?? known.found.notifyUrl,
			);
		},
		buildNotification,
		async deliver(notification, url) {
			const response = await fetch(url ?? notification.notifyUrl, {
				method: "POST",
				headers: notification.headers,
				body: notification.body,
			});
			return { status: response.status, body: await response.text() };
		},
		failNext(path, status, code, message = code) {
			failures.set(path, { status, code, message });
		},
		forgeNextSignature() {
			forgeNext = true;
		},
		billCsv,
		verifiedCalls: [],
		rejected: [],
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};

	const server = createServer((request, response) => {
		route(request, response).catch(() => {
			if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
			response.end(JSON.stringify({ code: "SYSTEM_ERROR", message: "fake failed" }));
		});
	});
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	fake.settings.WECHATPAY_BASE_URL = fake.url;
	return fake;
}
