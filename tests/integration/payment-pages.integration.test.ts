import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { apiCall, bookThroughApi, pageGet, pagePost } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The payment pages as a browser without JavaScript meets them: the checkout's itemised amount and
 * methods, the sandbox cashier, and the result page that shows what the provider (here the
 * sandbox) confirmed. Strangers get the 404 page everywhere.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const pidOf = (location: string | null) => location?.match(/^\/pay\/sandbox\/([0-9a-f-]{36})$/)?.[1];

describe("paying on the pages", () => {
	it("checks out a deposit, pays it in the sandbox cashier and shows the confirmed result", async () => {
		const coach = await bookableCoach("页面支付教练");
		const player = await signedInUser("页面支付学员");
		const stranger = await signedInUser("页面路人");
		const booking = await bookThroughApi(app, coach, player);

		const checkout = await pageGet(app, `/me/bookings/${booking.id}/pay`, player.token);
		expect(checkout.status).toBe(200);
		expect(checkout.html).toContain("只付定金 ¥60");
		expect(checkout.html).toContain("一次付清全款 ¥200");
		expect(checkout.html).toContain("测试支付");
		expect(checkout.html).toContain("取消规则");
		expect((await pageGet(app, `/me/bookings/${booking.id}/pay`, stranger.token)).status).toBe(404);
		expect((await pageGet(app, `/me/bookings/${booking.id}/pay`)).status).toBe(302);

		const started = await pagePost(app, `/me/bookings/${booking.id}/pay`, player.token, { kind: "deposit", method: "sandbox" });
		expect(started.status).toBe(302);
		const paymentId = pidOf(started.location);
		expect(paymentId).toBeDefined();
		const cashier = await pageGet(app, `/pay/sandbox/${paymentId}`, player.token);
		expect(cashier.status).toBe(200);
		expect(cashier.html).toContain("不会真实扣款");
		expect(cashier.html).toContain("¥60");
		expect((await pageGet(app, `/pay/sandbox/${paymentId}`, stranger.token)).status).toBe(404);
		expect((await pagePost(app, `/pay/sandbox/${paymentId}`, stranger.token, { outcome: "success" })).status).toBe(404);

		const paid = await pagePost(app, `/pay/sandbox/${paymentId}`, player.token, { outcome: "success" });
		expect(paid.location).toBe(`/me/payments/${paymentId}`);
		const result = await pageGet(app, `/me/payments/${paymentId}`, player.token);
		expect(result.html).toContain('data-status="succeeded"');
		expect(result.html).toContain("支付成功");
		expect((await pageGet(app, `/me/payments/${paymentId}`, stranger.token)).status).toBe(404);
		const view = await apiCall(app, "GET", `/bookings/${booking.id}`, player.token);
		expect(view.body.booking).toMatchObject({ status: "pending_confirmation", paidFen: 6_000 });

		// The booking page keeps the record: the deposit, paid, a link to its result.
		const detail = await pageGet(app, `/me/bookings/${booking.id}`, player.token);
		expect(detail.html).toMatch(/data-testid="booking-payments"[\s\S]*定金[\s\S]*¥60[\s\S]*支付成功/);
		expect(detail.html).toContain(`href="/me/payments/${paymentId}"`);

		// Next the balance is due, and only it.
		const balance = await pageGet(app, `/me/bookings/${booking.id}/pay`, player.token);
		expect(balance.html).toContain("¥140");
		expect(balance.html).not.toContain("只付定金");
	});

	it("shows a failed payment with a way back, and refuses a tip before the lesson or a bad amount", async () => {
		const coach = await bookableCoach("失败支付教练");
		const player = await signedInUser("失败支付学员");
		const booking = await bookThroughApi(app, coach, player, { paymentPlan: "full" });
		const started = await pagePost(app, `/me/bookings/${booking.id}/pay`, player.token, { kind: "full", method: "sandbox" });
		const paymentId = pidOf(started.location);
		await pagePost(app, `/pay/sandbox/${paymentId}`, player.token, { outcome: "failure" });
		const result = await pageGet(app, `/me/payments/${paymentId}`, player.token);
		expect(result.html).toContain('data-status="failed"');
		expect(result.html).toContain("没有扣款");
		expect(result.html).toContain(`/me/bookings/${booking.id}/pay`);

		const tip = await pageGet(app, `/me/bookings/${booking.id}/pay?tip=1`, player.token);
		expect(tip.html).toContain('data-testid="nothing-due"');
		const early = await pagePost(app, `/me/bookings/${booking.id}/pay`, player.token, {
			kind: "tip",
			method: "sandbox",
			tip: "2000",
		});
		expect(early.status).toBe(409);
		const typo = await pagePost(app, `/me/bookings/${booking.id}/pay`, player.token, {
			kind: "tip",
			method: "sandbox",
			tipYuan: "abc",
		});
		expect(typo.status).toBe(400);
		expect(typo.html).toContain("打赏金额需在");
	});
});
