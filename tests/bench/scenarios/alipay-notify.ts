import { drizzle } from "drizzle-orm/node-postgres";
import { verifyLedger } from "../../../app/modules/payments/ledger/verify-ledger.server";
import * as schema from "../../../db/schema";
import { type FakeAlipayPay, startFakeAlipayPay } from "../../fakes/alipay-pay";
import { defineScenario } from "../harness";
import { bookingBody, demoPlayerToken, freeBookableTimes, releaseBookings, withClient } from "./_booking";
import { ensureScaleCoaches } from "./_scale";

/**
 * Alipay's asynchronous notifications, each for another payment: the app is configured against the
 * loopback Alipay fake (its keys, its gateway), the bench books lessons and opens their deposit
 * trades through the API beforehand, the fake "pays" each one and signs its notification as
 * Alipay does, and the load POSTs them, one payment per request, so no answer is a duplicate's
 * short cut. Every answer must be `success`; afterwards every notified payment must have succeeded
 * and the ledger must balance (verifyLedger).
 */

// Enough for 2 s warm-up + 10 s at twice the budget; BENCH_NOTIFY_PAYMENTS for longer or faster runs.
const PAYMENTS = Number(process.env.BENCH_NOTIFY_PAYMENTS ?? 8000);
// Bookings and trades are opened this many at a time while seeding (not measured).
const SEED_CONCURRENCY = 8;
// The booking-create scenario books the first 20,000 synthetic coaches: these are the next ones.
const SKIP_COACHES = 20_000;

let fake: FakeAlipayPay | undefined;

async function json<T>(response: Response, what: string, status: number): Promise<T> {
	if (response.status !== status)
		throw new Error(`${what} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
	return (await response.json()) as T;
}

export default defineScenario({
	name: "alipay-notify",
	description: "POST /api/v1/payments/notify/alipay, a signed TRADE_SUCCESS for a different pending payment each request",
	order: 70,
	budget: { minRps: 300 },
	// Alipay delivers notifications a few at a time per merchant; at 50 two cores only queue them.
	connections: 10,
	async appEnv() {
		fake = await startFakeAlipayPay();
		return fake.settings;
	},
	async setup(baseUrl, ctx) {
		const alipay = fake;
		if (!alipay) throw new Error("the Alipay fake did not start (appEnv was not called)");
		ctx.onCleanup(() => alipay.close());
		await ensureScaleCoaches(ctx);
		const since = new Date();
		// Frees the booked times for the next run (the bench database is the bench's own).
		ctx.onCleanup(() => releaseBookings(ctx, since));
		const token = await demoPlayerToken(baseUrl);
		const headers = { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "zh-CN" };
		const times = (await freeBookableTimes(ctx, Math.ceil(PAYMENTS / 8), SKIP_COACHES)).slice(0, PAYMENTS);
		if (times.length < PAYMENTS) throw new Error(`only ${times.length} free times for ${PAYMENTS} payments`);

		const started = Date.now();
		const outTradeNos: string[] = new Array(times.length);
		let taken = 0;
		const seedOne = async (index: number) => {
			const time = times[index] as (typeof times)[number];
			const { booking } = await json<{ booking: { id: string } }>(
				await fetch(`${baseUrl}/api/v1/bookings`, { method: "POST", headers, body: bookingBody(time) }),
				"booking",
				201,
			);
			const payment = await json<{ outTradeNo: string; payUrl?: string }>(
				await fetch(`${baseUrl}/api/v1/bookings/${booking.id}/payments`, {
					method: "POST",
					headers,
					body: JSON.stringify({ kind: "deposit", method: "alipay", channel: "page" }),
				}),
				"payment start",
				201,
			);
			// The buyer opens the cashier: at Alipay (and in the fake) that is when a page-pay trade exists.
			if (!payment.payUrl) throw new Error("the Alipay page payment has no payUrl");
			const cashier = await fetch(payment.payUrl);
			if (cashier.status !== 200) throw new Error(`the fake cashier answered ${cashier.status}: ${await cashier.text()}`);
			outTradeNos[index] = payment.outTradeNo;
		};
		await Promise.all(
			Array.from({ length: SEED_CONCURRENCY }, async () => {
				while (taken < times.length) await seedOne(taken++);
			}),
		);
		// The buyers pay; each notification is signed by the fake exactly as Alipay signs it.
		const forms = outTradeNos.map((outTradeNo) => new URLSearchParams(alipay.pay(outTradeNo)).toString());
		ctx.log(`${forms.length} bookings with a pending Alipay payment and its signed notification, in ${Date.now() - started} ms`);

		let next = 1;
		let exhausted = 0;
		return {
			path: "/api/v1/payments/notify/alipay",
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
			body: forms[0],
			expectBody: "success",
			setupRequest: (request) => {
				const form = forms[next++];
				if (form) return { ...request, body: form };
				// Out of payments: an unsigned form, answered `fail`, so the run shows ✗ instead of repeats.
				exhausted++;
				return { ...request, body: "out_trade_no=exhausted" };
			},
			afterLoad: () =>
				withClient(ctx, async (client) => {
					const sent = Math.min(next, forms.length);
					const notified = outTradeNos.slice(0, sent);
					const { rows } = await client.query<{ succeeded: string }>(
						"select count(*)::text as succeeded from payments where out_trade_no = any($1) and status = 'succeeded'",
						[notified],
					);
					const succeeded = Number(rows[0]?.succeeded ?? 0);
					const ledger = await verifyLedger(drizzle(client, { schema }));
					const breaks = ledger.breaks.map((found) => `${found.check}: ${found.detail}`).slice(0, 3);
					return {
						// A request autocannon built but stopped before sending leaves its payment pending, hence ≤.
						met: ledger.breaks.length === 0 && exhausted === 0 && succeeded <= sent && succeeded >= sent - 20,
						detail:
							`${sent} notifications built, ${succeeded} payments succeeded, ${exhausted} past the ${forms.length} seeded; ` +
							`ledger ${ledger.journals} journals, ${ledger.entries} entries, ${ledger.breaks.length} breaks` +
							(breaks.length ? ` (${breaks.join("; ")})` : ""),
					};
				}),
		};
	},
});
