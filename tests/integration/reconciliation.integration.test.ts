import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { startAlipayPayment } from "~/modules/payments/providers/alipay.server";
import { reconcilePayments, yesterdayInBeijing } from "~/modules/payments/reconciliation/reconcile-payments.server";
import { auditLog, reconciliationRuns } from "../../db/schema";
import { type FakeAlipayPay, startFakeAlipayPay } from "../fakes/alipay-pay";
import { apiCall, bookThroughApi } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { staffSessionToken } from "../support/staff";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Daily reconciliation against the loopback Alipay's bill (a GBK zip, downloaded through
 * alipay.data.dataservice.bill.downloadurl.query): payments made through the API and paid
 * "yesterday" (Beijing), then the fake's bill and our books made to disagree in each way a real
 * day can, and the back office resolving a difference over the API.
 */
let app: TestApp;
let alipay: FakeAlipayPay;
let adminToken: string;
let supportToken: string;
const billDate = yesterdayInBeijing();
const paidAt = new Date(`${billDate}T12:00:00+08:00`);

beforeAll(async () => {
	alipay = await startFakeAlipayPay();
	app = await startConfiguredApp({ ...alipay.settings, PAYMENTS_SANDBOX: "0" });
	await db().transaction((tx) => seedDemoAccounts(tx));
	adminToken = await staffSessionToken("13800000005");
	supportToken = await staffSessionToken("13800000004");
});
afterAll(async () => {
	await app?.close();
	await alipay?.close();
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const notifyUrl = () => `${app.url}/api/v1/payments/notify/alipay`;
const openDifferences = async () => (await call("GET", "/admin/payments/differences", adminToken)).body.differences as any[];

/** A booking's deposit opened through the API by QR code (precreate). */
async function openedPayment(name: string) {
	const coach = await bookableCoach(`${name}教练`, undefined, { allDay: true });
	const player = await signedInUser(`${name}学员`);
	const booking = await bookThroughApi(app, coach, player);
	const started = await apiCall(app, "POST", `/bookings/${booking.id}/payments`, player.token, {
		kind: "deposit",
		method: "alipay",
		channel: "qr",
	});
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	return started.body as { paymentId: string; outTradeNo: string; amountFen: number };
}

/** …paid yesterday noon, and its notification acknowledged. */
async function paidYesterday(name: string) {
	const payment = await openedPayment(name);
	expect(await alipay.deliver(alipay.pay(payment.outTradeNo, { at: paidAt }), notifyUrl())).toEqual({
		status: 200,
		body: "success",
	});
	return payment;
}

let first: { paymentId: string; outTradeNo: string; amountFen: number };

describe("reconciling a day with Alipay's bill", () => {
	it("finds no difference when the bill and our books agree", async () => {
		first = await paidYesterday("对账一致甲");
		await paidYesterday("对账一致乙");
		const summaries = await reconcilePayments({ billDate });
		expect(summaries).toEqual([{ provider: "alipay", billDate, status: "completed", billLines: 2, matched: 2, differences: 0 }]);
		expect(await openDifferences()).toEqual([]);
	});

	it("finds a payment missing in the bill, a bill line we do not know, an amount and a state that differ", async () => {
		// Ours, paid, but Alipay's bill does not list it.
		const unbilled = await paidYesterday("对账漏单");
		alipay.trades.delete(unbilled.outTradeNo);
		// On the bill, but no payment of ours.
		const stranger = `CPX${Date.now()}`;
		await startAlipayPayment({
			outTradeNo: stranger,
			amountFen: 4_200,
			subject: "不明交易",
			channel: "qr",
			notifyUrl: notifyUrl(),
			returnUrl: `${app.url}/`,
			expiresAt: new Date(Date.now() + 600_000),
		});
		alipay.pay(stranger, { at: paidAt });
		// Alipay's record of the first payment says one yuan less.
		const trade = alipay.trades.get(first.outTradeNo);
		if (!trade) throw new Error("the first trade is gone");
		trade.totalFen -= 100;
		// Paid at Alipay, still pending here (the notification has not come yet).
		const pending = await openedPayment("对账未到账");
		alipay.pay(pending.outTradeNo, { at: paidAt });

		// The daily job's own date: yesterday in Beijing.
		const [summary] = await reconcilePayments({ now: new Date() });
		expect(summary).toMatchObject({ provider: "alipay", billDate, status: "completed", differences: 4 });
		const found = await openDifferences();
		const byKind = Object.fromEntries(found.map((difference) => [difference.kind, difference]));
		expect(Object.keys(byKind).sort()).toEqual(["amount_mismatch", "missing_here", "missing_in_bill", "status_mismatch"]);
		expect(byKind.missing_in_bill).toMatchObject({
			provider: "alipay",
			billDate,
			outTradeNo: unbilled.outTradeNo,
			paymentId: unbilled.paymentId,
			ourFen: unbilled.amountFen,
			billFen: null,
			resolvedAt: null,
		});
		expect(byKind.missing_here).toMatchObject({ outTradeNo: stranger, paymentId: null, ourFen: null, billFen: 4_200 });
		expect(byKind.amount_mismatch).toMatchObject({
			outTradeNo: first.outTradeNo,
			ourFen: first.amountFen,
			billFen: first.amountFen - 100,
		});
		expect(byKind.status_mismatch).toMatchObject({ outTradeNo: pending.outTradeNo, ourFen: pending.amountFen });

		// A rerun of the day finds the same, once, in the same run.
		await reconcilePayments({ billDate });
		expect(await openDifferences()).toHaveLength(4);
		const runs = await db()
			.select()
			.from(reconciliationRuns)
			.where(and(eq(reconciliationRuns.provider, "alipay"), eq(reconciliationRuns.billDate, billDate)));
		expect(runs).toHaveLength(1);
	});

	it("staff resolve a difference with a note, audited; a rerun keeps it resolved", async () => {
		const [difference] = (await openDifferences()).filter((entry) => entry.kind === "missing_here");
		const path = `/admin/payments/differences/${difference.id}/resolve`;

		expect((await call("POST", path, null, { note: "已核实" })).status).toBe(401);
		expect((await call("POST", path, supportToken, { note: "已核实" })).status).toBe(403);
		const blank = await call("POST", path, adminToken, { note: " " });
		expect(blank.status).toBe(400);
		expect(blank.body.error.fields.note).toContain("处理说明");
		expect(
			(await call("POST", `/admin/payments/differences/${crypto.randomUUID()}/resolve`, adminToken, { note: "已核实" })).status,
		).toBe(404);

		const note = "支付宝后台核实：测试商户号的手工收款，已退回";
		const resolved = await call("POST", path, adminToken, { note });
		expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
		expect(resolved.body.difference).toMatchObject({ id: difference.id, note, resolvedAt: expect.any(String) });
		const again = await call("POST", path, adminToken, { note: "再处理一次" });
		expect(again.status).toBe(409);
		expect(again.body.error.message).toContain("已经处理过");
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.targetId, difference.id));
		expect(audit).toMatchObject({
			action: "payment.difference.resolved",
			reason: note,
			actorId: resolved.body.difference.resolvedBy,
		});

		await reconcilePayments({ billDate });
		const open = await openDifferences();
		expect(open.map((entry) => entry.kind).sort()).toEqual(["amount_mismatch", "missing_in_bill", "status_mismatch"]);
		const all = (await call("GET", "/admin/payments/differences?status=all", adminToken)).body.differences as any[];
		expect(all).toHaveLength(4);
		expect(all.find((entry) => entry.id === difference.id)).toMatchObject({ note, resolvedAt: expect.any(String) });
		expect((await call("GET", "/admin/payments/differences", supportToken)).status).toBe(403);
	});
});
