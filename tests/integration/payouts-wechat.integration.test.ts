import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { linkSocialIdentity } from "~/modules/accounts/social/link-social-identity.server";
import { subjectIndexOf } from "~/modules/accounts/social/providers.server";
import { coachBalances } from "~/modules/payments/income/balances.server";
import { entries } from "~/modules/payments/ledger/accounts";
import { postJournal } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeWithdrawal, WithdrawalPending } from "~/modules/payments/payouts/execute-withdrawal.server";
import { ledgerJournals, payoutAccounts, withdrawals } from "../../db/schema";
import { type FakeWechatTransfer, startFakeWechatTransfer } from "../fakes/wechatpay-transfer";
import { proofCode } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Withdrawals to WeChat through the API, with the app's WeChat Pay (merchant-signed requests,
 * platform-signed answers) pointed at the loopback fake's transfer bills. The payee is the WeChat
 * bound to the coach's sign-in. The transfer job's handler is called as the worker calls it, so a
 * test can run it again as a retry.
 */
let app: TestApp;
let wechat: FakeWechatTransfer;
let coaches = 0;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	wechat = await startFakeWechatTransfer();
	app = await startConfiguredApp({
		...wechat.settings,
		PAYMENTS_SANDBOX: "0",
		WITHDRAWAL_MIN_FEN: "10000",
		WITHDRAWAL_APPROVAL_THRESHOLD_FEN: "1000000",
		WITHDRAWAL_DAILY_LIMIT_FEN: "2000000",
	});
});
afterAll(async () => {
	await app?.close();
	await wechat?.close();
});
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

async function coach(options: { wechat?: "bound" | "bound_without_openid" | "none" } = {}) {
	coaches += 1;
	const phone = `137${String(20_000_000 + coaches).padStart(8, "0")}`;
	const made = await createApprovedCoach({
		displayName: `微信提现教练${coaches}`,
		point: { latitude: 31.23, longitude: 121.47 },
		reviewer: await createReviewer(),
		realName: "王芳",
		phone: `+86${phone}`,
	});
	const openid = `oUpF8uMuAJO_M2pxb1Q9zNjWeS6o${coaches}`;
	const bound = options.wechat ?? "bound";
	if (bound !== "none") {
		// As a WeChat sign-in binds it (web-flow / bind-phone): the subject is the unionid, the openid kept sealed.
		await linkSocialIdentity({
			userId: made.userId,
			provider: "wechat",
			subjectIndex: subjectIndexOf("wechat", `union-${openid}`),
			nickname: `芳芳${coaches}`,
			...(bound === "bound" ? { openid: { appid: wechat.appid, openid } } : {}),
		});
	}
	const session = await createSession(made.userId, { ip: "127.0.0.1", userAgent: "tests" });
	return { ...made, phone, openid, token: session.token };
}
type Coach = Awaited<ReturnType<typeof coach>>;

/** Money the coach may withdraw (stands in for settled lesson income, credited to coach_payable the same way). */
async function fund(coachId: string, fen: number) {
	await db().transaction((tx) =>
		postJournal(tx, {
			idempotencyKey: `test-income:${coachId}:${Date.now()}:${Math.random()}`,
			kind: "test_income",
			lines: entries(fen, {
				debit: { account: "provider_clearing", ref: "sandbox" },
				credit: { account: "coach_payable", ref: coachId },
			}),
		}),
	);
}

async function addWechat(who: Coach) {
	return call("POST", "/coach/payout-accounts", who.token, {
		kind: "wechat",
		smsCode: await proofCode(app.url, who.token, who.phone),
	});
}

async function fundedWithWechat(fen: number) {
	const who = await coach();
	await fund(who.coachId, fen);
	const added = await addWechat(who);
	expect(added.status, JSON.stringify(added.body)).toBe(201);
	return { ...who, accountId: added.body.account.id as string };
}

const withdraw = (who: { token: string; accountId: string }, amountFen: number) =>
	call("POST", "/coach/withdrawals", who.token, { amountFen, payoutAccountId: who.accountId });
const withdrawalRow = async (id: string) => (await db().select().from(withdrawals).where(eq(withdrawals.id, id)))[0];
const journalKinds = async (withdrawalId: string) =>
	(
		await db()
			.select({ kind: ledgerJournals.kind })
			.from(ledgerJournals)
			.where(sql`${ledgerJournals.idempotencyKey} like ${`%${withdrawalId}`}`)
	)
		.map((journal) => journal.kind)
		.sort();

describe("a WeChat payout account", () => {
	it("is the WeChat bound to the coach's sign-in, added with a fresh SMS code, shown by its nickname and stored encrypted", async () => {
		const who = await coach();
		const noCode = await call("POST", "/coach/payout-accounts", who.token, { kind: "wechat" });
		expect(noCode.status).toBe(400);
		expect(noCode.body.error.fields.smsCode).toBe("请填写短信验证码");

		const added = await addWechat(who);
		expect(added.status, JSON.stringify(added.body)).toBe(201);
		expect(added.body.account).toMatchObject({ kind: "wechat", masked: `芳芳${coaches}`, verified: true, usable: true });
		const [row] = await db().select().from(payoutAccounts).where(eq(payoutAccounts.id, added.body.account.id));
		expect(row?.accountNoEnc).not.toContain(who.openid);
		expect((await listNotifications(who.userId))[0]).toMatchObject({ kind: "payoutAccountChanged" });
	});

	it("cannot be added before WeChat is bound (409 wechat_not_bound, saying to bind WeChat first), and changes nothing", async () => {
		for (const state of ["none", "bound_without_openid"] as const) {
			const who = await coach({ wechat: state });
			const refused = await addWechat(who);
			expect(refused.status).toBe(409);
			expect(refused.body.error.code).toBe("wechat_not_bound");
			expect(refused.body.error.message).toContain("微信");
			expect((await call("GET", "/coach/payout-accounts", who.token)).body.items).toEqual([]);
		}
		const english = await coach({ wechat: "none" });
		const refused = await apiCall(
			app,
			"POST",
			"/coach/payout-accounts",
			english.token,
			{
				kind: "wechat",
				smsCode: await proofCode(app.url, english.token, english.phone),
			},
			{ "accept-language": "en" },
		);
		expect(refused.body.error.message).toBe("Bind WeChat under Account security first, then add WeChat for payouts");
	});
});

describe("withdrawals by WeChat Pay transfer bills", () => {
	it("sends a small withdrawal straight to a signed transfer bill and records it paid", async () => {
		const who = await fundedWithWechat(50_000);
		const made = await withdraw(who, 12_345);
		expect(made.status, JSON.stringify(made.body)).toBe(201);
		expect(made.body.withdrawal).toMatchObject({ status: "processing", channel: "wechatpay" });
		const id = made.body.withdrawal.id as string;
		const before = wechat.moneyMoved();
		expect(await executeWithdrawal(id)).toBe("paid");
		expect(wechat.moneyMoved()).toBe(before + 1);
		const row = await withdrawalRow(id);
		const bill = wechat.bills.get(row?.outBizNo ?? "");
		expect(bill).toMatchObject({ openid: who.openid, appid: wechat.appid, amountFen: 12_345, state: "SUCCESS", sceneId: "1005" });
		// Below ¥2,000 WeChat does not take the name.
		expect(bill?.userName).toBeUndefined();
		expect(row?.providerOrderId).toBe(bill?.transferBillNo);
		expect((await call("GET", "/coach/withdrawals", who.token)).body.items[0]).toMatchObject({ id, status: "paid" });
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 37_655, inTransitFen: 0, withdrawnFen: 12_345 });
		expect(await journalKinds(id)).toEqual(["withdrawal_paid", "withdrawal_reserved"]);
		expect(await executeWithdrawal(id)).toBe("settled_before");
		expect(wechat.moneyMoved()).toBe(before + 1);
	});

	it("from ¥2,000 on sends the payee's verified real name sealed with WeChat Pay's platform key", async () => {
		const who = await fundedWithWechat(300_000);
		const id = (await withdraw(who, 250_000)).body.withdrawal.id as string;
		expect(await executeWithdrawal(id)).toBe("paid");
		expect(wechat.bills.get((await withdrawalRow(id))?.outBizNo ?? "")).toMatchObject({ userName: "王芳", amountFen: 250_000 });
	});

	it("never pays twice when the job dies after WeChat Pay accepted the bill: the retry asks by out_bill_no first", async () => {
		const who = await fundedWithWechat(50_000);
		const id = (await withdraw(who, 20_000)).body.withdrawal.id as string;
		const before = wechat.moneyMoved();
		wechat.dropAnswers();
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		wechat.answerAgain();
		expect(wechat.moneyMoved()).toBe(before + 1);
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", attempts: 1 });

		const callsBefore = wechat.verifiedCalls.length;
		expect(await executeWithdrawal(id)).toBe("paid");
		expect(wechat.verifiedCalls.slice(callsBefore)).toEqual([
			`GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${(await withdrawalRow(id))?.outBizNo}`,
		]);
		expect(wechat.moneyMoved()).toBe(before + 1);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 30_000, inTransitFen: 0, withdrawnFen: 20_000 });
	});

	it("keeps a bill waiting for the payee's confirmation in WeChat processing, and records it paid once confirmed", async () => {
		const who = await fundedWithWechat(50_000);
		wechat.confirmFirst(who.openid);
		const id = (await withdraw(who, 15_000)).body.withdrawal.id as string;
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", lastError: "dealing" });
		expect((await coachBalances(who.coachId)).inTransitFen).toBe(15_000);
		wechat.confirm((await withdrawalRow(id))?.outBizNo ?? "");
		expect(await executeWithdrawal(id)).toBe("paid");
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 35_000, inTransitFen: 0, withdrawnFen: 15_000 });
	});

	it("reverses the reservation when the bill fails or is cancelled, and tells the coach why", async () => {
		const who = await fundedWithWechat(50_000);
		wechat.failOpenid(who.openid, "NAME_NOT_CORRECT");
		const id = (await withdraw(who, 30_000)).body.withdrawal.id as string;
		expect((await coachBalances(who.coachId)).availableFen).toBe(20_000);
		expect(await executeWithdrawal(id)).toBe("failed");
		expect(await withdrawalRow(id)).toMatchObject({ status: "failed", failureReason: "NAME_NOT_CORRECT" });
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 50_000, inTransitFen: 0, withdrawnFen: 0 });
		expect(await journalKinds(id)).toEqual(["withdrawal_reserved", "withdrawal_reversed"]);
		expect((await listNotifications(who.userId))[0]).toMatchObject({
			kind: "payoutWithdrawalFailed",
			params: { amount: "300.00", reason: "微信实名与您认证的姓名不一致" },
		});

		const other = await fundedWithWechat(50_000);
		wechat.confirmFirst(other.openid);
		const cancelled = (await withdraw(other, 10_000)).body.withdrawal.id as string;
		await expect(executeWithdrawal(cancelled)).rejects.toBeInstanceOf(WithdrawalPending);
		wechat.confirm((await withdrawalRow(cancelled))?.outBizNo ?? "", "CANCELLED");
		expect(await executeWithdrawal(cancelled)).toBe("failed");
		expect(await withdrawalRow(cancelled)).toMatchObject({ status: "failed", failureReason: "CANCELLED" });
		expect((await coachBalances(other.coachId)).availableFen).toBe(50_000);
	});

	it("refuses an answer not signed by WeChat Pay as an unknown outcome: nothing is recorded paid", async () => {
		const who = await fundedWithWechat(50_000);
		const id = (await withdraw(who, 11_000)).body.withdrawal.id as string;
		wechat.forgeNextSignature();
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", lastError: "bad_answer" });
		// The forged answer's bill was made; the retry asks and finds it paid, once.
		expect(await executeWithdrawal(id)).toBe("paid");
	});
});
