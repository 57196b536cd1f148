import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { coachBalances } from "~/modules/payments/income/balances.server";
import { entries } from "~/modules/payments/ledger/accounts";
import { postJournal } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeWithdrawal } from "~/modules/payments/payouts/execute-withdrawal.server";
import { payoutAccounts } from "../../db/schema";
import { proofCode, signInBySms } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { staffSessionToken } from "../support/staff";
import { startConfiguredApp, type TestApp } from "../support/test-app";

/**
 * Changing and removing a payout account through the API, as a coach meets it: a fresh SMS code
 * each time, an SMS after it, and no removal while money is on its way to the account. Alipay
 * withdrawals go by the payments sandbox here (development), through the same bookkeeping.
 */
let app: TestApp;
let staffToken = "";
let coaches = 0;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startConfiguredApp({ PAYMENTS_SANDBOX: "1", WITHDRAWAL_APPROVAL_THRESHOLD_FEN: "20000" });
	staffToken = await staffSessionToken("13800000005");
});
afterAll(async () => {
	await app?.close();
});
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
	apiCall(app, method, path, token, body, headers);

async function coachWithAlipay(fen = 100_000) {
	coaches += 1;
	const phone = `136${String(30_000_000 + coaches).padStart(8, "0")}`;
	const made = await createApprovedCoach({
		displayName: `改账户教练${coaches}`,
		point: { latitude: 31.23, longitude: 121.47 },
		reviewer: await createReviewer(),
		realName: "王芳",
		phone: `+86${phone}`,
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
	const token = (await createSession(made.userId, { ip: "127.0.0.1", userAgent: "tests" })).token;
	const who = { ...made, phone, token };
	const added = await call("POST", "/coach/payout-accounts", token, {
		kind: "alipay",
		alipayLogin: phone,
		holderName: "王芳",
		smsCode: await proofCode(app.url, token, phone),
	});
	expect(added.status, JSON.stringify(added.body)).toBe(201);
	return { ...who, accountId: added.body.account.id as string, masked: added.body.account.masked as string };
}
type Coach = Awaited<ReturnType<typeof coachWithAlipay>>;

/** A fresh SMS code; a coach waits out the minute between two codes, the test clears that limit instead. */
async function code(who: Coach) {
	await db().execute("delete from rate_limits");
	return proofCode(app.url, who.token, who.phone);
}
const smsTo = async (who: Coach) =>
	(
		(await (await fetch(`${app.url}/dev/outbox.json`)).json()) as { messages: Array<{ recipient: string; text: string }> }
	).messages
		.filter((message) => message.recipient === `+86${who.phone}`)
		.map((message) => message.text);
const withdraw = (who: Coach, amountFen: number, payoutAccountId = who.accountId) =>
	call("POST", "/coach/withdrawals", who.token, { amountFen, payoutAccountId });

describe("changing a payout account", () => {
	it("needs a fresh SMS code, puts the new details in its place, keeps past withdrawals on the old one and tells the coach by SMS", async () => {
		const who = await coachWithAlipay();
		const paid = (await withdraw(who, 10_000)).body.withdrawal.id as string;
		expect(await executeWithdrawal(paid)).toBe("paid");
		const path = `/coach/payout-accounts/${who.accountId}`;
		const details = { kind: "alipay", alipayLogin: "wangfang@example.com", holderName: "王芳" };

		const noCode = await call("PATCH", path, who.token, details);
		expect(noCode.status).toBe(400);
		expect(noCode.body.error.fields.smsCode).toBe("请填写短信验证码");
		const wrongCode = await call("PATCH", path, who.token, { ...details, smsCode: "000000" });
		expect(wrongCode.status).toBe(400);
		const otherName = await call("PATCH", path, who.token, { ...details, holderName: "李四", smsCode: "000000" });
		expect(otherName.status).toBe(400);
		expect(otherName.body.error.fields.holderName).toBe("姓名须与您实名认证的姓名一致");
		const same = await call("PATCH", path, who.token, { ...details, alipayLogin: who.phone, smsCode: "000000" });
		expect(same.status).toBe(409);
		expect(same.body.error.message).toBe("新填写的账户与原账户相同，没有需要更改的内容");
		expect((await call("GET", "/coach/payout-accounts", who.token)).body.items.map((item: { id: string }) => item.id)).toEqual([
			who.accountId,
		]);

		const changed = await call("PATCH", path, who.token, { ...details, smsCode: await code(who) });
		expect(changed.status, JSON.stringify(changed.body)).toBe(200);
		expect(changed.body.account).toMatchObject({ kind: "alipay", masked: "w***@example.com", verified: true });
		expect(changed.body.account.id).not.toBe(who.accountId);
		expect((await call("GET", "/coach/payout-accounts", who.token)).body.items).toEqual([changed.body.account]);
		// The paid withdrawal still names the account the money went to.
		const history = await call("GET", "/coach/withdrawals", who.token);
		expect(history.body.items.find((item: { id: string }) => item.id === paid).payoutAccount).toMatchObject({
			id: who.accountId,
			masked: who.masked,
		});
		expect(await smsTo(who)).toContain(
			`【球伴】您的收款账户已变更：${who.masked} 已更改为 w***@example.com。如非本人操作，请立即修改密码并联系客服。`,
		);
		expect((await listNotifications(who.userId))[0]).toMatchObject({
			kind: "payoutAccountReplaced",
			params: { old: who.masked, masked: "w***@example.com" },
		});
		// The old account is gone for new withdrawals; the new one works.
		expect((await withdraw(who, 10_000)).status).toBe(404);
		expect((await withdraw(who, 10_000, changed.body.account.id)).status).toBe(201);
	});

	it("answers 404 for someone else's account and changes nothing of it", async () => {
		const who = await coachWithAlipay();
		const other = await coachWithAlipay();
		const theirs = await call("PATCH", `/coach/payout-accounts/${other.accountId}`, who.token, {
			kind: "alipay",
			alipayLogin: who.phone,
			holderName: "王芳",
			smsCode: await code(who),
		});
		expect(theirs.status).toBe(404);
		expect(theirs.body.error.message).toBe("找不到这个收款账户");
		const [row] = await db().select().from(payoutAccounts).where(eq(payoutAccounts.id, other.accountId));
		expect(row?.removedAt).toBeNull();
	});
});

describe("removing a payout account", () => {
	it("is refused while a withdrawal to it is on its way (409 payout_in_flight, nothing changed), and works with a fresh SMS code after", async () => {
		const who = await coachWithAlipay();
		const path = `/coach/payout-accounts/${who.accountId}`;
		// Above the approval threshold: reserved and waiting for the back office.
		const waiting = (await withdraw(who, 30_000)).body.withdrawal.id as string;
		const refused = await call("DELETE", path, who.token, { smsCode: "000000" });
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({
			code: "payout_in_flight",
			message: "这个账户还有正在处理的提现，处理完成后才能删除",
		});
		const english = await call("DELETE", path, who.token, { smsCode: "000000" }, { "accept-language": "en" });
		expect(english.body.error.message).toBe(
			"A withdrawal to this account is still on its way; you can remove it once that is done",
		);
		expect((await call("GET", "/coach/payout-accounts", who.token)).body.items).toHaveLength(1);

		const approved = await call("POST", `/admin/withdrawals/${waiting}/approve`, staffToken);
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect(await executeWithdrawal(waiting)).toBe("paid");

		const noCode = await call("DELETE", path, who.token, {});
		expect(noCode.status).toBe(400);
		expect(noCode.body.error.fields.smsCode).toBe("请填写短信验证码");
		const removed = await call("DELETE", path, who.token, { smsCode: await code(who) });
		expect(removed.status, removed.text).toBe(204);
		expect((await call("GET", "/coach/payout-accounts", who.token)).body.items).toEqual([]);
		expect(await smsTo(who)).toContain(`【球伴】您的收款账户 ${who.masked} 已删除。如非本人操作，请立即修改密码并联系客服。`);
		expect((await listNotifications(who.userId))[0]).toMatchObject({ kind: "payoutAccountRemoved" });
		expect((await call("DELETE", path, who.token, { smsCode: await code(who) })).status).toBe(404);
		expect(await coachBalances(who.coachId)).toMatchObject({ availableFen: 70_000, withdrawnFen: 30_000, inTransitFen: 0 });
	});
});

describe("who may use payout endpoints", () => {
	it("refuses a player's token with 403 not_a_coach before anything is read", async () => {
		const player = await signInBySms(app.url, "13955550001");
		const someAccount = (await coachWithAlipay()).accountId;
		const calls = [
			call("GET", "/coach/payout-accounts", player.token),
			call("POST", "/coach/payout-accounts", player.token, { kind: "alipay" }),
			call("PATCH", `/coach/payout-accounts/${someAccount}`, player.token, { kind: "alipay" }),
			call("DELETE", `/coach/payout-accounts/${someAccount}`, player.token, { smsCode: "123456" }),
			call("GET", "/coach/withdrawals", player.token),
			call("POST", "/coach/withdrawals", player.token, { amountFen: 10_000, payoutAccountId: someAccount }),
		];
		for (const answer of await Promise.all(calls)) {
			expect(answer.status).toBe(403);
			expect(answer.body.error).toMatchObject({ code: "not_a_coach", message: "只有教练可以使用收款账户和提现" });
		}
		const [row] = await db().select().from(payoutAccounts).where(eq(payoutAccounts.id, someAccount));
		expect(row?.removedAt).toBeNull();
	});
});

describe("the payout accounts page", () => {
	const page = (path: string, token: string) => fetch(`${app.url}${path}`, { headers: { cookie: `cp_session=${token}` } });
	// As the page's forms post: to the page's own address, its search included.
	const post = (token: string, search: string, fields: Record<string, string>) =>
		fetch(`${app.url}/coach/payout-accounts${search}`, {
			method: "POST",
			headers: { cookie: `cp_session=${token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams(fields),
			redirect: "manual",
		});

	it("changes an account and removes one with an SMS code, and says why a removal is refused", async () => {
		const who = await coachWithAlipay();
		const list = await (await page("/coach/payout-accounts", who.token)).text();
		expect(list).toContain(`?change=${who.accountId}&amp;add=alipay`);
		expect(list).toContain(`?remove=${who.accountId}`);
		expect(await (await page(`/coach/payout-accounts?change=${who.accountId}&add=alipay`, who.token)).text()).toContain(
			`更改收款账户 ${who.masked}`,
		);
		const changed = await post(who.token, `?change=${who.accountId}&add=alipay`, {
			intent: "change",
			accountId: who.accountId,
			kind: "alipay",
			alipayLogin: "fang@example.com",
			holderName: "王芳",
			smsCode: await code(who),
		});
		expect(changed.status).toBe(302);
		const accounts = (await call("GET", "/coach/payout-accounts", who.token)).body.items;
		expect(accounts).toMatchObject([{ masked: "f***@example.com" }]);
		const newId = accounts[0].id as string;

		expect((await withdraw(who, 30_000, newId)).body.withdrawal.status).toBe("pending_approval");
		expect(await (await page(`/coach/payout-accounts?remove=${newId}`, who.token)).text()).toContain(
			"删除收款账户 f***@example.com",
		);
		const refused = await post(who.token, `?remove=${newId}`, { intent: "remove", accountId: newId, smsCode: "000000" });
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain("这个账户还有正在处理的提现，处理完成后才能删除");
		expect((await call("GET", "/coach/payout-accounts", who.token)).body.items).toHaveLength(1);
	});
});
