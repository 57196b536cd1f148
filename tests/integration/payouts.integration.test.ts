import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { coachBalances } from "~/modules/payments/income/balances.server";
import { entries } from "~/modules/payments/ledger/accounts";
import { postJournal } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeWithdrawal, WithdrawalPending } from "~/modules/payments/payouts/execute-withdrawal.server";
import { requestWithdrawal } from "~/modules/payments/payouts/request-withdrawal.server";
import { ledgerJournals, payoutAccounts, withdrawals } from "../../db/schema";
import { type FakeAlipayTransfer, startFakeAlipayTransfer } from "../fakes/alipay-transfer";
import { proofCode } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { suspendAccountOfCoach } from "../support/coaches";
import { staffSessionToken } from "../support/staff";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Payout accounts and withdrawals through the API, as a coach and the back office meet them, with
 * the app's Alipay transfers (certificate mode) pointed at the loopback fake. The transfer job's
 * handler is called as the worker would call it, so a test can run it again as a retry.
 */
let app: TestApp;
let alipay: FakeAlipayTransfer;
let staffToken = "";
let coaches = 0;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	alipay = await startFakeAlipayTransfer();
	app = await startConfiguredApp({
		...alipay.settings,
		PAYMENTS_SANDBOX: "0",
		WITHDRAWAL_MIN_FEN: "10000",
		WITHDRAWAL_APPROVAL_THRESHOLD_FEN: "200000",
		WITHDRAWAL_DAILY_LIMIT_FEN: "600000",
	});
	staffToken = await staffSessionToken("13800000005");
});
afterAll(async () => {
	await app?.close();
	await alipay?.close();
});
// Whatever a test did with money, the books must balance after it.
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

/** An approved coach (real name 王芳, verified by the review) with a phone, signed in. */
async function coach() {
	coaches += 1;
	const phone = `139${String(10_000_000 + coaches).padStart(8, "0")}`;
	const made = await createApprovedCoach({
		displayName: `提现教练${coaches}`,
		point: { latitude: 31.23, longitude: 121.47 },
		reviewer: await createReviewer(),
		realName: "王芳",
		phone: `+86${phone}`,
	});
	const session = await createSession(made.userId, { ip: "127.0.0.1", userAgent: "tests" });
	return { ...made, phone, token: session.token };
}
type Coach = Awaited<ReturnType<typeof coach>>;

/**
 * Money the coach may withdraw. Stands in for settled lesson income (the settlement path of the
 * income work credits coach_payable the same way): collected by a provider, owed to the coach.
 */
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

async function addAlipay(who: Coach, login = `${who.phone}`, holderName = "王芳", code?: string) {
	const smsCode = code ?? (await proofCode(app.url, who.token, who.phone));
	const answer = await call("POST", "/coach/payout-accounts", who.token, {
		kind: "alipay",
		alipayLogin: login,
		holderName,
		smsCode,
	});
	return { ...answer, smsCode };
}

async function fundedWithAlipay(fen: number) {
	const who = await coach();
	await fund(who.coachId, fen);
	const added = await addAlipay(who);
	expect(added.status, JSON.stringify(added.body)).toBe(201);
	return { ...who, accountId: added.body.account.id as string };
}

const withdraw = (who: { token: string; accountId: string }, amountFen: number) =>
	call("POST", "/coach/withdrawals", who.token, { amountFen, payoutAccountId: who.accountId });
const withdrawalRow = async (id: string) => (await db().select().from(withdrawals).where(eq(withdrawals.id, id)))[0];
const journalsOf = (withdrawalId: string) =>
	db()
		.select({ kind: ledgerJournals.kind, key: ledgerJournals.idempotencyKey })
		.from(ledgerJournals)
		.where(sql`${ledgerJournals.idempotencyKey} like ${`%${withdrawalId}`}`);

describe("payout accounts", () => {
	it("adds an Alipay account in the verified real name with a fresh SMS code, stores it encrypted, shows it masked and tells the coach by SMS", async () => {
		const who = await coach();
		const noCode = await call("POST", "/coach/payout-accounts", who.token, {
			kind: "alipay",
			alipayLogin: who.phone,
			holderName: "王芳",
		});
		expect(noCode.status).toBe(400);
		expect(noCode.body.error.fields.smsCode).toBe("请填写短信验证码");
		const wrongCode = await call("POST", "/coach/payout-accounts", who.token, {
			kind: "alipay",
			alipayLogin: who.phone,
			holderName: "王芳",
			smsCode: "000000",
		});
		expect(wrongCode.status).toBe(400);

		const added = await addAlipay(who);
		expect(added.status, JSON.stringify(added.body)).toBe(201);
		const masked = `${who.phone.slice(0, 3)}****${who.phone.slice(-4)}`;
		expect(added.body.account).toMatchObject({ kind: "alipay", masked, verified: true, usable: true });
		const list = await call("GET", "/coach/payout-accounts", who.token);
		expect(list.body.items).toEqual([added.body.account]);

		const [row] = await db().select().from(payoutAccounts).where(eq(payoutAccounts.id, added.body.account.id));
		expect(JSON.stringify(row)).not.toContain(who.phone);
		expect(JSON.stringify(row)).not.toContain("王芳");

		const outbox = (await (await fetch(`${app.url}/dev/outbox.json`)).json()) as {
			messages: Array<{ recipient: string; text: string }>;
		};
		expect(outbox.messages.find((message) => message.recipient === `+86${who.phone}`)?.text).toBe(
			`【球伴】您的收款账户已变更：新增 ${masked}。如非本人操作，请立即修改密码并联系客服。`,
		);
		expect((await listNotifications(who.userId))[0]).toMatchObject({ kind: "payoutAccountChanged", params: { masked } });

		// The same account again is refused before any code is spent on it.
		const again = await call("POST", "/coach/payout-accounts", who.token, {
			kind: "alipay",
			alipayLogin: who.phone,
			holderName: "王芳",
			smsCode: "123456",
		});
		expect(again.status).toBe(409);
		expect(again.body.error.message).toBe("这个账户已经添加过了");
	});

	it("refuses an account in someone else's name, and shows a bank card by its last four digits", async () => {
		const who = await coach();
		const otherName = await addAlipay(who, who.phone, "李四");
		expect(otherName.status).toBe(400);
		expect(otherName.body.error.fields.holderName).toBe("姓名须与您实名认证的姓名一致");
		expect((await call("GET", "/coach/payout-accounts", who.token)).body.items).toEqual([]);

		// A refused name spends no code: the same one adds the card.
		const smsCode = otherName.smsCode;
		const card = await call("POST", "/coach/payout-accounts", who.token, {
			kind: "bank_card",
			bankName: "招商银行",
			bankBranch: "上海徐汇支行",
			cardNumber: "6225 8812 3456 1234",
			holderName: "王 芳",
			smsCode,
		});
		expect(card.status, JSON.stringify(card.body)).toBe(201);
		expect(card.body.account).toMatchObject({ kind: "bank_card", masked: "****1234", bankName: "招商银行" });
	});
});

describe("withdrawal requests", () => {
	it("refuses more than the available balance with 422 insufficient_balance, and reserves nothing", async () => {
		const who = await fundedWithAlipay(15_000);
		const refused = await withdraw(who, 15_001);
		expect(refused.status).toBe(422);
		expect(refused.body.error).toMatchObject({ code: "insufficient_balance", message: "可提现余额不足，当前可提现 150.00 元" });
		expect(await db().select().from(withdrawals).where(eq(withdrawals.coachId, who.coachId))).toEqual([]);
		expect((await coachBalances(who.coachId)).availableFen).toBe(15_000);
	});

	it("refuses amounts that are not whole fen, below the minimum, above the daily limit, and someone else's account", async () => {
		const who = await fundedWithAlipay(900_000);
		const fraction = await withdraw(who, 12_000.5);
		expect(fraction.status).toBe(400);
		expect(fraction.body.error.fields.amountFen).toBe("金额最多精确到分");
		const small = await withdraw(who, 9_999);
		expect(small.status).toBe(422);
		expect(small.body.error).toMatchObject({ code: "below_minimum", message: "单笔提现最低 100.00 元" });

		// ¥6,000 a day here: ¥2,000 goes (without approval), then ¥4,000.01 more is over.
		expect((await withdraw(who, 200_000)).status).toBe(201);
		const over = await withdraw(who, 400_001);
		expect(over.status).toBe(422);
		expect(over.body.error).toMatchObject({
			code: "daily_limit_exceeded",
			message: "超过每日提现上限 6000.00 元，今天还可提现 4000.00 元",
		});

		const other = await fundedWithAlipay(50_000);
		const theirs = await call("POST", "/coach/withdrawals", who.token, { amountFen: 10_000, payoutAccountId: other.accountId });
		expect(theirs.status).toBe(404);
		expect(theirs.body.error.message).toBe("找不到这个收款账户");
		expect((await coachBalances(who.coachId)).availableFen).toBe(700_000);
		expect((await coachBalances(other.coachId)).availableFen).toBe(50_000);
	});

	it("refuses a suspended coach, reserving nothing", async () => {
		const who = await fundedWithAlipay(50_000);
		await suspendAccountOfCoach(who.coachId);
		// The suspension ends the coach's sessions: the API does not know them any more …
		expect((await withdraw(who, 10_000)).status).toBe(401);
		// … and the service refuses the coach itself, whoever asks for it.
		await expect(
			requestWithdrawal({ userId: who.userId, request: { amountFen: 10_000, payoutAccountId: who.accountId } }),
		).rejects.toMatchObject({
			status: 403,
			messageKey: "payouts.errors.coachSuspended",
		});
		expect((await coachBalances(who.coachId)).availableFen).toBe(50_000);
	});

	it("lets only one of two concurrent withdrawals through when together they exceed the balance", async () => {
		const who = await fundedWithAlipay(30_000);
		const answers = await Promise.all([withdraw(who, 20_000), withdraw(who, 20_000), withdraw(who, 20_000)]);
		expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422, 422]);
		const balances = await coachBalances(who.coachId);
		expect(balances).toMatchObject({ availableFen: 10_000, inTransitFen: 20_000 });
	});
});

describe("execution", () => {
	it("sends a small withdrawal straight to an Alipay transfer and records it paid", async () => {
		const who = await fundedWithAlipay(50_000);
		const made = await withdraw(who, 12_345);
		expect(made.status).toBe(201);
		expect(made.body.withdrawal).toMatchObject({ status: "processing" });
		const id = made.body.withdrawal.id as string;
		const before = alipay.moneyMoved();
		expect(await executeWithdrawal(id)).toBe("paid");
		expect(alipay.moneyMoved()).toBe(before + 1);
		const sent = alipay.transfers.get((await withdrawalRow(id))?.outBizNo ?? "");
		expect(sent).toMatchObject({ amount: "123.45", payeeLogin: who.phone, payeeName: "王芳", status: "SUCCESS" });
		const listed = await call("GET", "/coach/withdrawals", who.token);
		expect(listed.body.items[0]).toMatchObject({ id, status: "paid", amountFen: 12_345 });
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 37_655, inTransitFen: 0, withdrawnFen: 12_345 });
		expect((await listNotifications(who.userId))[0]).toMatchObject({
			kind: "payoutWithdrawalPaid",
			params: { amount: "123.45" },
		});
		// A repeated job finds it done and asks nobody.
		expect(await executeWithdrawal(id)).toBe("settled_before");
		expect(alipay.moneyMoved()).toBe(before + 1);
	});

	it("never pays twice when the job dies after Alipay accepted the transfer: the retry asks Alipay first", async () => {
		const who = await fundedWithAlipay(50_000);
		const id = (await withdraw(who, 20_000)).body.withdrawal.id as string;
		const before = alipay.moneyMoved();
		alipay.dropAnswersTo("alipay.fund.trans.uni.transfer");
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		alipay.answerAgain();
		// Alipay moved the money; we do not know it yet.
		expect(alipay.moneyMoved()).toBe(before + 1);
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", attempts: 1 });

		const callsBefore = alipay.verifiedCalls.length;
		expect(await executeWithdrawal(id)).toBe("paid");
		expect(alipay.verifiedCalls.slice(callsBefore)).toEqual(["alipay.fund.trans.common.query"]);
		expect(alipay.moneyMoved()).toBe(before + 1);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 30_000, inTransitFen: 0, withdrawnFen: 20_000 });
		expect((await journalsOf(id)).map((journal) => journal.kind).sort()).toEqual(["withdrawal_paid", "withdrawal_reserved"]);
	});

	it("reverses the reservation when Alipay refuses the payee, and tells the coach why", async () => {
		const who = await fundedWithAlipay(50_000);
		alipay.refusePayee(who.phone, "PAYEE_NOT_EXIST");
		const id = (await withdraw(who, 30_000)).body.withdrawal.id as string;
		expect((await coachBalances(who.coachId)).availableFen).toBe(20_000);
		expect(await executeWithdrawal(id)).toBe("failed");
		expect(await withdrawalRow(id)).toMatchObject({ status: "failed", failureReason: "PAYEE_NOT_EXIST" });
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 50_000, inTransitFen: 0, withdrawnFen: 0 });
		expect((await journalsOf(id)).map((journal) => journal.kind).sort()).toEqual(["withdrawal_reserved", "withdrawal_reversed"]);
		expect((await listNotifications(who.userId))[0]).toMatchObject({
			kind: "payoutWithdrawalFailed",
			params: { amount: "300.00", reason: "收款支付宝账号不存在" },
		});
	});
});

describe("the back office", () => {
	it("holds a withdrawal above the threshold for approval; an admin approves it (audited) and it is paid", async () => {
		const who = await fundedWithAlipay(500_000);
		const made = await withdraw(who, 250_000);
		expect(made.body.withdrawal.status).toBe("pending_approval");
		const id = made.body.withdrawal.id as string;
		// Not sent before the approval, whatever runs the job.
		expect(await executeWithdrawal(id)).toBe("settled_before");

		const queue = await call("GET", "/admin/withdrawals?status=pending_approval", staffToken);
		expect(queue.status).toBe(200);
		expect(queue.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({
			amountFen: 250_000,
			coach: { id: who.coachId },
			payoutAccount: { kind: "alipay" },
		});
		expect((await call("POST", `/admin/withdrawals/${id}/approve`, who.token)).status).toBe(403);
		const approved = await call("POST", `/admin/withdrawals/${id}/approve`, staffToken);
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect((await call("POST", `/admin/withdrawals/${id}/approve`, staffToken)).status).toBe(409);
		expect(await executeWithdrawal(id)).toBe("paid");
		const audit = await call("GET", `/admin/audit?action=withdrawal.approved&targetId=${id}`, staffToken);
		expect(audit.body.entries).toHaveLength(1);
		expect((await call("GET", "/coach/withdrawals", who.token)).body.items[0]).toMatchObject({ id, status: "paid" });
	});

	it("rejects one with a reason: the money is available again, the coach hears why, and it is audited", async () => {
		const who = await fundedWithAlipay(500_000);
		const id = (await withdraw(who, 300_000)).body.withdrawal.id as string;
		const noReason = await call("POST", `/admin/withdrawals/${id}/reject`, staffToken, { reason: "" });
		expect(noReason.status).toBe(400);
		const rejected = await call("POST", `/admin/withdrawals/${id}/reject`, staffToken, { reason: "收款账户需要核实" });
		expect(rejected.status).toBe(200);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 500_000, inTransitFen: 0 });
		expect((await listNotifications(who.userId))[0]).toMatchObject({
			kind: "payoutWithdrawalRejected",
			params: { reason: "收款账户需要核实" },
		});
		const audit = await call("GET", `/admin/audit?action=withdrawal.rejected&targetId=${id}`, staffToken);
		expect(audit.body.entries[0]).toMatchObject({ reason: "收款账户需要核实" });
	});

	it("pays bank cards through a batch file the finance team marks line by line", async () => {
		const who = await coach();
		await fund(who.coachId, 100_000);
		const smsCode = await proofCode(app.url, who.token, who.phone);
		const card = await call("POST", "/coach/payout-accounts", who.token, {
			kind: "bank_card",
			bankName: "中国银行",
			bankBranch: "上海分行",
			cardNumber: "6217000010001234567",
			holderName: "王芳",
			smsCode,
		});
		const accountId = card.body.account.id as string;
		const paid = (await withdraw({ token: who.token, accountId }, 40_000)).body.withdrawal.id as string;
		const failed = (await withdraw({ token: who.token, accountId }, 30_000)).body.withdrawal.id as string;
		expect(await executeWithdrawal(paid)).toBe("in_bank_batch");
		expect(await executeWithdrawal(failed)).toBe("in_bank_batch");

		const batch = await call("POST", "/admin/withdrawals/batches", staffToken);
		expect(batch.status).toBe(201);
		expect(batch.body.lines).toBeGreaterThanOrEqual(2);
		const file = await fetch(`${app.url}/api/v1/admin/withdrawals/batches/${batch.body.batchId}/file`, {
			headers: { authorization: `Bearer ${staffToken}` },
		});
		expect(file.headers.get("content-type")).toContain("text/csv");
		const csv = await file.text();
		expect(csv).toContain("6217000010001234567");
		expect(csv).toContain('"王芳","中国银行","上海分行"');
		expect(csv).toContain("400.00");
		// The file carries full card numbers: who downloaded it is on record.
		const downloads = await call(
			"GET",
			`/admin/audit?action=withdrawal.batch_downloaded&targetId=${batch.body.batchId}`,
			staffToken,
		);
		expect(downloads.body.entries).toHaveLength(1);

		expect((await call("POST", `/admin/withdrawals/${paid}/bank-result`, staffToken, { outcome: "paid" })).status).toBe(200);
		const marked = await call("POST", `/admin/withdrawals/${failed}/bank-result`, staffToken, {
			outcome: "failed",
			reason: "户名与卡号不符",
		});
		expect(marked.status).toBe(200);
		expect((await call("POST", `/admin/withdrawals/${paid}/bank-result`, staffToken, { outcome: "failed" })).status).toBe(409);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 60_000, inTransitFen: 0, withdrawnFen: 40_000 });
	});
});

describe("who may still be paid", () => {
	it("does not pay a coach suspended after asking: approval is refused, and the job gives the money back instead of sending it", async () => {
		const who = await fundedWithAlipay(300_000);
		const small = await withdraw(who, 20_000);
		const large = await withdraw(who, 250_000);
		expect([small.body.withdrawal.status, large.body.withdrawal.status]).toEqual(["processing", "pending_approval"]);
		await suspendAccountOfCoach(who.coachId);
		const approval = await call("POST", `/admin/withdrawals/${large.body.withdrawal.id}/approve`, staffToken);
		expect(approval.status).toBe(409);
		expect(approval.body.error.message).toBe("该教练的账号已暂停，不能批准这笔提现（可以驳回）");
		const before = alipay.moneyMoved();
		expect(await executeWithdrawal(small.body.withdrawal.id)).toBe("failed");
		expect(alipay.moneyMoved()).toBe(before);
		expect(await withdrawalRow(small.body.withdrawal.id)).toMatchObject({ status: "failed", failureReason: "COACH_SUSPENDED" });
		// Rejecting the waiting one is still possible; all of it is the coach's again, nothing in transit.
		const rejected = await call("POST", `/admin/withdrawals/${large.body.withdrawal.id}/reject`, staffToken, {
			reason: "账号已暂停",
		});
		expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 300_000, inTransitFen: 0, withdrawnFen: 0 });
	});

	it("does not let staff who also coach decide their own withdrawal", async () => {
		const who = await fundedWithAlipay(300_000);
		const large = await withdraw(who, 250_000);
		const id = large.body.withdrawal.id as string;
		const { approveWithdrawal, rejectWithdrawal } = await import("~/modules/payments/payouts/decide-withdrawal.server");
		await expect(approveWithdrawal({ staffId: who.userId, withdrawalId: id })).rejects.toMatchObject({
			status: 403,
			messageKey: "payouts.errors.ownWithdrawal",
		});
		await expect(rejectWithdrawal({ staffId: who.userId, withdrawalId: id, reason: "自己驳回" })).rejects.toMatchObject({
			status: 403,
		});
		expect(await withdrawalRow(id)).toMatchObject({ status: "pending_approval" });
	});
});
