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
import { redriveStuckWithdrawals } from "~/modules/payments/payouts/redrive-withdrawals.server";
import { ledgerJournals, payoutAccounts, withdrawals } from "../../db/schema";
import { type FakeWechatTransfer, startFakeWechatTransfer } from "../fakes/wechatpay-transfer";
import { proofCode } from "../support/accounts";
import { apiCall, pagePost } from "../support/api-client";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { staffSessionToken } from "../support/staff";
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
let staffToken = "";

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
	staffToken = await staffSessionToken("13800000005");
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

describe("the payout accounts page", () => {
	it("offers WeChat when WeChat Pay is configured, says to bind WeChat first without one, and names the bound WeChat with one", async () => {
		const page = async (who: Coach) =>
			(await fetch(`${app.url}/coach/payout-accounts?add=wechat`, { headers: { cookie: `cp_session=${who.token}` } })).text();
		const unbound = await page(await coach({ wechat: "none" }));
		expect(unbound).toContain("添加微信");
		expect(unbound).toContain("提现到微信需要先绑定微信登录。");
		expect(unbound).toContain('href="/me/security"');
		const bound = await coach();
		const withWechat = await page(bound);
		expect(withWechat).not.toContain("提现到微信需要先绑定微信登录。");
		expect(withWechat).toContain(`提现将转到您登录绑定的微信（芳芳${coaches}）`);
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

describe("withdrawals left processing", () => {
	it("are asked about again by the re-drive job: one whose provider answer was lost is completed, paid once", async () => {
		const who = await fundedWithWechat(50_000);
		const id = (await withdraw(who, 16_000)).body.withdrawal.id as string;
		const before = wechat.moneyMoved();
		wechat.dropAnswers();
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		wechat.answerAgain();
		// The job's retries are gone (the worker died with it): only the schedule is left to finish it.
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", attempts: 1 });

		// Touched just now: left to its own job.
		expect((await redriveStuckWithdrawals()).asked).toBe(0);
		const later = new Date(Date.now() + 6 * 60_000);
		const redriven = await redriveStuckWithdrawals(later);
		expect(redriven.asked).toBeGreaterThanOrEqual(1);
		expect(await withdrawalRow(id)).toMatchObject({ status: "paid", attempts: 2 });
		expect(wechat.moneyMoved()).toBe(before + 1);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 34_000, inTransitFen: 0, withdrawnFen: 16_000 });
		expect((await listNotifications(who.userId))[0]).toMatchObject({ kind: "payoutWithdrawalPaid" });
		// Settled: the next run does not ask about it again.
		const outBillNo = (await withdrawalRow(id))?.outBizNo ?? "-";
		const callsBefore = wechat.verifiedCalls.length;
		await redriveStuckWithdrawals(new Date(Date.now() + 12 * 60_000));
		expect(wechat.verifiedCalls.slice(callsBefore).filter((path) => path.includes(outBillNo))).toEqual([]);
	});

	it("shows staff how often a withdrawal still processing was asked", async () => {
		const who = await fundedWithWechat(50_000);
		wechat.confirmFirst(who.openid);
		const id = (await withdraw(who, 14_000)).body.withdrawal.id as string;
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		await redriveStuckWithdrawals(new Date(Date.now() + 6 * 60_000));
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", attempts: 2 });
		const listed = await call("GET", "/admin/withdrawals?status=processing", staffToken);
		expect(listed.status).toBe(200);
		expect(listed.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({ attempts: 2, lastError: "dealing" });
		const page = await fetch(`${app.url}/admin/withdrawals?status=processing`, {
			headers: { cookie: `cp_session=${staffToken}` },
		});
		expect(await page.text()).toContain("处理中，已查询 2 次");
	});
});

describe("a transfer bill waiting for the payee's confirmation in WeChat", () => {
	const inWechat =
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50";
	const page = async (path: string, token: string, userAgent = "Mozilla/5.0 (Macintosh) Safari/605.1.15") => {
		const response = await fetch(`${app.url}${path}`, { headers: { cookie: `cp_session=${token}`, "user-agent": userAgent } });
		return { status: response.status, html: await response.text() };
	};
	async function waitingWithdrawal(fen: number) {
		const who = await fundedWithWechat(50_000);
		wechat.confirmFirst(who.openid);
		const id = (await withdraw(who, fen)).body.withdrawal.id as string;
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		const bill = wechat.bills.get((await withdrawalRow(id))?.outBizNo ?? "");
		if (!bill) throw new Error("no bill");
		return { who, id, bill, packageInfo: wechat.packageOf(bill) };
	}

	it("gives its own coach the package to confirm with, in the API and on the confirm page; another coach gets 404", async () => {
		const { who, id, packageInfo } = await waitingWithdrawal(15_000);
		const own = await call("GET", `/coach/withdrawals/${id}`, who.token);
		expect(own.status).toBe(200);
		expect(own.body).toMatchObject({
			withdrawal: { id, status: "processing", awaitingConfirmation: true },
			confirm: { mchId: wechat.mchid, appId: wechat.appid, package: packageInfo },
		});
		expect((await call("GET", "/coach/withdrawals", who.token)).body.items[0]).toMatchObject({ id, awaitingConfirmation: true });

		const list = await page("/coach/withdrawals", who.token);
		expect(list.html).toContain("待你在微信中确认收款");
		expect(list.html).toContain(`href="/coach/withdrawals/${id}/confirm"`);
		expect(list.html).toContain("确认收款");

		const inside = await page(`/coach/withdrawals/${id}/confirm`, who.token, inWechat);
		expect(inside.status).toBe(200);
		expect(inside.html).toContain('data-testid="wechat-confirm"');
		expect(inside.html).toContain(packageInfo);
		expect(inside.html).toContain(wechat.mchid);
		const outside = await page(`/coach/withdrawals/${id}/confirm`, who.token);
		expect(outside.html).toContain("请在微信中打开本页确认收款");
		expect(outside.html).toContain("<svg");
		expect(outside.html).not.toContain(packageInfo);

		const other = await coach();
		expect((await call("GET", `/coach/withdrawals/${id}`, other.token)).status).toBe(404);
		expect((await call("POST", `/coach/withdrawals/${id}/recheck`, other.token)).status).toBe(404);
		const otherPage = await page(`/coach/withdrawals/${id}/confirm`, other.token, inWechat);
		expect(otherPage.status).toBe(404);
		expect(otherPage.html).not.toContain(packageInfo);
	});

	it("tells the coach once that it waits, however often it is asked about", async () => {
		const { who, id } = await waitingWithdrawal(12_000);
		await redriveStuckWithdrawals(new Date(Date.now() + 6 * 60_000));
		await expect(executeWithdrawal(id)).rejects.toBeInstanceOf(WithdrawalPending);
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing", attempts: 3 });
		const waiting = (await listNotifications(who.userId)).filter((item) => item.kind === "payoutWithdrawalAwaitsConfirm");
		expect(waiting).toHaveLength(1);
		expect(waiting[0]).toMatchObject({ params: { amount: "120.00" }, link: `/coach/withdrawals/${id}/confirm` });
		const texts = await db().execute<{ n: number }>(
			sql`select count(*)::int as n from outbox_messages where template = 'payouts.withdrawalAwaitsConfirm' and channel = 'sms' and user_id = ${who.userId}`,
		);
		expect(texts.rows[0]?.n).toBe(1);
	});

	it("is completed by the re-check after the coach confirmed (page and API), paid once, and then needs no confirmation", async () => {
		const { who, id, bill } = await waitingWithdrawal(15_000);
		const stillWaiting = await pagePost(app, `/coach/withdrawals/${id}/confirm`, who.token, { intent: "recheck" });
		expect(stillWaiting.html).toContain("微信还在等待你确认收款");

		const before = wechat.moneyMoved();
		wechat.confirm(bill.outBillNo);
		const checked = await pagePost(app, `/coach/withdrawals/${id}/confirm`, who.token, { intent: "recheck" });
		expect(checked.html).toContain("已到账");
		expect(await withdrawalRow(id)).toMatchObject({ status: "paid", confirmPackage: null });
		expect(wechat.moneyMoved()).toBe(before + 1);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 35_000, inTransitFen: 0, withdrawnFen: 15_000 });

		const again = await call("POST", `/coach/withdrawals/${id}/recheck`, who.token);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ withdrawal: { status: "paid", awaitingConfirmation: false }, confirm: null });
		const after = await page(`/coach/withdrawals/${id}/confirm`, who.token);
		expect(after.html).toContain("这笔提现现在不需要确认：已到账");
	});

	it("limits how often the coach can make the server ask WeChat (429, in the coach's language)", async () => {
		const { who, id } = await waitingWithdrawal(11_000);
		for (let i = 0; i < 5; i += 1) expect((await call("POST", `/coach/withdrawals/${id}/recheck`, who.token)).status).toBe(200);
		const limited = await call("POST", `/coach/withdrawals/${id}/recheck`, who.token);
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe("rate_limited");
		expect(limited.body.error.message).toContain("操作太频繁");
		expect(await withdrawalRow(id)).toMatchObject({ status: "processing" });
	});
});
