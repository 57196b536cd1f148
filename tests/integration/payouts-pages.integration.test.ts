import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { coachBalances } from "~/modules/payments/income/balances.server";
import { entries } from "~/modules/payments/ledger/accounts";
import { postJournal } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeWithdrawal } from "~/modules/payments/payouts/execute-withdrawal.server";
import { withdrawals } from "../../db/schema";
import { latestCode } from "../support/accounts";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { staffSessionToken } from "../support/staff";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * The payout pages as a coach and an admin use them, without JavaScript: forms posted, the
 * answers read as HTML. Alipay transfers are not configured here, so the sandbox pays.
 */
let app: TestApp;
let adminToken = "";
let coaches = 0;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startConfiguredApp({ PAYMENTS_SANDBOX: "1", WITHDRAWAL_APPROVAL_THRESHOLD_FEN: "20000" });
	adminToken = await staffSessionToken("13800000005");
});
afterAll(async () => {
	await app?.close();
});
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const page = (path: string, token: string) =>
	fetch(`${app.url}${path}`, { headers: { cookie: `cp_session=${token}` }, redirect: "manual" });
const post = (path: string, token: string, fields: Record<string, string>) =>
	fetch(`${app.url}${path}`, {
		method: "POST",
		headers: { cookie: `cp_session=${token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams(fields),
		redirect: "manual",
	});

async function coachWithIncome(fen: number) {
	coaches += 1;
	const made = await createApprovedCoach({
		displayName: `页面提现教练${coaches}`,
		point: { latitude: 31.23, longitude: 121.47 },
		reviewer: await createReviewer(),
		realName: "赵敏",
		phone: `+86137${String(20_000_000 + coaches).padStart(8, "0")}`,
	});
	await db().transaction((tx) =>
		postJournal(tx, {
			idempotencyKey: `test-income:${made.coachId}`,
			kind: "test_income",
			lines: entries(fen, {
				debit: { account: "provider_clearing", ref: "sandbox" },
				credit: { account: "coach_payable", ref: made.coachId },
			}),
		}),
	);
	const { token } = await createSession(made.userId, { ip: "127.0.0.1", userAgent: "tests" });
	return { ...made, token, phone: `+86137${String(20_000_000 + coaches).padStart(8, "0")}` };
}

describe("the coach's payout pages", () => {
	it("list no account at first, and refuse an account in another name beside the field, keeping what was typed", async () => {
		const coach = await coachWithIncome(50_000);
		const empty = await (await page("/coach/payout-accounts", coach.token)).text();
		expect(empty).toContain("还没有收款账户，添加一个就可以提现了。");
		const refused = await post("/coach/payout-accounts", coach.token, {
			intent: "add",
			kind: "alipay",
			alipayLogin: "zhaomin@example.com",
			holderName: "钱七",
			smsCode: "123456",
		});
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain("姓名须与您实名认证的姓名一致");
		expect(html).toContain('value="zhaomin@example.com"');
	});

	it("show the available balance, the minimum and the daily limit, and refuse too much with the amount that is available", async () => {
		const coach = await coachWithIncome(50_000);
		const noAccount = await (await page("/coach/withdrawals/new", coach.token)).text();
		expect(noAccount).toContain("请先添加收款账户");

		// The code step, then the account, as the page's two forms post them.
		const sent = await post("/coach/payout-accounts", coach.token, { intent: "proof-code" });
		expect(await sent.text()).toContain("验证码已发送到您的手机");
		const smsCode = await latestCode(app.url, coach.phone);
		const added = await post("/coach/payout-accounts", coach.token, {
			intent: "add",
			kind: "alipay",
			alipayLogin: "zhaomin@example.com",
			holderName: "赵敏",
			smsCode,
		});
		expect(added.status).toBe(302);
		expect(await (await page("/coach/payout-accounts", coach.token)).text()).toContain("z***@example.com");

		const form = await (await page("/coach/withdrawals/new", coach.token)).text();
		expect(form).toContain("可提现余额");
		expect(form).toContain("¥500");
		expect(form).toContain("单笔最低 ¥100");
		const accountId = form.match(/<option value="([0-9a-f-]{36})"/)?.[1] as string;
		const tooMuch = await post("/coach/withdrawals/new", coach.token, { amount: "600", payoutAccountId: accountId });
		expect(tooMuch.status).toBe(422);
		expect(await tooMuch.text()).toContain("可提现余额不足，当前可提现 500.00 元");
		const fraction = await post("/coach/withdrawals/new", coach.token, { amount: "100.555", payoutAccountId: accountId });
		expect(fraction.status).toBe(400);
		expect(await fraction.text()).toContain("金额最多精确到分");
		expect((await coachBalances(coach.coachId)).availableFen).toBe(50_000);

		// Above the approval threshold (¥200 here): it waits for the back office.
		const asked = await post("/coach/withdrawals/new", coach.token, { amount: "300", payoutAccountId: accountId });
		expect(asked.status).toBe(302);
		expect(await (await page("/coach/withdrawals", coach.token)).text()).toContain("待审核");

		const queue = await (await page("/admin/withdrawals?status=pending_approval", adminToken)).text();
		expect(queue).toContain(`页面提现教练${coaches}`);
		const [withdrawal] = await db().select().from(withdrawals).where(eq(withdrawals.coachId, coach.coachId));
		const approved = await post("/admin/withdrawals", adminToken, { intent: "approve", withdrawalId: withdrawal?.id as string });
		expect(approved.status).toBe(302);
		// The sandbox pays at once when the transfer job runs.
		expect(await executeWithdrawal(withdrawal?.id as string)).toBe("paid");
		expect(await (await page("/coach/withdrawals", coach.token)).text()).toContain("已到账");
	});
});

describe("the back office queue", () => {
	it("is for admins only", async () => {
		const coach = await coachWithIncome(10_000);
		expect((await page("/admin/withdrawals", coach.token)).status).toBe(403);
		const queue = await page("/admin/withdrawals", adminToken);
		expect(queue.status).toBe(200);
		expect(await queue.text()).toContain("提现审核");
		expect((await page("/admin/withdrawals/batches/not-a-batch/file.csv", adminToken)).status).toBe(404);
		expect((await coachBalances(coach.coachId)).availableFen).toBe(10_000);
	});
});
