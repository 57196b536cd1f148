import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { createPlayer, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * 找球友 in the browser: the demo player finds a demo partner near 静安区, invites them, the partner
 * accepts, and they exchange messages. Each screen size invites its own demo partner (one server for
 * both), so the two runs do not meet each other's pending invitation.
 */
const shot = (page: Page, testInfo: TestInfo, name: string) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage: true });

test("the demo player finds a partner, invites them, the partner accepts and they exchange a message", async ({
	page,
	baseURL,
}, testInfo) => {
	const partner =
		testInfo.project.name === "phone" ? { name: "陈晓东", phone: "13800000061" } : { name: "赵一鸣", phone: "13800000063" };
	// Both exist after the demo seed; createPlayer finds them by phone.
	const playerId = await createPlayer("13800000001");
	const partnerId = await createPlayer(partner.phone);

	await signInBrowser(page.context(), baseURL as string, playerId);
	await page.goto("/partners");
	await expect(page.getByRole("heading", { name: "找球友", level: 1 })).toBeVisible();
	const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: partner.name }) });
	await expect(card).toBeVisible();
	await expect(card).toContainText(/静安区|黄浦区/);
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await shot(page, testInfo, "partners-search");
	await card.getByText("约球").click();
	await card.getByLabel("留言").fill("周六下午一起练中式八球？");
	await card.getByRole("button", { name: "发送邀请" }).click();
	await expect(page.getByText("邀请已发出，等对方回复")).toBeVisible();

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, partnerId);
	await page.goto("/partners/invitations");
	const invitation = page.getByRole("listitem").filter({ hasText: "周六下午一起练中式八球？" });
	await expect(invitation).toContainText("王小明 邀请你");
	await waitForHydration(page);
	await shot(page, testInfo, "invitations");
	await invitation.getByRole("button", { name: "接受" }).click();
	await expect(page.getByRole("heading", { name: "王小明", level: 1 })).toBeVisible();
	await expect(page.getByText("请不要私下转账")).toBeVisible();
	await waitForHydration(page);
	await page.getByLabel("输入消息…").fill("好啊，周六两点静安见！");
	await page.getByRole("button", { name: "发送" }).click();
	await expect(page.getByText("好啊，周六两点静安见！")).toBeVisible();

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, playerId);
	await page.goto("/messages");
	await page.getByRole("link", { name: new RegExp(partner.name) }).click();
	await expect(page.getByText("好啊，周六两点静安见！")).toBeVisible();
	await waitForHydration(page);
	await page.getByLabel("输入消息…").fill("不见不散");
	await page.getByRole("button", { name: "发送" }).click();
	await expect(page.getByText("不见不散")).toBeVisible();
	// A scam message is refused beside the box and not sent.
	await page.getByLabel("输入消息…").fill("先加微信转账定金");
	await page.getByRole("button", { name: "发送" }).click();
	await expect(page.getByRole("alert")).toContainText("防骗提醒");
	await expectAccessible(page, "main");
	await shot(page, testInfo, "conversation");
});
