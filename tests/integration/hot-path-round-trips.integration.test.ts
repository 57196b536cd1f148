import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "~/lib/db.server";
import { type FakeAlipayPay, startFakeAlipayPay } from "../fakes/alipay-pay";
import { apiCall, bookThroughApi } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * The speed budgets of booking creation and of Alipay's notifications (npm run bench) are spent
 * mostly on round trips to PostgreSQL: on two cores each statement costs the server and the
 * database a system call pair and a wake-up, more than most statements' own work. These tests
 * count the statements one request sends (every query the pg driver is asked to run, seen through
 * a pass-through wrapper on its client), so a change that adds a read to the hot path fails here
 * rather than only in a benchmark nobody runs. Decision 012 and 013 say what each statement is.
 * Only the request's own work is counted: not the job queue's maintenance (its own connections,
 * whenever its timer fires), and not the database probe (app/server/health.ts), which a request
 * runs only when the shared probe is more than a second old — so either would land in a count now
 * and then, as the probe did on CI.
 */
let app: TestApp;
let alipay: FakeAlipayPay;
let counting = false;
const statements: string[] = [];
const query = pg.Client.prototype.query;
/** The connections the app's pool hands out (its "acquire" event names each one as it is lent). */
const appClients = new WeakSet<pg.Client>();

beforeAll(async () => {
	alipay = await startFakeAlipayPay();
	app = await startConfiguredApp({ ...alipay.settings, PAYMENTS_SANDBOX: "0" });
	pool().on("acquire", (client) => appClients.add(client as unknown as pg.Client));
	(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
		this: pg.Client,
		...args: unknown[]
	) {
		if (counting && appClients.has(this)) {
			const sent = args[0] as string | { text: string };
			const text = typeof sent === "string" ? sent : sent.text;
			if (!text.includes("__drizzle_migrations")) statements.push(text);
		}
		return (query as (...args: unknown[]) => unknown).apply(this, args);
	};
});
afterAll(async () => {
	pg.Client.prototype.query = query;
	await app?.close();
	await alipay?.close();
});

/** The statements the driver ran while `work` ran. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
	statements.length = 0;
	counting = true;
	try {
		return { result: await work(), sent: [...statements] };
	} finally {
		counting = false;
	}
}

const shown = (sent: string[]) => sent.map((text) => text.replace(/\s+/g, " ").slice(0, 90)).join("\n");

describe("round trips of the hot paths", () => {
	it("books a lesson in at most 9 statements: session with roles, coach terms, and one transaction", async () => {
		const coach = await bookableCoach("往返预约教练", undefined, { allDay: true });
		const player = await signedInUser("往返预约学员");
		// The first booking of a process also starts the job queues: not what is counted.
		await bookThroughApi(app, coach, player, {});
		const slots = await apiCall(app, "GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, null);
		const later = (slots.body.slots as Array<{ startsAt: string }>).at(-1);
		const { result: created, sent } = await statementsOf(() =>
			apiCall(app, "POST", "/bookings", player.token, {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: later?.startsAt,
				location: { kind: "address", address: "上海市徐汇区漕溪北路 88 号" },
				paymentPlan: "deposit",
			}),
		);
		expect(created.status, created.text).toBe(201);
		expect(created.body.booking).toMatchObject({
			status: "pending_payment",
			startsAt: new Date(later?.startsAt ?? 0).toISOString(),
		});
		// Before the speed work: 17 (the roles, the player twice, the booking's completion and
		// proposals, the coach's hours apart from its lessons); 10 before the summary's lock rode on the event.
		expect(sent.length, shown(sent)).toBeLessThanOrEqual(9);
		// What was counted is the request's own work: the booking's insert is among it.
		expect(
			sent.some((text) => /insert into "bookings"/.test(text)),
			shown(sent),
		).toBe(true);
	});

	it("applies a signed Alipay notification in at most 13 statements, and the booking is paid", async () => {
		const coach = await bookableCoach("往返支付教练", undefined, { allDay: true });
		const player = await signedInUser("往返支付学员");
		const booking = await bookThroughApi(app, coach, player, {});
		const started = await apiCall(app, "POST", `/bookings/${booking.id}/payments`, player.token, {
			kind: "deposit",
			method: "alipay",
			channel: "page",
		});
		expect(started.status, started.text).toBe(201);
		expect((await fetch(started.body.payUrl)).status).toBe(200);
		const form = alipay.pay(started.body.outTradeNo);
		const { result: answer, sent } = await statementsOf(() => alipay.deliver(form, `${app.url}/api/v1/payments/notify/alipay`));
		expect(answer).toEqual({ status: 200, body: "success" });
		const paid = await apiCall(app, "GET", `/bookings/${booking.id}`, player.token);
		expect(paid.body.booking.status).toBe("pending_confirmation");
		// Before the speed work: 18 (the journal and its entries apart, the booking's people one by
		// one, a proposal lapsed that cannot exist before payment).
		expect(sent.length, shown(sent)).toBeLessThanOrEqual(13);
		expect(
			sent.some((text) => /payment_provider_events/.test(text)),
			shown(sent),
		).toBe(true);
	});
});
