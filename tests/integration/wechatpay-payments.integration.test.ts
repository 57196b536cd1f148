import { createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSettings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { wechatpaySettingProblems } from "~/lib/wechatpay-keys";
import { accountBalance } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { pollPendingPayments } from "~/modules/payments/poll-pending-payments.server";
import {
	closeWechatTrade,
	queryWechatTrade,
	readWechatNotification,
	refundWechat,
	startWechatPayment,
	WechatPayError,
	wechatpayConfigured,
} from "~/modules/payments/providers/wechatpay.server";
import { wechatTradeBill } from "~/modules/payments/providers/wechatpay-bill.server";
import { executeRefund, RefundPending } from "~/modules/payments/refunds/execute-refund.server";
import { bookings, ledgerJournals, payments, refunds } from "../../db/schema";
import { type FakeWechatNotification, type FakeWechatPay, startFakeWechatPay } from "../fakes/wechatpay-pay";
import { apiCall, bookThroughApi } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { settleDomainEvents } from "../support/events";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * WeChat Pay API v3 against the loopback fake: the port (requests signed with the merchant key and
 * checked by the fake, answers and notifications signed with the fake's platform key and checked
 * by the port, resources sealed with the APIv3 key), then payments end to end through the API.
 */
let wechat: FakeWechatPay;
let app: TestApp;
beforeAll(async () => {
	wechat = await startFakeWechatPay();
	app = await startConfiguredApp(wechat.settings);
});
afterAll(async () => {
	await app?.close();
	await wechat?.close();
});
// Whatever a test did with money, the books must balance after it.
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const notifyUrl = () => `${app.url}/api/v1/payments/notify/wechatpay`;
const deliver = (notification: FakeWechatNotification) => wechat.deliver(notification, notifyUrl());
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
let serial = 0;
const nextTradeNo = () => `CPT${Date.now()}${String(++serial).padStart(4, "0")}`;
const portTrade = (amountFen: number, channel: "native" | "h5" | "jsapi" = "native", extra = {}) => {
	const outTradeNo = nextTradeNo();
	return startWechatPayment({
		outTradeNo,
		amountFen,
		description: "球伴 课程定金",
		channel,
		notifyUrl: "http://127.0.0.1:9/api/v1/payments/notify/wechatpay",
		expiresAt: inMinutes(15),
		...extra,
	}).then((started) => ({ outTradeNo, ...started }));
};

const paymentRow = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0];
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0];
const journalsOf = (paymentId: string) => db().select().from(ledgerJournals).where(eq(ledgerJournals.paymentId, paymentId));
const escrowOf = (bookingId: string) => db().transaction((tx) => accountBalance(tx, "booking_escrow", bookingId));

describe("settings", () => {
	it("is configured with every setting, and a production start refuses a half-set or unreadable set, naming the setting", () => {
		expect(wechatpayConfigured()).toBe(true);
		expect(wechatpaySettingProblems(wechat.settings)).toEqual([]);
		// The same keys as PKCS#1 PEM and as bare base64 DER are read too.
		const { privateKey, publicKey } = wechat.keys.merchant;
		expect(
			wechatpaySettingProblems({
				...wechat.settings,
				WECHATPAY_PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
				WECHATPAY_PUBLIC_KEY: wechat.keys.platform.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
			}),
		).toEqual([]);
		const production = {
			APP_ENV: "production",
			DATABASE_URL: "postgres://localhost/x",
			APP_URL: "https://cuepal.example",
			SESSION_SECRET: "s".repeat(40),
			APP_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
			APP_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
			SMS_PROVIDER: "aliyun",
			SMTP_URL: "smtp://localhost",
		};
		expect(() => readSettings({ ...production, ...wechat.settings })).not.toThrow();
		expect(() => readSettings({ ...production, WECHATPAY_MCHID: wechat.mchid })).toThrow(/WECHATPAY_APPID: needed/);
		const unreadable = { ...production, ...wechat.settings, WECHATPAY_PRIVATE_KEY: "not a key", WECHATPAY_APIV3_KEY: "short" };
		expect(() => readSettings(unreadable)).toThrow(/WECHATPAY_PRIVATE_KEY is not an RSA private key/);
		expect(() => readSettings(unreadable)).toThrow(/WECHATPAY_APIV3_KEY/);
		expect(() => readSettings(unreadable)).not.toThrow(/not a key/);
		expect(publicKey.asymmetricKeyType).toBe("rsa");
	});
});

describe("the port against the fake", () => {
	it("native: a code_url for the exact amount and deadline, the request signed with the merchant key", async () => {
		const expiresAt = new Date("2030-06-01T04:05:06.789Z");
		const outTradeNo = nextTradeNo();
		const started = await startWechatPayment({
			outTradeNo,
			amountFen: 1250,
			description: "球伴 课程定金",
			channel: "native",
			notifyUrl: "http://127.0.0.1:9/notify",
			expiresAt,
		});
		expect(started.qrCode).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
		expect(started.payUrl).toBeUndefined();
		expect(wechat.trades.get(outTradeNo)).toMatchObject({
			totalFen: 1250,
			state: "NOTPAY",
			timeExpire: "2030-06-01T12:05:06+08:00",
			appid: wechat.appid,
		});
		expect(wechat.verifiedCalls).toContain("POST /v3/pay/transactions/native");
		expect(await queryWechatTrade(outTradeNo)).toMatchObject({ tradeState: "NOTPAY", totalFen: 1250, mchid: wechat.mchid });
	});

	it("h5 sends the payer's IP; jsapi answers parameters whose paySign the merchant key made", async () => {
		const h5 = await portTrade(990, "h5", { payerIp: "203.0.113.7" });
		expect(h5.payUrl).toMatch(/checkmweb\?prepay_id=/);
		expect(wechat.trades.get(h5.outTradeNo)?.payerIp).toBe("203.0.113.7");
		await expect(portTrade(990, "h5")).rejects.toThrow(/payer's IP/);
		await expect(portTrade(990, "jsapi")).rejects.toThrow(/openid/);

		const jsapi = await portTrade(990, "jsapi", { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" });
		const params = jsapi.jsapiParams;
		expect(params).toMatchObject({ appId: wechat.appid, signType: "RSA", package: expect.stringMatching(/^prepay_id=wx/) });
		const message = `${params?.appId}\n${params?.timeStamp}\n${params?.nonceStr}\n${params?.package}\n`;
		expect(
			createVerify("RSA-SHA256")
				.update(message)
				.verify(wechat.keys.merchant.publicKey, params?.paySign ?? "", "base64"),
		).toBe(true);
	});

	it("refuses an answer not signed with WeChat Pay's platform key, and amounts that are not whole positive fen", async () => {
		wechat.forgeNextSignature();
		const forged = portTrade(100);
		await expect(forged).rejects.toBeInstanceOf(WechatPayError);
		await expect(forged).rejects.toMatchObject({ reason: "bad_answer", code: "bad_signature" });
		const before = wechat.verifiedCalls.length;
		for (const amountFen of [0, -100, 12.5]) await expect(portTrade(amountFen)).rejects.toThrow();
		await expect(portTrade(100, "native", { expiresAt: inMinutes(-1) })).rejects.toThrow(/expiresAt is past/);
		expect(wechat.verifiedCalls.length).toBe(before);
	});

	it("reads a paid notification, and refuses a forged, tampered, stale, unknown-key or wrongly sealed one", async () => {
		const { outTradeNo } = await portTrade(6_600);
		const paid = wechat.pay(outTradeNo);
		const read = readWechatNotification(paid.headers, paid.body);
		expect(read).toMatchObject({
			ok: true,
			kind: "payment",
			eventType: "TRANSACTION.SUCCESS",
			outTradeNo,
			mchid: wechat.mchid,
			appid: wechat.appid,
			totalFen: 6_600,
			tradeState: "SUCCESS",
		});
		expect(read.ok && read.kind === "payment" && read.transactionId).toMatch(/^4200\d{24}$/);
		expect(read.ok && read.kind === "payment" && read.paidAt instanceof Date).toBe(true);

		const forger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
		const forged = wechat.notificationFor(outTradeNo, { signingKey: forger });
		expect(readWechatNotification(forged.headers, forged.body)).toEqual({ ok: false, reason: "bad_signature" });
		expect(readWechatNotification(paid.headers, paid.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" '))).toEqual({
			ok: false,
			reason: "bad_signature",
		});
		const stale = wechat.notificationFor(outTradeNo, { timestamp: Math.floor(Date.now() / 1000) - 3_600 });
		expect(readWechatNotification(stale.headers, stale.body)).toEqual({ ok: false, reason: "stale" });
		expect(readWechatNotification({ ...paid.headers, "wechatpay-serial": "PUB_KEY_ID_OTHER" }, paid.body)).toEqual({
			ok: false,
			reason: "unknown_serial",
		});
		const { "wechatpay-signature": _dropped, ...unsigned } = paid.headers;
		expect(readWechatNotification(unsigned, paid.body)).toEqual({ ok: false, reason: "missing_signature" });
		const sealedOtherwise = wechat.notificationFor(outTradeNo, { apiV3Key: randomBytes(16).toString("hex") });
		expect(readWechatNotification(sealedOtherwise.headers, sealedOtherwise.body)).toEqual({ ok: false, reason: "undecryptable" });
	});

	it("closes an unpaid trade, says a paid one is paid, and refunds idempotently by out_refund_no, never more than paid", async () => {
		const unpaid = await portTrade(500);
		expect(await closeWechatTrade(unpaid.outTradeNo)).toEqual({ closed: true });
		expect((await queryWechatTrade(unpaid.outTradeNo)).tradeState).toBe("CLOSED");
		expect(await queryWechatTrade("CPT000000000000")).toEqual({ tradeState: "NOT_FOUND" });

		const { outTradeNo } = await portTrade(10_000);
		wechat.pay(outTradeNo);
		expect(await closeWechatTrade(outTradeNo)).toEqual({ closed: false, reason: "paid" });
		const refund = { outTradeNo, outRefundNo: `R${outTradeNo}`, refundFen: 3_000, totalFen: 10_000 };
		expect(await refundWechat(refund)).toMatchObject({ status: "pending", message: "PROCESSING" });
		// The same number again is the same refund, not a second one.
		expect(await refundWechat(refund)).toMatchObject({ status: "pending" });
		expect(wechat.trades.get(outTradeNo)?.refunds.size).toBe(1);
		const settled = wechat.settleRefund(refund.outRefundNo);
		expect(readWechatNotification(settled.headers, settled.body)).toMatchObject({
			ok: true,
			kind: "refund",
			eventType: "REFUND.SUCCESS",
			outTradeNo,
			outRefundNo: refund.outRefundNo,
			refundFen: 3_000,
			totalFen: 10_000,
			refundStatus: "SUCCESS",
		});
		expect(await refundWechat(refund)).toEqual({ status: "success", refundedFen: 3_000 });
		const tooMuch = await refundWechat({ ...refund, outRefundNo: `S${outTradeNo}`, refundFen: 7_001 });
		expect(tooMuch).toEqual({ status: "failed", message: "INVALID_REQUEST" });
		wechat.failNext("/v3/refund/domestic/refunds", 500, "SYSTEM_ERROR");
		expect(await refundWechat({ ...refund, outRefundNo: `T${outTradeNo}`, refundFen: 100 })).toMatchObject({ status: "pending" });
	});

	it("reads the day's trade bill into payment and refund lines in fen", async () => {
		const { outTradeNo } = await portTrade(12_345);
		wechat.pay(outTradeNo);
		wechat.refundsSettleAtOnce = true;
		try {
			expect(await refundWechat({ outTradeNo, outRefundNo: `B${outTradeNo}`, refundFen: 45, totalFen: 12_345 })).toMatchObject({
				status: "success",
			});
		} finally {
			wechat.refundsSettleAtOnce = false;
		}
		const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
		const lines = await wechatTradeBill(today);
		const mine = lines.filter((line) => line.outTradeNo === outTradeNo);
		expect(mine).toEqual([
			expect.objectContaining({ kind: "payment", amountFen: 12_345, orderFen: 12_345, feeFen: 74 }),
			expect.objectContaining({ kind: "refund", amountFen: -45, outRefundNo: `B${outTradeNo}` }),
		]);
		expect(mine[0]?.transactionId).toMatch(/^4200/);
		await expect(wechatTradeBill("2026-02-30")).rejects.toThrow();
	});
});

/** A booking waiting for its deposit, and a WeChat Native trade opened for it through the API. */
async function bookingPaidByWechat(name: string, options: { channel?: string; pay?: boolean } = {}) {
	const coach = await bookableCoach(`${name}教练`);
	const player = await signedInUser(`${name}学员`);
	const booking = await bookThroughApi(app, coach, player);
	const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, {
		kind: "deposit",
		method: "wechatpay",
		channel: options.channel ?? "native",
	});
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	return { coach, player, booking, started: started.body };
}

describe("paying a booking with WeChat Pay through the API", () => {
	it("Native: a QR code; the fake pays and notifies; the payment succeeds, the booking is paid, the ledger balances", async () => {
		const { booking, player, started } = await bookingPaidByWechat("微信扫码");
		expect(started).toMatchObject({ method: "wechatpay", channel: "native", amountFen: booking.depositFen });
		expect(started.qrCode).toMatch(/^weixin:\/\//);
		expect(wechat.trades.get(started.outTradeNo)?.notifyUrl).toMatch(/\/api\/v1\/payments\/notify\/wechatpay$/);
		// The sandbox is off once a real provider is configured.
		const sandbox = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
		expect(sandbox.status).toBe(400);

		const notification = wechat.pay(started.outTradeNo);
		const answered = await deliver(notification);
		expect(answered).toEqual({ status: 204, body: "" });
		const payment = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(payment.body.payment).toMatchObject({ status: "succeeded", amountFen: booking.depositFen, method: "wechatpay" });
		expect((await paymentRow(started.paymentId))?.providerTradeNo).toBe(wechat.trades.get(started.outTradeNo)?.transactionId);
		const paid = await bookingRow(booking.id);
		expect(paid?.status).toBe("pending_confirmation");
		expect(paid?.paidFen).toBe(booking.depositFen);
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);

		// WeChat resends until it hears 2xx: the same notification 50 times at once posts nothing more.
		const again = await Promise.all(Array.from({ length: 50 }, () => deliver(notification)));
		expect(new Set(again.map((answer) => answer.status))).toEqual(new Set([204]));
		expect(await journalsOf(started.paymentId)).toHaveLength(1);
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);
	});

	it("refuses a forged, tampered or wrongly sealed notification with FAIL, and posts nothing", async () => {
		const { booking, started } = await bookingPaidByWechat("伪造通知");
		wechat.pay(started.outTradeNo);
		const forger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
		const forged = await deliver(wechat.notificationFor(started.outTradeNo, { signingKey: forger }));
		expect(forged.status).toBe(401);
		expect(JSON.parse(forged.body)).toMatchObject({ code: "FAIL" });
		const genuine = wechat.notificationFor(started.outTradeNo);
		const tampered = await deliver({ ...genuine, body: genuine.body.replace('"id":"', '"id":"x') });
		expect(tampered.status).toBe(401);
		const sealed = await deliver(wechat.notificationFor(started.outTradeNo, { apiV3Key: randomBytes(16).toString("hex") }));
		expect(sealed.status).toBe(400);
		expect(JSON.parse(sealed.body)).toMatchObject({ code: "FAIL", message: expect.any(String) });
		const notJson = await fetch(notifyUrl(), { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
		expect(notJson.status).toBe(401);

		expect((await paymentRow(started.paymentId))?.status).toBe("pending");
		expect(await journalsOf(started.paymentId)).toEqual([]);
		expect((await bookingRow(booking.id))?.status).toBe("pending_payment");
	});

	it("refuses a genuine notification for another merchant, another app or another amount", async () => {
		const { booking, started } = await bookingPaidByWechat("错商户");
		wechat.pay(started.outTradeNo);
		for (const change of [{ mchid: "1900000999" }, { appid: "wx0000000000000000" }, { amount: { total: 1, currency: "CNY" } }]) {
			const answer = await deliver(wechat.notificationFor(started.outTradeNo, { change }));
			expect(answer.status, JSON.stringify(change)).toBe(400);
			expect(JSON.parse(answer.body).code).toBe("FAIL");
		}
		expect((await paymentRow(started.paymentId))?.status).toBe("pending");
		expect(await journalsOf(started.paymentId)).toEqual([]);
		expect((await bookingRow(booking.id))?.paidFen).toBe(0);
		// The real one still lands afterwards.
		expect((await deliver(wechat.notificationFor(started.outTradeNo))).status).toBe(204);
		expect((await paymentRow(started.paymentId))?.status).toBe("succeeded");
	});

	it("refunds through WeChat when the coach rejects the paid booking; the refund notification settles it", async () => {
		const { booking, coach, player, started } = await bookingPaidByWechat("微信退款");
		expect((await deliver(wechat.pay(started.outTradeNo))).status).toBe(204);
		const rejected = await call("POST", `/bookings/${booking.id}/reject`, coach.token, { reason: "当天有比赛" });
		expect(rejected.status).toBe(200);
		await settleDomainEvents();
		const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
		expect(refund?.amountFen).toBe(booking.depositFen);

		// WeChat accepts the refund but finishes it later: the job waits for it.
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		const asked = wechat.trades.get(started.outTradeNo)?.refunds.get(refund?.outRequestNo as string);
		expect(asked).toMatchObject({ fen: booking.depositFen, status: "PROCESSING" });
		expect(asked?.notifyUrl).toMatch(/\/api\/v1\/payments\/notify\/wechatpay$/);
		// A retried job asks under the same number: still one refund at WeChat.
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		expect(wechat.trades.get(started.outTradeNo)?.refunds.size).toBe(1);
		const pending = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(pending.body.payment.refunds).toEqual([expect.objectContaining({ status: "pending", amountFen: booking.depositFen })]);

		const done = wechat.settleRefund(refund?.outRequestNo as string);
		expect(await deliver(done)).toEqual({ status: 204, body: "" });
		expect(await deliver(done)).toEqual({ status: 204, body: "" });
		const after = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(after.body.payment.refunds).toEqual([expect.objectContaining({ status: "succeeded", amountFen: booking.depositFen })]);
		expect(await escrowOf(booking.id)).toBe(0);
		expect(await executeRefund(refund?.id as string)).toBe("settled_before");
		const settledJournals = (await journalsOf(started.paymentId)).filter((journal) => journal.kind === "refund_settled");
		expect(settledJournals).toHaveLength(1);

		// A refund notification for a refund we never asked for is not acknowledged.
		const stranger = wechat.buildNotification(
			"REFUND.SUCCESS",
			{
				mchid: wechat.mchid,
				out_trade_no: started.outTradeNo,
				out_refund_no: "RNOSUCHREFUND",
				refund_id: "5000000000",
				refund_status: "SUCCESS",
				amount: { total: booking.depositFen, refund: 1 },
			},
			notifyUrl(),
		);
		expect((await deliver(stranger)).status).toBe(400);
	});

	it("gives the money back to the booking's escrow when WeChat reports the refund abnormal", async () => {
		const { booking, coach, started } = await bookingPaidByWechat("退款异常");
		expect((await deliver(wechat.pay(started.outTradeNo))).status).toBe(204);
		expect((await call("POST", `/bookings/${booking.id}/reject`, coach.token, { reason: "临时有事" })).status).toBe(200);
		await settleDomainEvents();
		const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		expect((await deliver(wechat.settleRefund(refund?.outRequestNo as string, "ABNORMAL"))).status).toBe(204);
		const [after] = await db()
			.select()
			.from(refunds)
			.where(eq(refunds.id, refund?.id as string));
		expect(after).toMatchObject({ status: "failed", lastError: "ABNORMAL" });
		// Nothing left the escrow for good: the back office sees the failed refund and decides.
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);
		expect((await paymentRow(started.paymentId))?.refundedFen).toBe(0);
	});

	it("recovers a lost notification by polling, and closes a trade whose deadline passed", async () => {
		const lost = await bookingPaidByWechat("丢失通知");
		// The payer paid; the notification never arrives.
		wechat.pay(lost.started.outTradeNo);
		const unpaid = await bookingPaidByWechat("超时关单");

		// A minute later the poller asks about both; past the deadline it closes the unpaid one.
		await pollPendingPayments(inMinutes(2));
		expect((await paymentRow(lost.started.paymentId))?.status).toBe("succeeded");
		expect((await bookingRow(lost.booking.id))?.paidFen).toBe(lost.booking.depositFen);
		expect((await paymentRow(unpaid.started.paymentId))?.status).toBe("pending");

		await pollPendingPayments(inMinutes(60));
		expect(wechat.trades.get(unpaid.started.outTradeNo)?.state).toBe("CLOSED");
		expect((await paymentRow(unpaid.started.paymentId))?.status).toBe("closed");
		expect(await journalsOf(unpaid.started.paymentId)).toEqual([]);
		// The notification that finally comes for the paid one changes nothing.
		expect((await deliver(wechat.notificationFor(lost.started.outTradeNo))).status).toBe(204);
		expect(await journalsOf(lost.started.paymentId)).toHaveLength(1);
	});

	it("H5 passes the payer's address; JSAPI without an openid is refused with nothing opened", async () => {
		const { started } = await bookingPaidByWechat("微信H5", { channel: "h5" });
		expect(started.payUrl).toMatch(/checkmweb/);
		expect(wechat.trades.get(started.outTradeNo)?.payerIp).toBe("127.0.0.1");

		const coach = await bookableCoach("公众号支付教练");
		const player = await signedInUser("公众号支付学员");
		const booking = await bookThroughApi(app, coach, player);
		const body = { kind: "deposit", method: "wechatpay", channel: "jsapi" };
		const refused = await call("POST", `/bookings/${booking.id}/payments`, player.token, body);
		expect(refused.status).toBe(400);
		expect(refused.body.error.fields.channel).toContain("不可用");
		expect(await db().select().from(payments).where(eq(payments.bookingId, booking.id))).toEqual([]);
		const jsapi = await call("POST", `/bookings/${booking.id}/payments`, player.token, {
			...body,
			openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
		});
		expect(jsapi.status, JSON.stringify(jsapi.body)).toBe(201);
		expect(jsapi.body.jsapiParams).toMatchObject({ appId: wechat.appid, signType: "RSA" });
	});
});
