import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./support";

/** A phone number of our own per viewport, so the two projects never share an account. */
const phoneFor = (projectName: string) => `1370${projectName === "phone" ? "3" : "4"}000001`;

async function codeFromOutbox(page: Page, phone: string): Promise<string> {
	const response = await page.request.get("/dev/outbox.json");
	const { messages } = (await response.json()) as { messages: Array<{ recipient: string; text: string }> };
	const code = messages.find((message) => message.recipient === `+86${phone}`)?.text.match(/\d{6}/)?.[0];
	expect(code, `a code for ${phone} in the outbox`).toBeTruthy();
	return code as string;
}

test("the privacy policy and the agreement read on the screen, with their version, contents and footer links", async ({
	page,
}, testInfo) => {
	await page.goto("/privacy");
	await expect(page.getByRole("heading", { level: 1, name: "隐私政策" })).toBeVisible();
	await expect(page.getByTestId("legal-version")).toContainText("版本：");
	await page.getByRole("navigation", { name: "目录" }).getByRole("link", { name: "四、您的权利" }).click();
	await expect(page).toHaveURL(/#rights$/);
	await expect(page.getByRole("heading", { name: "四、您的权利" })).toBeInViewport();
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("privacy.png"), fullPage: false });

	const footer = page.getByRole("navigation", { name: "网站信息" });
	await footer.scrollIntoViewIfNeeded();
	await expect(footer).toBeVisible();
	await footer.getByRole("link", { name: "用户协议" }).click();
	await expect(page.getByRole("heading", { level: 1, name: "用户协议" })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole("contentinfo").screenshot({ path: testInfo.outputPath("footer.png") });
});

test("a new number cannot sign up until the agreement box is ticked", async ({ page }, testInfo) => {
	const phone = phoneFor(testInfo.project.name);
	await page.goto("/login");
	await waitForHydration(page);
	await page.getByLabel("手机号").fill(phone);
	await page.getByRole("button", { name: "获取验证码" }).click();
	await expect(page.getByText("验证码已发送")).toBeVisible();
	await page.getByLabel("验证码", { exact: true }).fill(await codeFromOutbox(page, phone));
	const agreement = page.getByRole("checkbox", { name: /我已阅读并同意/ });
	await expect(agreement).not.toBeChecked();
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page.getByText("请先阅读并勾选同意《用户协议》和《隐私政策》")).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: testInfo.outputPath("consent-refused.png"), fullPage: true });

	await agreement.check();
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByText("欢迎加入球伴！")).toBeVisible();

	await page.goto("/me/security");
	await expect(page.getByRole("heading", { name: "下载我的数据" })).toBeVisible();
	const download = page.waitForEvent("download");
	await page.getByRole("link", { name: "下载我的数据" }).click();
	expect((await download).suggestedFilename()).toMatch(/^cuepal-my-data-\d{4}-\d{2}-\d{2}\.json$/);
	await expectAccessible(page);
});
