import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeRefund } from "~/modules/payments/refunds/execute-refund.server";
import { auditLog, payments, refunds } from "../../db/schema";
import { type FakeAlipayPay, startFakeAlipayPay } from "../fakes/alipay-pay";
import { apiCall, bookThroughApi, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * The back office's money: the payment list and one payment's whole history, staff refunds with a
 * reason (audited, never more than is left), a failed refund asked for again, and the trial
 * balance — through the JSON API and through the pages, as staff with their second factor.
 * Alipay runs against its loopback fake (so a refund can fail), the sandbox beside it.
 */
let app: TestApp;
let alipay: FakeAlipayPay;
let adminToken: string;
let supportToken: string;
let player: { userId: string; token: string };

beforeAll(async () => {
	alipay = await startFakeAlipayPay();
	app = await startConfiguredApp({ ...alipay.settings, PAYMENTS_SANDBOX: "1" });
	await db().transaction((tx) => seedDemoAccounts(tx));
	adminToken = await staffSessionToken("13800000005");
	supportToken = await staffSessionToken("13800000004");
	player = await signedInUser("后台支付学员");
});
afterAll(async () => {
	await app?.close();
	await alipay?.close();
});
// Whatever staff did with money, the books balance after it.
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

/** A booking's deposit paid in the sandbox cashier, through the API. */
async function paidDeposit(name: string) {
	const coach = await bookableCoach(`${name}教练`);
	const booking = await bookThroughApi(app, coach, player);
	const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	const done = await call("POST", `/payments/${started.body.paymentId}/sandbox`, player.token, { outcome: "success" });
	expect(done.status).toBe(200);
	return { booking, paymentId: started.body.paymentId as string, outTradeNo: started.body.outTradeNo as string };
}

/** …or paid through Alipay (QR code), its signed notification delivered. */
async function paidByAlipay(name: string) {
	const coach = await bookableCoach(`${name}教练`);
	const booking = await bookThroughApi(app, coach, player);
	const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, {
		kind: "deposit",
		method: "alipay",
		channel: "qr",
	});
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	const delivered = await alipay.deliver(alipay.pay(started.body.outTradeNo), `${app.url}/api/v1/payments/notify/alipay`);
	expect(delivered.body).toBe("success");
	return { booking, paymentId: started.body.paymentId as string, outTradeNo: started.body.outTradeNo as string };
}

const paymentRow = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0];
const refundsOf = (paymentId: string) => db().select().from(refunds).where(eq(refunds.paymentId, paymentId));
const auditOf = (paymentId: string) =>
	db()
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.targetType, "payment"), eq(auditLog.targetId, paymentId)));

describe("the payment list and one payment's history", () => {
	it("lists payments newest first with filters, found by booking id or trade number", async () => {
		const older = await paidDeposit("列表旧");
		const newer = await paidDeposit("列表新");
		const listed = await call("GET", "/admin/payments?method=sandbox&status=succeeded&kind=deposit", adminToken);
		expect(listed.status).toBe(200);
		const ids = listed.body.payments.map((payment: { id: string }) => payment.id);
		expect(ids.indexOf(newer.paymentId)).toBeGreaterThanOrEqual(0);
		expect(ids.indexOf(newer.paymentId)).toBeLessThan(ids.indexOf(older.paymentId));
		const byBooking = await call("GET", `/admin/payments?q=${older.booking.id}`, adminToken);
		expect(byBooking.body.payments).toEqual([
			expect.objectContaining({ id: older.paymentId, bookingId: older.booking.id, amountFen: older.booking.depositFen }),
		]);
		const byTrade = await call("GET", `/admin/payments?q=${newer.outTradeNo}`, supportToken);
		expect(byTrade.body.payments.map((payment: { id: string }) => payment.id)).toEqual([newer.paymentId]);
		expect((await call("GET", "/admin/payments?status=failed&method=sandbox&kind=tip", adminToken)).body.payments).toEqual([]);

		const bad = await call("GET", "/admin/payments?status=lost&method=cash", adminToken);
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(["method", "status"]);
		const backwards = await call("GET", "/admin/payments?from=2026-02-02&to=2026-02-01", adminToken);
		expect(backwards.status).toBe(400);
		expect(backwards.body.error.message).toBeDefined();
		expect(Object.keys(backwards.body.error.fields)).toEqual(["to"]);
	});

	it("shows a payment's booking, provider events, refunds and ledger postings", async () => {
		const { booking, paymentId } = await paidDeposit("详情");
		const detail = await call("GET", `/admin/payments/${paymentId}`, supportToken);
		expect(detail.status).toBe(200);
		expect(detail.body.payment).toMatchObject({ id: paymentId, status: "succeeded", refundableFen: booking.depositFen });
		expect(detail.body.booking).toMatchObject({ id: booking.id, paidFen: booking.depositFen });
		expect(detail.body.events).toEqual([expect.objectContaining({ outcome: "applied" })]);
		const received = detail.body.journals.find((journal: { kind: string }) => journal.kind === "payment_received");
		expect(received.entries).toEqual(
			expect.arrayContaining([
				{ account: "provider_clearing", ref: "sandbox", amountFen: booking.depositFen },
				{ account: "booking_escrow", ref: booking.id, amountFen: -booking.depositFen },
			]),
		);
		expect((await call("GET", "/admin/payments/00000000-0000-4000-8000-000000000000", adminToken)).status).toBe(404);
	});
});

describe("refunds by staff", () => {
	it("refunds part of a payment with a reason, audited, through the one refund path", async () => {
		const { booking, paymentId } = await paidDeposit("退款");
		const refunded = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, {
			amount: "10.5",
			reason: "学员投诉场地临时关闭",
		});
		expect(refunded.status, JSON.stringify(refunded.body)).toBe(201);
		const [refund] = await refundsOf(paymentId);
		expect(refund).toMatchObject({ id: refunded.body.refundId, amountFen: 1_050, status: "pending" });
		expect(refund?.reason).toBe("admin: 学员投诉场地临时关闭");
		expect((await paymentRow(paymentId))?.refundedFen).toBe(1_050);
		const [entry] = await auditOf(paymentId);
		expect(entry).toMatchObject({ action: "payment.refunded", reason: "学员投诉场地临时关闭" });
		expect(entry?.detail).toMatchObject({ refundId: refund?.id, amountFen: 1_050, bookingId: booking.id });

		// The provider confirms (the sandbox at once); the history shows it.
		expect(await executeRefund(refunded.body.refundId)).toBe("succeeded");
		const detail = await call("GET", `/admin/payments/${paymentId}`, adminToken);
		expect(detail.body.payment.refundableFen).toBe(booking.depositFen - 1_050);
		expect(detail.body.refunds).toEqual([expect.objectContaining({ amountFen: 1_050, status: "succeeded" })]);
		expect(detail.body.journals.map((journal: { kind: string }) => journal.kind)).toEqual(
			expect.arrayContaining(["payment_received", "refund_promised"]),
		);
	});

	it("refuses more than is left with the amount left, and changes nothing", async () => {
		const { booking, paymentId } = await paidDeposit("超额退款");
		const before = await call("GET", "/admin/ledger/trial-balance", adminToken);
		const over = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, {
			amount: ((booking.depositFen + 1) / 100).toFixed(2),
			reason: "多退测试",
		});
		expect(over.status).toBe(400);
		expect(over.body.error.fields.amount).toBeDefined();
		expect(over.body.error.message).toContain(`¥${(booking.depositFen / 100).toFixed(2)}`);
		for (const amount of ["0", "-1", "1.234", "abc"]) {
			const bad = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, { amount, reason: "金额不对" });
			expect(bad.status, amount).toBe(400);
			expect(bad.body.error.fields.amount).toBeDefined();
		}
		const noReason = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, { amount: "1", reason: " " });
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.fields.reason).toBeDefined();
		expect(await refundsOf(paymentId)).toEqual([]);
		expect((await paymentRow(paymentId))?.refundedFen).toBe(0);
		expect(await auditOf(paymentId)).toEqual([]);
		const after = await call("GET", "/admin/ledger/trial-balance", adminToken);
		expect(after.body.accounts).toEqual(before.body.accounts);

		// All of it is fine, once; then nothing is left.
		const all = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, {
			amount: (booking.depositFen / 100).toFixed(2),
			reason: "全额退款",
		});
		expect(all.status).toBe(201);
		const again = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, { amount: "0.01", reason: "再退" });
		expect(again.status).toBe(400);
		expect(again.body.error.message).toContain("¥0.00");
	});

	it("asks again for a refund the provider refused, once", async () => {
		const { booking, paymentId } = await paidByAlipay("退款重试");
		const refunded = await call("POST", `/admin/payments/${paymentId}/refunds`, adminToken, { amount: "5", reason: "补偿" });
		expect(refunded.status).toBe(201);
		alipay.failNext("alipay.trade.refund", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
		expect(await executeRefund(refunded.body.refundId)).toBe("failed");
		expect((await paymentRow(paymentId))?.refundedFen).toBe(0);

		const path = `/admin/payments/${paymentId}/refunds/${refunded.body.refundId}/retry`;
		expect((await call("POST", path, supportToken)).status).toBe(403);
		const retried = await call("POST", path, adminToken);
		expect(retried.status, JSON.stringify(retried.body)).toBe(201);
		expect(await executeRefund(retried.body.refundId)).toBe("succeeded");
		expect(alipay.trades.get((await paymentRow(paymentId))?.outTradeNo as string)?.refundedFen).toBe(500);
		expect((await call("POST", path, adminToken)).status).toBe(409);
		const detail = await call("GET", `/admin/payments/${paymentId}`, adminToken);
		expect(detail.body.refunds.map((refund: { status: string }) => refund.status)).toEqual(["failed", "succeeded"]);
		expect(detail.body.refunds[0].lastError).toContain("ACQ.TRADE_STATUS_ERROR");
		expect(detail.body.payment.refundableFen).toBe(booking.depositFen - 500);
		expect((await auditOf(paymentId)).map((entry) => entry.action).sort()).toEqual([
			"payment.refund.retried",
			"payment.refunded",
		]);
	});

	it("refuses strangers, players and support staff, and changes nothing", async () => {
		const { paymentId } = await paidDeposit("拒绝");
		const body = { amount: "1", reason: "不该成功" };
		expect((await call("POST", `/admin/payments/${paymentId}/refunds`, null, body)).status).toBe(401);
		expect((await call("POST", `/admin/payments/${paymentId}/refunds`, player.token, body)).status).toBe(403);
		expect((await call("POST", `/admin/payments/${paymentId}/refunds`, supportToken, body)).status).toBe(403);
		expect((await call("GET", "/admin/payments", null)).status).toBe(401);
		expect((await call("GET", "/admin/payments", player.token)).status).toBe(403);
		expect((await call("GET", `/admin/payments/${paymentId}`, player.token)).status).toBe(403);
		expect((await call("GET", "/admin/ledger/trial-balance", player.token)).status).toBe(403);
		expect((await call("GET", "/admin/ledger/trial-balance", supportToken)).status).toBe(403);
		expect(await refundsOf(paymentId)).toEqual([]);
		// The pages too: a player is refused, and a posted refund form does nothing.
		expect((await pageGet(app, "/admin/payments", player.token)).status).toBe(403);
		expect((await pagePost(app, `/admin/payments/${paymentId}`, supportToken, body)).status).toBe(403);
		expect(await refundsOf(paymentId)).toEqual([]);
	});
});

describe("the trial balance", () => {
	it("sums to zero and matches the postings, per account and per ref", async () => {
		const { booking } = await paidDeposit("试算");
		const balance = await call("GET", "/admin/ledger/trial-balance", adminToken);
		expect(balance.status).toBe(200);
		expect(balance.body.totalFen).toBe(0);
		expect(balance.body.debitFen).toBe(balance.body.creditFen);
		expect(balance.body.check.breaks).toEqual([]);
		const posted = await db().execute<{ account: string; balance: string }>(
			sql`select account, sum(amount_fen)::text as balance from ledger_entries group by account`,
		);
		for (const row of posted.rows)
			expect(balance.body.accounts.find((entry: { account: string }) => entry.account === row.account)?.balanceFen).toBe(
				Number(row.balance),
			);
		expect(balance.body.accounts.map((entry: { account: string }) => entry.account)).toContain("payouts_in_transit");
		const escrow = await call("GET", "/admin/ledger/trial-balance?account=booking_escrow", adminToken);
		expect(escrow.body.refs.refs).toEqual(
			expect.arrayContaining([expect.objectContaining({ ref: booking.id, balanceFen: -booking.depositFen })]),
		);
		expect((await call("GET", "/admin/ledger/trial-balance?account=cash", adminToken)).status).toBe(400);
	});
});

describe("the back-office pages", () => {
	it("list payments, show one's history, refund with a reason and show the trial balance and reconciliation", async () => {
		const { booking, paymentId, outTradeNo } = await paidDeposit("页面");
		const list = await pageGet(app, `/admin/payments?q=${booking.id}`, supportToken);
		expect(list.status).toBe(200);
		expect(list.html).toContain(outTradeNo);
		expect(list.html).toContain(`/admin/payments/${paymentId}`);
		// Support reads payments; the ledger and reconciliation are admins', so support is not offered them.
		expect(list.html).not.toContain('href="/admin/ledger"');
		expect((await pageGet(app, "/admin/payments", adminToken)).html).toContain('href="/admin/ledger"');
		const none = await pageGet(app, "/admin/payments?q=CPPNOTHING", supportToken);
		expect(none.html).toContain("没有符合条件的支付");
		const badFilter = await pageGet(app, "/admin/payments?from=2026-02-02&to=2026-02-01", supportToken);
		expect(badFilter.html).toContain("结束日期不能早于开始日期");

		const detail = await pageGet(app, `/admin/payments/${paymentId}`, adminToken);
		expect(detail.status).toBe(200);
		expect(detail.html).toContain(`/admin/bookings/${booking.id}`);
		expect(detail.html).toContain("账本分录");
		expect(detail.html).toContain("预约托管");

		const tooMuch = await pagePost(app, `/admin/payments/${paymentId}`, adminToken, {
			amount: "99999",
			reason: "页面多退",
		});
		expect(tooMuch.status).toBe(400);
		expect(tooMuch.html).toContain("超过了可退的");
		expect(await refundsOf(paymentId)).toEqual([]);
		const done = await pagePost(app, `/admin/payments/${paymentId}`, adminToken, { amount: "1", reason: "页面退款" });
		expect(done.status).toBe(302);
		expect(await refundsOf(paymentId)).toEqual([expect.objectContaining({ amountFen: 100, reason: "admin: 页面退款" })]);
		expect((await auditOf(paymentId)).map((entry) => entry.action)).toEqual(["payment.refunded"]);

		const ledger = await pageGet(app, "/admin/ledger?account=booking_escrow", adminToken);
		expect(ledger.status).toBe(200);
		expect(ledger.html).toContain("借贷平衡");
		expect(ledger.html).toContain(booking.id);
		expect((await pageGet(app, "/admin/ledger", supportToken)).status).toBe(403);
		const reconciliation = await pageGet(app, "/admin/reconciliation?status=all", adminToken);
		expect(reconciliation.status).toBe(200);
		expect(reconciliation.html).toContain("对账记录");
	});
});
