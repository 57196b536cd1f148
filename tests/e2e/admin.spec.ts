import { type APIRequestContext, type BrowserContext, expect, test } from "@playwright/test";
import { createPlayerWithPassword, createSupportWithoutTotp, signInBrowser, signInStaffThroughPages } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The back office journey at each viewport: an admin finds a player by phone, suspends them (the
 * player's other session ends at once), reads it in the audit log, and reinstates them. The player
 * is the spec's own, one per viewport: a failure half-way leaves no demo account suspended for
 * the specs after it.
 */
const demoPassword = "Demo@2026";
const demoPlayerPhone = "13800000001";
const playerPassword = "Break147off";

/** A password sign-in through the API; same-site, as the Origin check wants once a session cookie is set. */
function passwordLogin(request: APIRequestContext, baseURL: string, phone: string, password = demoPassword) {
	return request.post("/api/v1/auth/password-login", {
		headers: { origin: new URL(baseURL).origin },
		data: { identifier: phone, password },
	});
}

async function signIn(
	request: APIRequestContext,
	baseURL: string,
	phone: string,
	password?: string,
): Promise<{ token: string; user: { id: string } }> {
	const response = await passwordLogin(request, baseURL, phone, password);
	expect(response.status(), `sign-in of ${phone}`).toBe(200);
	return response.json();
}

/** A browser session without the sign-in page: the token of an API sign-in as the session cookie. */
async function useSession(context: BrowserContext, baseURL: string, phone: string, password?: string) {
	const session = await signIn(context.request, baseURL, phone, password);
	await context.addCookies([{ name: "cp_session", value: session.token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
	return session;
}

test("an admin suspends a player by phone, who is signed out at once, then reinstates them", async ({
	page,
	browser,
	request,
	baseURL,
}, testInfo) => {
	const base = baseURL as string;
	const phoneSized = testInfo.project.name === "phone";
	const playerPhone = phoneSized ? "13707000001" : "13708000001";
	const playerName = phoneSized ? "爽约球友甲" : "爽约球友乙";
	await createPlayerWithPassword(request, playerPhone, playerPassword, playerName);
	// The admin signs in through the pages: password, then the code of the authenticator app.
	await signInStaffThroughPages(page, "admin", "/admin");
	const playerContext = await browser.newContext({ baseURL: base, locale: "zh-CN" });
	const player = await useSession(playerContext, base, playerPhone, playerPassword);
	expect((await playerContext.request.get("/api/v1/me")).status()).toBe(200);

	try {
		await page.goto("/admin");
		await expect(page.getByRole("heading", { level: 1, name: "查找用户" })).toBeVisible();
		await expectAccessible(page);
		await waitForHydration(page);

		await page.getByLabel("手机号、邮箱或昵称").fill(playerPhone);
		await page.getByRole("button", { name: "搜索" }).click();
		await expect(page).toHaveURL(new RegExp(`/admin\\?q=${playerPhone}`));
		const result = page.getByRole("link", { name: new RegExp(playerName) });
		await expect(result).toContainText(`${playerPhone.slice(0, 3)}****${playerPhone.slice(-4)}`);
		await expect(page.getByText("按手机号精确匹配")).toBeVisible();
		await expect(page.getByText(playerPhone, { exact: true })).toHaveCount(0);
		await expectAccessible(page);

		await result.click();
		await expect(page).toHaveURL(new RegExp(`/admin/users/${player.user.id}$`));
		await expect(page.getByRole("heading", { level: 1, name: playerName })).toBeVisible();
		await waitForHydration(page);
		await expectAccessible(page);

		const reason = `多次预约后爽约（${test.info().project.name}）`;
		await page.getByLabel("原因", { exact: true }).fill(reason);
		await page.getByRole("button", { name: "暂停账号" }).click();
		await expect(page.getByRole("status").filter({ hasText: "账号已暂停，该用户已在所有设备上退出登录" })).toBeVisible();
		await expect(page.locator("header").getByText("已暂停")).toBeVisible();
		await expect(page.getByText(reason).first()).toBeVisible();
		await expect(page.getByRole("button", { name: "恢复账号" })).toBeVisible();
		await expectAccessible(page);

		// The player's session, opened before the suspension, no longer works anywhere.
		expect((await playerContext.request.get("/api/v1/me")).status()).toBe(401);
		const playerPage = await playerContext.newPage();
		await playerPage.goto("/me");
		await expect(playerPage).toHaveURL(/\/login/);
		const refused = await passwordLogin(playerContext.request, base, playerPhone, playerPassword);
		expect(refused.status()).toBe(403);
		expect((await refused.json()).error.message).toBe("该账号已被暂停使用，如有疑问请联系客服");

		await page.getByRole("link", { name: "操作日志" }).click();
		await expect(page.getByRole("heading", { level: 1, name: "操作日志" })).toBeVisible();
		const newest = page.getByRole("listitem").filter({ hasText: reason });
		await expect(newest).toContainText("暂停账号");
		await expect(newest).toContainText("操作人：管理员");
		await expect(newest).toContainText(playerName);
		await waitForHydration(page);
		await expectAccessible(page);
		await page.getByLabel("操作类型").selectOption("user.suspended");
		await page.getByRole("button", { name: "筛选" }).click();
		await expect(page).toHaveURL(/action=user\.suspended/);
		await expect(page.getByRole("listitem").filter({ hasText: reason })).toBeVisible();
		await expect(page.getByRole("listitem").filter({ hasText: "恢复账号" })).toHaveCount(0);
		await expectAccessible(page);

		await page.getByRole("link", { name: playerName }).first().click();
		await expect(page.getByRole("heading", { level: 1, name: playerName })).toBeVisible();
		await waitForHydration(page);
		await page.getByLabel("原因", { exact: true }).fill("核实后恢复");
		await page.getByRole("button", { name: "恢复账号" }).click();
		await expect(page.getByRole("status").filter({ hasText: "账号已恢复" })).toBeVisible();
		await expect(page.locator("header").getByText("正常")).toBeVisible();
		await expect(page.getByRole("button", { name: "暂停账号" })).toBeVisible();
		await expectAccessible(page);
		expect((await passwordLogin(playerContext.request, base, playerPhone, playerPassword)).status()).toBe(200);
	} finally {
		await playerContext.close();
	}
});

test("a player who opens the back office sees the friendly forbidden page", async ({ page, baseURL }) => {
	// Only signs the demo player in, which changes nothing about the account.
	await useSession(page.context(), baseURL as string, demoPlayerPhone);
	const response = await page.goto("/admin");
	expect(response?.status()).toBe(403);
	await expect(page.getByRole("heading", { name: "您没有权限访问这里" })).toBeVisible();
	await expect(page.getByRole("navigation", { name: "后台导航" })).toHaveCount(0);
	await expectAccessible(page);
});

test("without a session the back office sends you to sign in and back", async ({ page }) => {
	await page.goto("/admin/audit");
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Faudit/);
});

test("a support agent without two-step verification is sent to turn it on before the back office", async ({
	page,
	baseURL,
}, testInfo) => {
	const phone = testInfo.project.name === "phone" ? "13707000091" : "13708000091";
	await signInBrowser(page.context(), baseURL as string, await createSupportWithoutTotp(phone));
	await page.goto("/admin/coach-reviews");
	await expect(page).toHaveURL(/\/me\/security$/);
	await expect(page.getByRole("status").filter({ hasText: "进入管理后台需要两步验证" })).toBeVisible();
	await expect(page.getByRole("heading", { name: "两步验证" })).toBeVisible();
	await expectAccessible(page);
});
