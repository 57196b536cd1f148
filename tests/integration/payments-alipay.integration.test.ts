import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { expireUnpaidBookings } from "~/modules/booking/expire-unpaid-bookings.server";
import { accountBalance } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { pollPendingPayments } from "~/modules/payments/poll-pending-payments.server";
import { executeRefund, RefundPending } from "~/modules/payments/refunds/execute-refund.server";
import { bookings, ledgerJournals, paymentProviderEvents, payments, refunds } from "../../db/schema";
import { type FakeAlipayPay, startFakeAlipayPay } from "../fakes/alipay-pay";
import { apiCall, bookThroughApi } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { settleDomainEvents } from "../support/events";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Alipay end to end: the app configured against the loopback Alipay (tests/fakes/alipay-pay.ts),
 * a booking paid through the API by page, WAP and QR, the fake's signed notifications POSTed to
 * the app's notify URL, the poller, the close of an expired trade and refunds through
 * alipay.trade.refund — the real alipay-sdk path, both ways signed.
 */
let app: TestApp;
let alipay: FakeAlipayPay;

beforeAll(async () => {
	alipay = await startFakeAlipayPay();
	app = await startConfiguredApp({ ...alipay.settings, PAYMENTS_SANDBOX: "0" });
});
afterAll(async () => {
	await app?.close();
	await alipay?.close();
});
// Whatever a test did with money, the books must balance after it.
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const notifyUrl = () => `${app.url}/api/v1/payments/notify/alipay`;
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0];
const paymentRow = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0];
const refundsOf = (bookingId: string) => db().select().from(refunds).where(eq(refunds.bookingId, bookingId));
const journalsOf = (paymentId: string) => db().select().from(ledgerJournals).where(eq(ledgerJournals.paymentId, paymentId));
const escrowOf = (bookingId: string) => db().transaction((tx) => accountBalance(tx, "booking_escrow", bookingId));
const minuteLater = () => new Date(Date.now() + 61_000);

async function alipayBooking(name: string, options: { paymentPlan?: "deposit" | "full"; fromHours?: number } = {}) {
	const coach = await bookableCoach(`${name}教练`, undefined, { allDay: true });
	const player = await signedInUser(`${name}学员`);
	const booking = await bookThroughApi(app, coach, player, options);
	return { coach, player, booking };
}

async function startAlipay(token: string, bookingId: string, kind: "deposit" | "full", channel: "page" | "wap" | "qr") {
	const started = await call("POST", `/bookings/${bookingId}/payments`, token, { kind, method: "alipay", channel });
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	return started.body as { paymentId: string; outTradeNo: string; amountFen: number; payUrl?: string; qrCode?: string };
}

/** The payer opens the cashier (page/wap) — only then does Alipay know the trade. */
async function openCashier(payUrl: string | undefined) {
	expect(payUrl?.startsWith(alipay.gateway)).toBe(true);
	const cashier = await fetch(payUrl ?? "");
	expect(cashier.status).toBe(200);
	return cashier.text();
}

/** A paid deposit or full payment by page pay, its notification delivered and acknowledged. */
async function paidByAlipay(name: string, options: { paymentPlan?: "deposit" | "full"; fromHours?: number } = {}) {
	const setup = await alipayBooking(name, options);
	const kind = options.paymentPlan === "full" ? "full" : "deposit";
	const started = await startAlipay(setup.player.token, setup.booking.id, kind, "page");
	await openCashier(started.payUrl);
	const form = alipay.pay(started.outTradeNo);
	expect(await alipay.deliver(form, notifyUrl())).toEqual({ status: 200, body: "success" });
	return { ...setup, started, form };
}

describe("paying a booking with Alipay", () => {
	it("page pay: the payer pays in the cashier, the notification is acknowledged, the booking is paid and the ledger posted", async () => {
		const { player, booking } = await alipayBooking("支付宝电脑");
		const started = await startAlipay(player.token, booking.id, "deposit", "page");
		expect(started.amountFen).toBe(booking.depositFen);
		const cashier = await openCashier(started.payUrl);
		expect(cashier).toContain("确认付款");

		// 确认付款 in the cashier: the fake pays and POSTs its signed notification to our notify_url.
		const paid = await fetch(`${alipay.url}/cashier/pay`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ out_trade_no: started.outTradeNo }).toString(),
			redirect: "manual",
		});
		expect(paid.status).toBe(302);
		expect(paid.headers.get("location")).toContain(`/me/payments/${started.paymentId}`);
		expect(alipay.deliveries).toContainEqual({ outTradeNo: started.outTradeNo, status: 200, body: "success" });

		const payment = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(payment.body.payment).toMatchObject({ status: "succeeded", amountFen: booking.depositFen, method: "alipay" });
		expect((await paymentRow(started.paymentId))?.providerTradeNo).toBe(alipay.trades.get(started.outTradeNo)?.tradeNo);
		const row = await bookingRow(booking.id);
		expect(row?.status).toBe("pending_confirmation");
		expect(row?.paidFen).toBe(booking.depositFen);
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);
	});

	it("wap pay on a phone and a QR code (precreate) both end paid", async () => {
		const phone = await alipayBooking("支付宝手机");
		const wap = await startAlipay(phone.player.token, phone.booking.id, "deposit", "wap");
		await openCashier(wap.payUrl);
		expect(alipay.trades.get(wap.outTradeNo)?.method).toBe("alipay.trade.wap.pay");
		expect(await alipay.deliver(alipay.pay(wap.outTradeNo), notifyUrl())).toEqual({ status: 200, body: "success" });
		expect((await bookingRow(phone.booking.id))?.paidFen).toBe(phone.booking.depositFen);

		const scan = await alipayBooking("支付宝扫码", { paymentPlan: "full" });
		const qr = await startAlipay(scan.player.token, scan.booking.id, "full", "qr");
		expect(qr.payUrl).toBeUndefined();
		expect(qr.qrCode).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/qr\/\d+$/);
		// The QR code opens the same cashier.
		expect(await (await fetch(qr.qrCode ?? "")).text()).toContain("确认付款");
		expect(alipay.trades.get(qr.outTradeNo)).toMatchObject({ method: "alipay.trade.precreate", totalFen: scan.booking.priceFen });
		expect(await alipay.deliver(alipay.pay(qr.outTradeNo), notifyUrl())).toEqual({ status: 200, body: "success" });
		expect((await paymentRow(qr.paymentId))?.status).toBe("succeeded");
		expect((await bookingRow(scan.booking.id))?.paidFen).toBe(scan.booking.priceFen);
	});

	it("the same notification delivered 50 times at once posts once, and every delivery is acknowledged", async () => {
		const { player, booking } = await alipayBooking("支付宝并发", { paymentPlan: "full" });
		const started = await startAlipay(player.token, booking.id, "full", "page");
		await openCashier(started.payUrl);
		const form = alipay.pay(started.outTradeNo);
		const answers = await Promise.all(Array.from({ length: 50 }, () => alipay.deliver(form, notifyUrl())));
		expect(answers.every((answer) => answer.status === 200 && answer.body === "success")).toBe(true);
		expect(await journalsOf(started.paymentId)).toHaveLength(1);
		const events = await db().select().from(paymentProviderEvents).where(eq(paymentProviderEvents.paymentId, started.paymentId));
		expect(events).toHaveLength(1);
		expect((await bookingRow(booking.id))?.paidFen).toBe(booking.priceFen);
	});
});

describe("notifications that must not be believed", () => {
	it("answers fail and posts nothing for a tampered amount, status or signature, a stranger's key or another app id", async () => {
		const { player, booking } = await alipayBooking("支付宝篡改");
		const started = await startAlipay(player.token, booking.id, "deposit", "page");
		await openCashier(started.payUrl);
		const genuine = alipay.pay(started.outTradeNo);
		const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
		const forged: Array<Record<string, string>> = [
			// Changed after Alipay signed it.
			{ ...genuine, total_amount: "0.01" },
			{ ...genuine, trade_status: "TRADE_FINISHED" },
			{ ...genuine, sign: `${genuine.sign?.slice(0, -4)}AAAA` },
			{ ...genuine, sign: "" },
			// Signed, but not by Alipay.
			alipay.notificationFor(started.outTradeNo, { signingKey: stranger }),
			// Signed by Alipay, but for another amount or another app.
			alipay.signNotification({ ...genuine, notify_id: `${genuine.notify_id}1`, total_amount: "0.01" }),
			alipay.signNotification({ ...genuine, notify_id: `${genuine.notify_id}2`, app_id: "2021000000000001" }),
		];
		for (const form of forged) {
			expect(await alipay.deliver(form, notifyUrl())).toEqual({ status: 200, body: "fail" });
		}
		expect((await paymentRow(started.paymentId))?.status).toBe("pending");
		expect(await journalsOf(started.paymentId)).toEqual([]);
		expect((await bookingRow(booking.id))?.status).toBe("pending_payment");
		// A rejected message is answered the same when Alipay sends it again.
		expect(await alipay.deliver(forged[6] as Record<string, string>, notifyUrl())).toEqual({ status: 200, body: "fail" });

		// The genuine one still goes through afterwards.
		expect(await alipay.deliver(genuine, notifyUrl())).toEqual({ status: 200, body: "success" });
		expect((await bookingRow(booking.id))?.paidFen).toBe(booking.depositFen);
	});
});

describe("the poller", () => {
	it("recovers a payment whose notification never came", async () => {
		const { player, booking } = await alipayBooking("支付宝丢通知");
		const started = await startAlipay(player.token, booking.id, "deposit", "page");
		await openCashier(started.payUrl);
		alipay.pay(started.outTradeNo);
		expect((await paymentRow(started.paymentId))?.status).toBe("pending");

		const polled = await pollPendingPayments(minuteLater());
		expect(polled.changed).toBeGreaterThanOrEqual(1);
		expect((await paymentRow(started.paymentId))?.status).toBe("succeeded");
		expect((await bookingRow(booking.id))?.paidFen).toBe(booking.depositFen);
		// The notification arriving after all changes nothing.
		expect(await alipay.deliver(alipay.notificationFor(started.outTradeNo), notifyUrl())).toEqual({
			status: 200,
			body: "success",
		});
		expect(await journalsOf(started.paymentId)).toHaveLength(1);
	});

	it("closes the trade of an expired booking, and refunds through alipay.trade.refund a success that comes after", async () => {
		const closing = await alipayBooking("支付宝关单");
		const unpaid = await startAlipay(closing.player.token, closing.booking.id, "deposit", "page");
		await openCashier(unpaid.payUrl);
		const later = new Date(Date.now() + 3_600_000);
		await expireUnpaidBookings(later);
		expect((await bookingRow(closing.booking.id))?.status).toBe("expired");
		await pollPendingPayments(later);
		expect(alipay.trades.get(unpaid.outTradeNo)?.status).toBe("TRADE_CLOSED");
		expect((await paymentRow(unpaid.paymentId))?.status).toBe("closed");
		expect(() => alipay.pay(unpaid.outTradeNo)).toThrow(/TRADE_CLOSED/);

		// The payer paid in the instant before the close: the money comes, and goes back.
		const { player, booking } = await alipayBooking("支付宝迟到");
		const started = await startAlipay(player.token, booking.id, "deposit", "qr");
		const form = alipay.pay(started.outTradeNo);
		await expireUnpaidBookings(later);
		expect((await bookingRow(booking.id))?.status).toBe("expired");
		expect(await alipay.deliver(form, notifyUrl())).toEqual({ status: 200, body: "success" });
		const payment = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(payment.body.payment.status).toBe("succeeded");
		expect(payment.body.payment.refunds).toEqual([expect.objectContaining({ amountFen: booking.depositFen, status: "pending" })]);
		expect((await bookingRow(booking.id))?.status).toBe("expired");

		const [refund] = await refundsOf(booking.id);
		expect(await executeRefund(refund?.id as string)).toBe("succeeded");
		const trade = alipay.trades.get(started.outTradeNo);
		expect(trade?.refunds.get(refund?.outRequestNo as string)?.fen).toBe(booking.depositFen);
		expect(trade?.status).toBe("TRADE_CLOSED");
		expect(await escrowOf(booking.id)).toBe(0);

		// After a full refund Alipay tells TRADE_CLOSED: acknowledged, and nothing changes.
		const journals = (await journalsOf(started.paymentId)).length;
		const closedAfterRefund = alipay.notificationFor(started.outTradeNo);
		expect(closedAfterRefund).toMatchObject({ trade_status: "TRADE_CLOSED", refund_fee: trade?.totalAmount });
		expect(await alipay.deliver(closedAfterRefund, notifyUrl())).toEqual({ status: 200, body: "success" });
		expect(await paymentRow(started.paymentId)).toMatchObject({ status: "succeeded", refundedFen: booking.depositFen });
		expect(await journalsOf(started.paymentId)).toHaveLength(journals);
		const [event] = await db()
			.select()
			.from(paymentProviderEvents)
			.where(eq(paymentProviderEvents.eventId, closedAfterRefund.notify_id as string));
		expect(event?.outcome).toBe("refunded");
	});
});

describe("refunds through Alipay", () => {
	it("retries a refund Alipay answers pending until it succeeds, never refunding twice", async () => {
		const { player, booking, started } = await paidByAlipay("支付宝退款重试", { paymentPlan: "full", fromHours: 4 });
		// The player cancels; the policy decides the refund.
		const cancelled = await call("POST", `/bookings/${booking.id}/cancel`, player.token, { reason: "临时有事" });
		expect(cancelled.status).toBe(200);
		await settleDomainEvents();
		const [refund] = await refundsOf(booking.id);
		expect(refund).toBeDefined();

		alipay.failNext("alipay.trade.refund", "ACQ.SYSTEM_ERROR", "系统繁忙", "20000");
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		expect((await refundsOf(booking.id))[0]).toMatchObject({ status: "pending", attempts: 1 });
		expect(alipay.trades.get(started.outTradeNo)?.refundedFen).toBe(0);

		expect(await executeRefund(refund?.id as string)).toBe("succeeded");
		expect(await executeRefund(refund?.id as string)).toBe("settled_before");
		expect(alipay.trades.get(started.outTradeNo)?.refundedFen).toBe(refund?.amountFen);
	});

	it("refunds a cancellation by the policy through Alipay, and a partial refund's notification changes nothing", async () => {
		const { player, booking, started } = await paidByAlipay("支付宝取消", { paymentPlan: "full", fromHours: 4 });
		const token = player.token;
		const quote = await call("GET", `/bookings/${booking.id}/cancellation`, token);
		expect(quote.body).toMatchObject({ tier: "partial", refundFen: booking.priceFen / 2 });
		expect((await call("POST", `/bookings/${booking.id}/cancel`, token, { reason: "临时有事" })).status).toBe(200);
		await settleDomainEvents();
		const [refund] = await refundsOf(booking.id);
		expect(refund?.amountFen).toBe(quote.body.refundFen);
		expect(await executeRefund(refund?.id as string)).toBe("succeeded");
		const trade = alipay.trades.get(started.outTradeNo);
		expect(trade?.refunds.get(refund?.outRequestNo as string)?.fen).toBe(quote.body.refundFen);
		expect(trade?.status).toBe("TRADE_SUCCESS");
		expect(await escrowOf(booking.id)).toBe(0);

		const journals = (await journalsOf(started.paymentId)).length;
		const afterRefund = alipay.notificationFor(started.outTradeNo);
		expect(afterRefund.refund_fee).toBeDefined();
		expect(await alipay.deliver(afterRefund, notifyUrl())).toEqual({ status: 200, body: "success" });
		expect(await paymentRow(started.paymentId)).toMatchObject({ status: "succeeded", refundedFen: quote.body.refundFen });
		expect(await journalsOf(started.paymentId)).toHaveLength(journals);
	});
});
