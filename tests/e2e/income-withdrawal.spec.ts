import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { createCoach, signInBrowser, signInStaffThroughPages } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The whole loop of a coach's money leaving the platform, in Chromium at both viewports: the demo
 * coach's demo income is there to withdraw, to the demo Alipay account; a coach of the test's own
 * (so the two viewports never share a balance or an SMS limit) adds an Alipay account with the
 * SMS code from the outbox, withdraws above the approval threshold, an admin approves it in the
 * back office, and the coach sees it paid (the worker pays through the payments sandbox, since a
 * fresh start has no Alipay transfer certificates). Screenshots kept with the run.
 */
const phoneFor = (projectName: string) => `1376${projectName === "phone" ? "1" : "2"}000015`;

async function codeFromOutbox(page: Page, phone: string): Promise<string> {
	const response = await page.request.get("/dev/outbox.json");
	const { messages } = (await response.json()) as { messages: Array<{ recipient: string; text: string }> };
	const code = messages.find((message) => message.recipient === `+86${phone}`)?.text.match(/\d{6}/)?.[0];
	expect(code, `a code for ${phone} in the outbox`).toBeTruthy();
	return code as string;
}

/**
 * Income for the test's own coach: credited to the coach's payable balance in the e2e server's
 * ledger through the ledger's own posting service, as a released lesson settlement credits it
 * (completing and settling lessons is the income specs' subject, not this one's).
 */
async function creditIncome(coachId: string, fen: number): Promise<void> {
	const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
	const cluster = JSON.parse(readFileSync(join(dataDir, "cluster.json"), "utf8")) as {
		port: number;
		user: string;
		password: string;
	};
	const secrets = JSON.parse(readFileSync(join(dataDir, "dev-secrets.json"), "utf8")) as Record<string, string>;
	Object.assign(process.env, secrets, {
		DATABASE_URL: `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`,
		LOG_LEVEL: "silent",
	});
	const { db } = await import("../../app/lib/db.server");
	const { postJournal } = await import("../../app/modules/payments/ledger/post-journal.server");
	const { entries } = await import("../../app/modules/payments/ledger/accounts");
	await db().transaction((tx) =>
		postJournal(tx, {
			idempotencyKey: `e2e-income:${coachId}`,
			kind: "test_income",
			lines: entries(fen, {
				debit: { account: "provider_clearing", ref: "sandbox" },
				credit: { account: "coach_payable", ref: coachId },
			}),
		}),
	);
}

test("the demo coach's income can be withdrawn to the demo Alipay account", async ({ page }, testInfo) => {
	await page.goto("/login?method=password&redirectTo=%2Fcoach%2Fwithdrawals%2Fnew");
	await waitForHydration(page);
	await page.getByLabel("手机号或邮箱").fill("13800000002");
	await page.getByLabel("密码", { exact: true }).fill("Demo@2026");
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page.getByRole("heading", { level: 1, name: "申请提现" })).toBeVisible();
	const available = page.getByTestId("available");
	await expect(available).toBeVisible();
	// The demo lessons' released income: at least ¥200.
	const yuan = Number(((await available.textContent()) ?? "").replace(/[^\d.]/g, ""));
	expect(yuan).toBeGreaterThanOrEqual(200);
	await expect(page.getByLabel("到账账户")).toContainText("支付宝 138****0002");
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("demo-withdrawal-form.png"), fullPage: true });

	// The account it goes to, masked, with the form to add another.
	await page.goto("/coach/payout-accounts");
	await expect(page.getByTestId("payout-accounts")).toContainText("支付宝 138****0002");
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("demo-payout-accounts.png"), fullPage: true });
});

/**
 * The loop in steps, one test each (a busy machine takes its time over each page and its
 * accessibility scan); they run in order and share the coach of their viewport.
 */
test.describe("a coach's withdrawal above the approval threshold", () => {
	test.describe.configure({ mode: "serial" });
	const coaches = new Map<string, { userId: string; coachId: string; phone: string; displayName: string }>();
	const coachOf = (projectName: string) => {
		const coach = coaches.get(projectName);
		if (!coach) throw new Error("the coach of this viewport was not made");
		return coach;
	};

	test("the coach adds an Alipay account with the SMS code", async ({ page, request, baseURL }, testInfo) => {
		const phone = phoneFor(testInfo.project.name);
		const displayName = `提现测试教练${testInfo.project.name === "phone" ? "甲" : "乙"}`;
		const made = await createCoach(request, { phone, displayName });
		await creditIncome(made.coachId, 300_000);
		coaches.set(testInfo.project.name, { ...made, phone, displayName });
		await signInBrowser(page.context(), baseURL as string, made.userId);

		await page.goto("/coach/payout-accounts");
		await expect(page.getByRole("heading", { level: 1, name: "收款账户" })).toBeVisible();
		await expect(page.getByText("还没有收款账户，添加一个就可以提现了。")).toBeVisible();
		await waitForHydration(page);
		await page.screenshot({ path: testInfo.outputPath("payout-accounts-empty.png"), fullPage: true });

		await page.getByLabel("支付宝账号（手机号或邮箱）").fill(`coach${testInfo.project.name}@example.com`);
		await page.getByLabel("真实姓名").fill("张三");
		await page.getByRole("button", { name: "获取验证码" }).click();
		await expect(page.getByText("验证码已发送到您的手机")).toBeVisible();
		await page.getByLabel("短信验证码").fill(await codeFromOutbox(page, phone));
		await page.getByRole("button", { name: "保存账户" }).click();
		// Not the verified real name: refused beside the field, the code not spent.
		await expect(page.getByText("姓名须与您实名认证的姓名一致")).toBeVisible();
		await page.getByLabel("真实姓名").fill("测试教练");
		await page.getByRole("button", { name: "保存账户" }).click();
		await expect(page.getByTestId("payout-accounts")).toContainText("c***@example.com");
		await page.screenshot({ path: testInfo.outputPath("payout-accounts.png"), fullPage: true });
	});

	test("the coach withdraws above the approval threshold", async ({ page, baseURL }, testInfo) => {
		const coach = coachOf(testInfo.project.name);
		await signInBrowser(page.context(), baseURL as string, coach.userId);
		await page.goto("/coach/withdrawals/new");
		await expect(page.getByRole("heading", { level: 1, name: "申请提现" })).toBeVisible();
		await expect(page.getByTestId("available")).toHaveText("¥3,000");
		await expect(page.getByText("单笔超过 ¥2,000 的提现需平台审核后转账")).toBeVisible();
		await waitForHydration(page);
		await page.getByLabel("提现金额（元）").fill("3000.01");
		await page.getByRole("button", { name: "确认提现" }).click();
		await expect(page.getByText("可提现余额不足，当前可提现 3000.00 元")).toBeVisible();
		await page.getByLabel("提现金额（元）").fill("2500");
		await expectAccessible(page);
		await page.screenshot({ path: testInfo.outputPath("withdrawal-new.png"), fullPage: true });
		await page.getByRole("button", { name: "确认提现" }).click();
		await expect(page).toHaveURL(/\/coach\/withdrawals$/);
		await expect(page.getByTestId("withdrawal-status").first()).toHaveText("待审核");
		await expect(page.getByTestId("available")).toHaveText("¥500");
	});

	test("an admin approves it in the back office", async ({ page }, testInfo) => {
		const coach = coachOf(testInfo.project.name);
		await signInStaffThroughPages(page, "admin", "/admin/withdrawals?status=pending_approval");
		await expect(page.getByRole("heading", { level: 1, name: "提现审核" })).toBeVisible();
		const card = page.getByTestId("staff-withdrawal").filter({ hasText: coach.displayName });
		await expect(card).toContainText("¥2,500");
		await expectAccessible(page);
		await page.screenshot({ path: testInfo.outputPath("admin-withdrawals.png"), fullPage: true });
		await waitForHydration(page);
		await card.getByRole("button", { name: "批准" }).click();
		await expect(page.getByText("已批准，正在转账")).toBeVisible();
	});

	test("the coach sees it paid", async ({ page, baseURL }, testInfo) => {
		const coach = coachOf(testInfo.project.name);
		await signInBrowser(page.context(), baseURL as string, coach.userId);
		await page.goto("/coach/withdrawals");
		// The worker sends it (the sandbox pays at once); the page shows it once it has.
		await expect
			.poll(async () => {
				await page.reload();
				return page.getByTestId("withdrawal-status").first().textContent();
			})
			.toBe("已到账");
		await page.screenshot({ path: testInfo.outputPath("withdrawals-paid.png"), fullPage: true });
	});
});
