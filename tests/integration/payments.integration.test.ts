import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { expireUnpaidBookings } from "~/modules/booking/expire-unpaid-bookings.server";
import { applyProviderResult } from "~/modules/payments/apply-provider-result.server";
import { accountBalance } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeRefund } from "~/modules/payments/refunds/execute-refund.server";
import { bookings, ledgerJournals, payments, refunds } from "../../db/schema";
import { apiCall, bookThroughApi } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { settleDomainEvents } from "../support/events";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});
// Whatever a test did with money, the books must balance after it.
afterEach(async () => {
	const result = await verifyLedger(db());
	expect(result.breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

async function payInSandbox(token: string, bookingId: string, kind: "deposit" | "full" | "balance") {
	const started = await call("POST", `/bookings/${bookingId}/payments`, token, { kind, method: "sandbox" });
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	const done = await call("POST", `/payments/${started.body.paymentId}/sandbox`, token, { outcome: "success" });
	expect(done.status, JSON.stringify(done.body)).toBe(200);
	return { started: started.body, payment: done.body.payment };
}

const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0];
const refundsOf = (bookingId: string) => db().select().from(refunds).where(eq(refunds.bookingId, bookingId));
const escrowOf = (bookingId: string) => db().transaction((tx) => accountBalance(tx, "booking_escrow", bookingId));

describe("paying a booking in the sandbox", () => {
	it("pays the deposit through the sandbox cashier, posts it to the ledger, and tells the booking", async () => {
		const coach = await bookableCoach("支付测试教练");
		const player = await signedInUser("支付测试学员");
		const booking = await bookThroughApi(app, coach, player);

		const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
		expect(started.status).toBe(201);
		expect(started.body).toMatchObject({ amountFen: booking.depositFen, method: "sandbox", channel: "sandbox" });
		expect(started.body.payUrl).toBe(`/pay/sandbox/${started.body.paymentId}`);
		expect(started.body.outTradeNo).toMatch(/^CPP\d{25}$/);
		const pending = await call("GET", `/payments/${started.body.paymentId}`, player.token);
		expect(pending.body.payment.status).toBe("pending");

		const done = await call("POST", `/payments/${started.body.paymentId}/sandbox`, player.token, { outcome: "success" });
		expect(done.body.payment).toMatchObject({ status: "succeeded", amountFen: booking.depositFen, refundedFen: 0 });
		expect(done.body.payment.history.map((entry: { outcome: string }) => entry.outcome)).toEqual(["applied"]);
		const paid = await bookingRow(booking.id);
		expect(paid?.status).toBe("pending_confirmation");
		expect(paid?.paidFen).toBe(booking.depositFen);
		// The player's money is held for the booking: escrow owes it (a credit), clearing holds it.
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);

		// Paying what is paid is refused, and nothing is charged.
		const again = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
		expect(again.status).toBe(409);
		expect(again.body.error.message).toContain("已经付过");
	});

	it("takes the balance after a deposit, once, and refuses a tip before the lesson is completed", async () => {
		const coach = await bookableCoach("尾款测试教练");
		const player = await signedInUser("尾款测试学员");
		const booking = await bookThroughApi(app, coach, player);
		const early = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "balance", method: "sandbox" });
		expect(early.status).toBe(409);
		await payInSandbox(player.token, booking.id, "deposit");
		const { payment } = await payInSandbox(player.token, booking.id, "balance");
		expect(payment.amountFen).toBe(booking.priceFen - booking.depositFen);
		expect((await bookingRow(booking.id))?.paidFen).toBe(booking.priceFen);
		expect(await escrowOf(booking.id)).toBe(-booking.priceFen);
		const twice = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "balance", method: "sandbox" });
		expect(twice.status).toBe(409);

		const tip = await call("POST", `/bookings/${booking.id}/tips`, player.token, { amountFen: 2_000, method: "sandbox" });
		expect(tip.status).toBe(409);
		for (const amountFen of [0, -100, 12.5, 99, 300_000]) {
			const bad = await call("POST", `/bookings/${booking.id}/tips`, player.token, { amountFen, method: "sandbox" });
			expect([400, 409]).toContain(bad.status);
		}
		const charged = await db()
			.select()
			.from(payments)
			.where(and(eq(payments.bookingId, booking.id), eq(payments.purpose, "tip")));
		expect(charged).toEqual([]);
	});

	it("keeps other people's bookings and payments out of reach, and refuses methods that are not configured", async () => {
		const coach = await bookableCoach("隐私支付教练");
		const player = await signedInUser("隐私支付学员");
		const stranger = await signedInUser("路人");
		const booking = await bookThroughApi(app, coach, player);
		const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });

		expect(
			(await call("POST", `/bookings/${booking.id}/payments`, stranger.token, { kind: "deposit", method: "sandbox" })).status,
		).toBe(404);
		// Not even the coach pays for the player.
		expect(
			(await call("POST", `/bookings/${booking.id}/payments`, coach.token, { kind: "deposit", method: "sandbox" })).status,
		).toBe(404);
		expect((await call("GET", `/payments/${started.body.paymentId}`, stranger.token)).status).toBe(404);
		expect(
			(await call("POST", `/payments/${started.body.paymentId}/sandbox`, stranger.token, { outcome: "success" })).status,
		).toBe(404);
		expect((await call("GET", `/payments/${started.body.paymentId}`, null)).status).toBe(401);

		const alipay = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "alipay" });
		expect(alipay.status).toBe(400);
		expect(alipay.body.error.fields.method).toContain("支付方式");
		expect((await bookingRow(booking.id))?.status).toBe("pending_payment");
	});
});

describe("the one payment path", () => {
	it("posts a notification delivered 50 times at once exactly once", async () => {
		const coach = await bookableCoach("并发通知教练");
		const player = await signedInUser("并发通知学员");
		const booking = await bookThroughApi(app, coach, player, { paymentPlan: "full" });
		const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "full", method: "sandbox" });
		const message = {
			method: "sandbox" as const,
			eventId: crypto.randomUUID(),
			kind: "notify",
			outTradeNo: started.body.outTradeNo,
			amountFen: booking.priceFen,
			merchantMatches: true,
			outcome: "succeeded" as const,
		};
		const outcomes = await Promise.all(Array.from({ length: 50 }, () => applyProviderResult(message)));
		expect(outcomes.filter((outcome) => outcome === "applied")).toHaveLength(1);
		expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(49);
		const journals = await db().select().from(ledgerJournals).where(eq(ledgerJournals.paymentId, started.body.paymentId));
		expect(journals).toHaveLength(1);
		expect((await bookingRow(booking.id))?.paidFen).toBe(booking.priceFen);
	});

	it("rejects a wrong amount or merchant with nothing posted, and answers their repeats the same", async () => {
		const coach = await bookableCoach("金额不符教练");
		const player = await signedInUser("金额不符学员");
		const booking = await bookThroughApi(app, coach, player);
		const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
		const base = {
			method: "sandbox" as const,
			kind: "notify",
			outTradeNo: started.body.outTradeNo,
			outcome: "succeeded" as const,
		};
		const wrongAmount = { ...base, eventId: crypto.randomUUID(), amountFen: booking.depositFen - 1, merchantMatches: true };
		expect(await applyProviderResult(wrongAmount)).toBe("wrong_amount");
		expect(await applyProviderResult(wrongAmount)).toBe("wrong_amount");
		const wrongMerchant = { ...base, eventId: crypto.randomUUID(), amountFen: booking.depositFen, merchantMatches: false };
		expect(await applyProviderResult(wrongMerchant)).toBe("wrong_merchant");
		const unknown = { ...base, eventId: crypto.randomUUID(), outTradeNo: "CPP000", amountFen: 1, merchantMatches: true };
		expect(await applyProviderResult(unknown)).toBe("unknown_trade");
		const payment = await call("GET", `/payments/${started.body.paymentId}`, player.token);
		expect(payment.body.payment.status).toBe("pending");
		expect(await db().select().from(ledgerJournals).where(eq(ledgerJournals.bookingId, booking.id))).toEqual([]);
		expect((await bookingRow(booking.id))?.status).toBe("pending_payment");
	});

	it("refunds a success that arrives after the booking expired, and the freed time stays free", async () => {
		const coach = await bookableCoach("超时支付教练");
		const player = await signedInUser("超时支付学员");
		const booking = await bookThroughApi(app, coach, player);
		const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
		await expireUnpaidBookings(new Date(Date.now() + 3_600_000));
		expect((await bookingRow(booking.id))?.status).toBe("expired");

		const late = await call("POST", `/payments/${started.body.paymentId}/sandbox`, player.token, { outcome: "success" });
		expect(late.body.payment.status).toBe("succeeded");
		expect(late.body.payment.refunds).toEqual([expect.objectContaining({ amountFen: booking.depositFen, status: "pending" })]);
		expect((await bookingRow(booking.id))?.status).toBe("expired");
		const [refund] = await refundsOf(booking.id);
		expect(await executeRefund(refund?.id as string)).toBe("succeeded");
		expect(await executeRefund(refund?.id as string)).toBe("settled_before");
		const after = await call("GET", `/payments/${started.body.paymentId}`, player.token);
		expect(after.body.payment.refunds[0].status).toBe("succeeded");
		expect(await escrowOf(booking.id)).toBe(0);
	});

	it("refunds by the cancellation policy when the player cancels, and gives the coach what the policy keeps", async () => {
		// Within a day of the lesson the coach's moderate policy gives half back.
		const coach = await bookableCoach("取消退款教练", undefined, { allDay: true });
		const player = await signedInUser("取消退款学员");
		const booking = await bookThroughApi(app, coach, player, { paymentPlan: "full", fromHours: 4 });
		await payInSandbox(player.token, booking.id, "full");
		const quote = await call("GET", `/bookings/${booking.id}/cancellation`, player.token);
		expect(quote.body).toMatchObject({ tier: "partial", refundFen: booking.priceFen / 2 });
		const cancelled = await call("POST", `/bookings/${booking.id}/cancel`, player.token, { reason: "临时有事" });
		expect(cancelled.status).toBe(200);
		await settleDomainEvents();
		const [refund] = await refundsOf(booking.id);
		expect(refund?.amountFen).toBe(quote.body.refundFen);
		expect(await executeRefund(refund?.id as string)).toBe("succeeded");
		expect(await escrowOf(booking.id)).toBe(0);
		const coachBalance = await db().transaction((tx) => accountBalance(tx, "coach_payable", coach.coachId));
		expect(quote.body.coachCompensationFen).toBeGreaterThan(0);
		expect(-coachBalance).toBe(quote.body.coachCompensationFen);
		const commission = await db().transaction((tx) => accountBalance(tx, "platform_commission"));
		expect(-commission).toBeGreaterThanOrEqual(quote.body.platformFeeFen);
		// A second delivery of the event changes nothing.
		await settleDomainEvents();
		expect(await refundsOf(booking.id)).toHaveLength(1);
	});

	it("refunds in full when the coach rejects a paid booking", async () => {
		const coach = await bookableCoach("拒单退款教练");
		const player = await signedInUser("拒单退款学员");
		const booking = await bookThroughApi(app, coach, player);
		await payInSandbox(player.token, booking.id, "deposit");
		const rejected = await call("POST", `/bookings/${booking.id}/reject`, coach.token, { reason: "当天有比赛" });
		expect(rejected.status).toBe(200);
		await settleDomainEvents();
		const all = await refundsOf(booking.id);
		expect(all.map((refund) => refund.amountFen)).toEqual([booking.depositFen]);
		const count = await db().execute<{ n: number }>(sql`select count(*)::int as n from refunds where booking_id = ${booking.id}`);
		expect(count.rows[0]?.n).toBe(1);
	});
});
