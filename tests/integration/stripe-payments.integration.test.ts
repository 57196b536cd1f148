import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rereadSettings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { expireUnpaidBookings } from "~/modules/booking/expire-unpaid-bookings.server";
import { accountBalance } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { offeredMethods } from "~/modules/payments/methods.server";
import { pollPendingPayments } from "~/modules/payments/poll-pending-payments.server";
import { executeRefund, RefundPending } from "~/modules/payments/refunds/execute-refund.server";
import { bookings, ledgerJournals, paymentProviderEvents, payments, refunds } from "../../db/schema";
import { type FakeStripe, type FakeStripeWebhook, startFakeStripe } from "../fakes/stripe";
import { apiCall, bookThroughApi, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { settleDomainEvents } from "../support/events";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Stripe (overseas cards) against the loopback fake, through the API: the real SDK opens a
 * Checkout Session, the payer pays on the fake's hosted page, the webhook (signed as Stripe signs)
 * goes through the one payment path; forgeries, repeats and mismatches; refunds; the poller.
 */
let stripe: FakeStripe;
let app: TestApp;
const settingNames = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE"] as const;

beforeAll(async () => {
	stripe = await startFakeStripe();
	// Settings are read once per process: set before the app starts.
	Object.assign(process.env, stripe.settings);
	rereadSettings();
	app = await startTestApp();
	stripe.webhookUrl = notifyUrl();
});
afterAll(async () => {
	await app?.close();
	for (const name of settingNames) delete process.env[name];
	rereadSettings();
	await stripe?.close();
});
// Whatever a test did with money, the books must balance after it.
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);
const notifyUrl = () => `${app.url}/api/v1/payments/notify/stripe`;
const deliver = (webhook: FakeStripeWebhook) => stripe.deliver(webhook, notifyUrl());
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const paymentRow = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0];
const bookingRow = async (id: string) => (await db().select().from(bookings).where(eq(bookings.id, id)))[0];
const journalsOf = (paymentId: string) => db().select().from(ledgerJournals).where(eq(ledgerJournals.paymentId, paymentId));
const escrowOf = (bookingId: string) => db().transaction((tx) => accountBalance(tx, "booking_escrow", bookingId));
const sessionOf = async (paymentId: string) => {
	const sessionId = (await paymentRow(paymentId))?.providerTradeNo ?? "";
	const session = stripe.sessions.get(sessionId);
	if (!session) throw new Error(`no Stripe session for payment ${paymentId}`);
	return session;
};

async function bookingPaidByCard(name: string) {
	const coach = await bookableCoach(`${name}教练`);
	const player = await signedInUser(`${name}学员`);
	const booking = await bookThroughApi(app, coach, player);
	const started = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "stripe" });
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	return { coach, player, booking, started: started.body };
}

describe("paying a booking by overseas card (Stripe Checkout)", () => {
	it("is offered once configured, and refuses the sandbox beside it", async () => {
		expect(offeredMethods()).toEqual(["stripe"]);
		const coach = await bookableCoach("境外卡可选教练");
		const player = await signedInUser("境外卡可选学员");
		const booking = await bookThroughApi(app, coach, player);
		const sandbox = await call("POST", `/bookings/${booking.id}/payments`, player.token, { kind: "deposit", method: "sandbox" });
		expect(sandbox.status).toBe(400);
		expect(sandbox.body.error.fields.method).toBeTruthy();
	});

	it("the checkout page offers 境外银行卡 and sends the payer to Stripe's hosted page", async () => {
		const coach = await bookableCoach("境外卡页面教练");
		const player = await signedInUser("境外卡页面学员");
		const booking = await bookThroughApi(app, coach, player);
		const checkout = await pageGet(app, `/me/bookings/${booking.id}/pay`, player.token);
		expect(checkout.status).toBe(200);
		expect(checkout.html).toContain("境外银行卡");
		expect(checkout.html).toContain('value="stripe"');
		const started = await pagePost(app, `/me/bookings/${booking.id}/pay`, player.token, { kind: "deposit", method: "stripe" });
		expect(started.status).toBe(302);
		const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
		expect(started.location).toBe(`${stripe.url}/c/pay/${payment?.providerTradeNo}`);
		expect(stripe.sessions.get(payment?.providerTradeNo ?? "")?.amountFen).toBe(booking.depositFen);
	});

	it("end to end: a hosted Checkout page in CNY fen, paid there; the signed webhook books the money once", async () => {
		const { booking, player, started } = await bookingPaidByCard("境外卡");
		expect(started).toMatchObject({ method: "stripe", channel: "page", amountFen: booking.depositFen });
		const session = await sessionOf(started.paymentId);
		expect(started.payUrl).toBe(`${stripe.url}/c/pay/${session.id}`);
		expect(session).toMatchObject({
			amountFen: booking.depositFen,
			currency: "cny",
			status: "open",
			clientReferenceId: started.outTradeNo,
			metadata: { out_trade_no: started.outTradeNo },
		});
		expect(session.successUrl).toMatch(new RegExp(`^https?://[^/]+/me/payments/${started.paymentId}$`));
		expect(stripe.calls).toContain("POST /v1/checkout/sessions");

		// The payer pays on Stripe's page; Stripe sends checkout.session.completed and returns the payer.
		const page = await fetch(started.payUrl);
		expect(await page.text()).toContain(`CN¥${(booking.depositFen / 100).toFixed(2)}`);
		const paid = await fetch(`${stripe.url}/c/pay/${session.id}/pay`, { method: "POST", redirect: "manual" });
		expect(paid.headers.get("location")).toBe(session.successUrl);

		const payment = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(payment.body.payment).toMatchObject({ status: "succeeded", method: "stripe", amountFen: booking.depositFen });
		expect((await bookingRow(booking.id))?.paidFen).toBe(booking.depositFen);
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);
		expect(await journalsOf(started.paymentId)).toHaveLength(1);
	});

	it("the same webhook delivered 50 times at once posts once, and every delivery is acknowledged", async () => {
		const { booking, started } = await bookingPaidByCard("重复通知");
		const completed = stripe.pay((await sessionOf(started.paymentId)).id);
		const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(completed)));
		expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200]));
		expect(await journalsOf(started.paymentId)).toHaveLength(1);
		expect(await escrowOf(booking.id)).toBe(-booking.depositFen);
		const events = await db().select().from(paymentProviderEvents).where(eq(paymentProviderEvents.paymentId, started.paymentId));
		expect(events).toHaveLength(1);
	});

	it("refuses a forged, tampered or stale webhook, and posts nothing", async () => {
		const { booking, started } = await bookingPaidByCard("伪造通知");
		const session = await sessionOf(started.paymentId);
		const genuine = stripe.pay(session.id);
		const object = stripe.sessionObject(session.id);
		const forged = await deliver(stripe.webhookFor("checkout.session.completed", object, { secret: "whsec_someone_else" }));
		expect(forged.status).toBe(401);
		const tampered = await deliver({ ...genuine, body: genuine.body.replace(`"id": "${session.id}"`, `"id": "${session.id}x"`) });
		expect(tampered.status).toBe(401);
		const stale = await deliver(
			stripe.webhookFor("checkout.session.completed", object, { timestamp: Math.floor(Date.now() / 1000) - 3_600 }),
		);
		expect(stale.status).toBe(401);
		const unsigned = await fetch(notifyUrl(), {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: genuine.body,
		});
		expect(unsigned.status).toBe(401);
		expect(JSON.parse(await unsigned.text())).toEqual({ error: expect.any(String) });

		expect((await paymentRow(started.paymentId))?.status).toBe("pending");
		expect(await journalsOf(started.paymentId)).toEqual([]);
		expect((await bookingRow(booking.id))?.status).toBe("pending_payment");
		// The genuine one still lands.
		expect((await deliver(genuine)).status).toBe(200);
		expect((await paymentRow(started.paymentId))?.status).toBe("succeeded");
	});

	it("refuses a correctly signed webhook for another amount, another currency, live mode or a connected account", async () => {
		const { booking, started } = await bookingPaidByCard("错金额");
		const session = await sessionOf(started.paymentId);
		stripe.pay(session.id);
		const object = stripe.sessionObject(session.id);
		for (const [label, webhook] of [
			["amount", stripe.webhookFor("checkout.session.completed", { ...object, amount_total: 1 })],
			["currency", stripe.webhookFor("checkout.session.completed", { ...object, currency: "usd" })],
			["livemode", stripe.webhookFor("checkout.session.completed", { ...object, livemode: true }, { livemode: true })],
			["account", stripe.webhookFor("checkout.session.completed", object, { account: "acct_someone_else" })],
		] as const) {
			const answer = await deliver(webhook);
			expect(answer.status, label).toBe(400);
			expect(JSON.parse(answer.body).error, label).toMatch(/not accepted/);
		}

		expect((await paymentRow(started.paymentId))?.status).toBe("pending");
		expect(await journalsOf(started.paymentId)).toEqual([]);
		expect((await bookingRow(booking.id))?.paidFen).toBe(0);
	});

	it("refunds through Stripe when the coach rejects: one refund under our number, confirmed by refund.updated", async () => {
		const { booking, coach, player, started } = await bookingPaidByCard("境外卡退款");
		expect((await deliver(stripe.pay((await sessionOf(started.paymentId)).id))).status).toBe(200);
		expect((await call("POST", `/bookings/${booking.id}/reject`, coach.token, { reason: "当天有比赛" })).status).toBe(200);
		await settleDomainEvents();
		const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
		expect(refund?.amountFen).toBe(booking.depositFen);

		// Card refunds finish later: the job waits; a retried job finds the same refund, never a second.
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		const atStripe = [...stripe.refunds.values()].filter((one) => one.metadata.out_request_no === refund?.outRequestNo);
		expect(atStripe).toHaveLength(1);
		expect(atStripe[0]).toMatchObject({ amountFen: booking.depositFen, status: "pending" });

		const settled = stripe.settleRefund(atStripe[0]?.id as string);
		expect((await deliver(settled)).status).toBe(200);
		expect((await deliver(settled)).status).toBe(200);
		const after = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(after.body.payment.refunds).toEqual([expect.objectContaining({ status: "succeeded", amountFen: booking.depositFen })]);
		expect(await escrowOf(booking.id)).toBe(0);
		expect(await executeRefund(refund?.id as string)).toBe("settled_before");
		expect((await journalsOf(started.paymentId)).filter((journal) => journal.kind === "refund_settled")).toHaveLength(1);
	});

	it("a refund whose webhook is lost is confirmed by the refund job's next question", async () => {
		const { booking, coach, started } = await bookingPaidByCard("退款轮询");
		expect((await deliver(stripe.pay((await sessionOf(started.paymentId)).id))).status).toBe(200);
		expect((await call("POST", `/bookings/${booking.id}/reject`, coach.token, { reason: "临时有事" })).status).toBe(200);
		await settleDomainEvents();
		const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		const atStripe = [...stripe.refunds.values()].find((one) => one.metadata.out_request_no === refund?.outRequestNo);
		stripe.settleRefund(atStripe?.id as string); // never delivered
		expect(await executeRefund(refund?.id as string)).toBe("succeeded");
		expect(await escrowOf(booking.id)).toBe(0);
	});

	it("a card payment that lands after the booking expired is refunded at Stripe, never kept", async () => {
		const { booking, player, started } = await bookingPaidByCard("迟到付款");
		const completed = stripe.pay((await sessionOf(started.paymentId)).id);
		await expireUnpaidBookings(inMinutes(60));
		expect((await bookingRow(booking.id))?.status).toBe("expired");
		expect((await deliver(completed)).status).toBe(200);
		const payment = await call("GET", `/payments/${started.paymentId}`, player.token);
		expect(payment.body.payment.status).toBe("succeeded");
		expect(payment.body.payment.refunds).toEqual([expect.objectContaining({ amountFen: booking.depositFen, status: "pending" })]);
		const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
		await expect(executeRefund(refund?.id as string)).rejects.toBeInstanceOf(RefundPending);
		const atStripe = [...stripe.refunds.values()].find((one) => one.metadata.out_request_no === refund?.outRequestNo);
		expect(atStripe?.amountFen).toBe(booking.depositFen);
		expect((await deliver(stripe.settleRefund(atStripe?.id as string))).status).toBe(200);
		expect(await escrowOf(booking.id)).toBe(0);
		expect((await bookingRow(booking.id))?.status).toBe("expired");
	});

	it("the poller recovers a lost webhook, and expires the session of a payment past its deadline", async () => {
		const lost = await bookingPaidByCard("丢失通知");
		stripe.pay((await sessionOf(lost.started.paymentId)).id); // paid; the webhook never arrives
		const unpaid = await bookingPaidByCard("超时过期");

		await pollPendingPayments(inMinutes(2));
		expect((await paymentRow(lost.started.paymentId))?.status).toBe("succeeded");
		expect((await bookingRow(lost.booking.id))?.paidFen).toBe(lost.booking.depositFen);
		expect((await paymentRow(unpaid.started.paymentId))?.status).toBe("pending");
		expect((await sessionOf(unpaid.started.paymentId)).status).toBe("open");

		await pollPendingPayments(inMinutes(60));
		expect((await sessionOf(unpaid.started.paymentId)).status).toBe("expired");
		expect((await paymentRow(unpaid.started.paymentId))?.status).toBe("closed");
		expect(await journalsOf(unpaid.started.paymentId)).toEqual([]);
		// The webhook that finally comes for the paid one changes nothing.
		const late = stripe.webhookFor(
			"checkout.session.completed",
			stripe.sessionObject((await sessionOf(lost.started.paymentId)).id),
		);
		expect((await deliver(late)).status).toBe(200);
		expect(await journalsOf(lost.started.paymentId)).toHaveLength(1);
	});
});
