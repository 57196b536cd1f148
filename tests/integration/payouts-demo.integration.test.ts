import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/modules/accounts/sessions.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { seedDemoData } from "~/server/demo-data";
import { apiCall } from "../support/api-client";
import { useDemoDatabase } from "../support/demo-database";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * A fresh development start: the demo coach has a verified Alipay payout account, and without
 * Alipay's transfer certificates the payments sandbox pays it, so a demo withdrawal goes end to end.
 */
let app: TestApp;
let token = "";

beforeAll(async () => {
	await useDemoDatabase();
	// A second start adds nothing.
	expect(await seedDemoData()).toBe(0);
	app = await startConfiguredApp({ PAYMENTS_SANDBOX: "1" });
	const coach = await findUserByPhone("+8613800000002");
	token = (await createSession(coach?.id as string, { ip: "127.0.0.1", userAgent: "tests" })).token;
});
afterAll(async () => {
	await app?.close();
});

describe("the demo coach's payouts", () => {
	it("has one verified Alipay account, usable through the sandbox", async () => {
		const accounts = await apiCall(app, "GET", "/coach/payout-accounts", token);
		expect(accounts.status).toBe(200);
		expect(accounts.body.items).toEqual([
			expect.objectContaining({ kind: "alipay", masked: "138****0002", verified: true, usable: true }),
		]);
		const withdrawals = await apiCall(app, "GET", "/coach/withdrawals", token);
		expect(withdrawals.body.terms).toMatchObject({ alipayOffered: true, minFen: 10_000 });
	});
});
