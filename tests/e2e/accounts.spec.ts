import { expect, type Page, test } from "@playwright/test";
import { createPlayer, createPlayerWithPassword } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/** A phone number of our own per viewport, so the two projects never share an account. */
function phoneFor(projectName: string, slot: number): string {
	return `1370${projectName === "phone" ? "1" : "2"}${String(slot).padStart(6, "0")}`;
}

async function codeFromOutbox(page: Page, phone: string): Promise<string> {
	const response = await page.request.get("/dev/outbox.json");
	const { messages } = (await response.json()) as { messages: Array<{ recipient: string; text: string }> };
	const code = messages.find((message) => message.recipient === `+86${phone}`)?.text.match(/\d{6}/)?.[0];
	expect(code, `a code for ${phone} in the outbox`).toBeTruthy();
	return code as string;
}

test("a new player signs up with a phone number and the SMS code from the outbox", async ({ page }, testInfo) => {
	const phone = phoneFor(testInfo.project.name, 1);
	await page.goto("/login");
	await expectAccessible(page);
	await waitForHydration(page);
	await page.getByLabel("手机号").fill(phone);
	await page.getByRole("button", { name: "获取验证码" }).click();
	await expect(page.getByText("验证码已发送")).toBeVisible();
	await page.getByLabel("验证码", { exact: true }).fill(await codeFromOutbox(page, phone));
	// A new number becomes an account: the agreement box must be ticked.
	await page.getByRole("checkbox", { name: /我已阅读并同意/ }).check();
	await page.getByRole("button", { name: "登录", exact: true }).click();

	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByText("欢迎加入球伴！")).toBeVisible();
	await expect(page.getByRole("heading", { level: 1 })).toContainText("球友");
	await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`)).toBeVisible();
	await expectAccessible(page);
});

test("a wrong code is refused with a message beside the form", async ({ page }, testInfo) => {
	const phone = phoneFor(testInfo.project.name, 2);
	await page.goto("/login");
	await waitForHydration(page);
	await page.getByLabel("手机号").fill(phone);
	await page.getByRole("button", { name: "获取验证码" }).click();
	await expect(page.getByText("验证码已发送")).toBeVisible();
	const code = await codeFromOutbox(page, phone);
	await page.getByLabel("验证码", { exact: true }).fill(code === "000000" ? "111111" : "000000");
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page.getByRole("alert")).toHaveText("验证码错误或已过期，请重新获取");
	await expect(page).toHaveURL(/\/login/);
});

test("a player resets a forgotten password by SMS and signs in with it", async ({ page }, testInfo) => {
	const phone = phoneFor(testInfo.project.name, 3);
	// The account exists, as a first SMS sign-in leaves it, with no password yet.
	await createPlayer(phone);

	await page.goto("/forgot-password");
	await expectAccessible(page);
	await waitForHydration(page);
	await page.getByLabel("手机号或邮箱").fill(phone);
	await page.getByRole("button", { name: "发送验证码" }).click();
	await expect(page.getByRole("heading", { name: "设置新密码" })).toBeVisible();
	await page.getByLabel("验证码").fill(await codeFromOutbox(page, phone));
	await page.getByLabel("新密码").fill("Snooker147");
	await page.getByRole("button", { name: "重置密码" }).click();
	await expect(page.getByText("密码已重置，请用新密码登录")).toBeVisible();

	await page.getByLabel("手机号或邮箱").fill(phone);
	await page.getByLabel("密码", { exact: true }).fill("Snooker147");
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page).toHaveURL(/\/me$/);
});

test("a player signs another device out from the security page", async ({ page, request }, testInfo) => {
	// The spec's own player (signing devices out changes the account): none of the demo accounts.
	const phone = phoneFor(testInfo.project.name, 4);
	await createPlayerWithPassword(request, phone, "Snooker147");
	// Another device: the same player signed in through the API from an iPhone.
	const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1";
	const otherDevice = await page.request.post("/api/v1/auth/password-login", {
		data: { identifier: phone, password: "Snooker147" },
		headers: { "user-agent": iphone },
	});
	expect(otherDevice.status()).toBe(200);
	const otherToken = (await otherDevice.json()).token as string;
	const asOtherDevice = { headers: { authorization: `Bearer ${otherToken}` } };
	expect((await page.request.get("/api/v1/me", asOtherDevice)).status()).toBe(200);

	// This browser signs in with the password form.
	await page.goto("/login?method=password");
	await waitForHydration(page);
	await page.getByLabel("手机号或邮箱").fill(phone);
	await page.getByLabel("密码", { exact: true }).fill("Snooker147");
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page).toHaveURL(/\/me$/);

	await page.goto("/me/security");
	await expectAccessible(page);
	const sessions = page.getByTestId("session");
	await expect(sessions.filter({ hasText: "当前设备" })).toHaveCount(1);
	const iphoneSession = sessions.filter({ hasText: "iOS" });
	await expect(iphoneSession).toHaveCount(1);
	await iphoneSession.getByRole("button", { name: "退出" }).click();
	await expect(page.getByText("已退出该设备")).toBeVisible();
	await expect(sessions.filter({ hasText: "iOS" })).toHaveCount(0);

	// The other device's token stopped working at once; this browser is still signed in.
	expect((await page.request.get("/api/v1/me", asOtherDevice)).status()).toBe(401);
	await page.goto("/me");
	await expect(page).toHaveURL(/\/me$/);
});
