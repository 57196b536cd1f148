import { type Browser, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { createPlayer, signInBrowser, signInStaffThroughPages } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The whole way from player to bookable coach, at each viewport: a player applies on the
 * application page (identity, profile, a photo, where they teach) and submits; staff review
 * the photo and approves in the back office; the new coach sets a price; and another player finds
 * them in Hangzhou with two filters and opens the profile, badge and price included.
 */
// A valid resident ID number (its check character computed by GB 11643-1999).
const idNumber = "11010519491231002X";

async function aPhoto(): Promise<Buffer> {
	// Drawn rather than shipped: a cue ball on green cloth, large enough to be a real photo.
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="640"><rect width="640" height="640" fill="#1a7a53"/><circle cx="320" cy="320" r="120" fill="#fafafa"/></svg>`;
	return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** Saves one section and waits until its card says it is complete. */
async function saveSection(page: Page, sectionId: string, button = "保存") {
	const section = page.locator(`#${sectionId}`);
	await section.getByRole("button", { name: button, exact: true }).click();
	await expect(section.getByText("已完成", { exact: true })).toBeVisible();
}

async function apply(page: Page, displayName: string) {
	await page.goto("/me");
	await page.getByRole("link", { name: "申请成为教练" }).click();
	await expect(page.getByRole("heading", { level: 1, name: "申请成为教练" })).toBeVisible();
	await expect(page.getByText("已完成 0/4 项")).toBeVisible();
	await expectAccessible(page);
	await waitForHydration(page);

	// Refused input shows beside its field and saves nothing.
	const identity = page.locator("#identity");
	await identity.getByLabel("真实姓名").fill("张伟");
	await identity.getByLabel("身份证号", { exact: true }).fill("110105194912310021");
	await identity.getByRole("radio", { name: "男" }).check();
	await identity.getByRole("button", { name: "保存" }).click();
	await expect(identity.getByText("身份证号不正确，请检查后重新填写")).toBeVisible();
	await expect(identity.getByText("待完善")).toBeVisible();
	await identity.getByLabel("身份证号", { exact: true }).fill(idNumber);
	// The ID number is sensitive: its own consent, separate from the terms.
	await identity.getByRole("checkbox", { name: /处理我的身份证号/ }).check();
	await saveSection(page, "identity");
	await expect(identity.getByText("已保存：110***********002X", { exact: false })).toBeVisible();

	const profile = page.locator("#profile");
	await profile.getByLabel("展示名称").fill(displayName);
	await profile.getByLabel("教练等级").selectOption({ label: "高级教练" });
	await profile.getByLabel("教龄（年）").fill("9");
	await profile.getByRole("checkbox", { name: "斯诺克" }).check();
	await profile.getByLabel("个人简介").fill("前省队斯诺克选手，擅长走位和长台进攻，教学耐心细致。");
	await saveSection(page, "profile");

	const photos = page.locator("#photos");
	await photos.getByLabel("选择照片").setInputFiles({ name: "cue.jpg", mimeType: "image/jpeg", buffer: await aPhoto() });
	await photos.getByRole("button", { name: "上传照片" }).click();
	await expect(photos.getByText("审核中")).toBeVisible();

	const where = page.locator("#where");
	await where.getByLabel("所在城市").selectOption({ label: "杭州" });
	await where.getByLabel("服务范围（公里）").fill("15");
	await where.getByRole("button", { name: "保存城市与服务范围" }).click();
	await expect(where.getByText("已完成", { exact: true })).toBeVisible();
	await where.getByLabel("球厅名称").fill("西湖台球会所");
	await where.getByLabel("地址").fill("西湖区文三路 100 号");
	await where.getByRole("button", { name: "添加球厅" }).click();
	// In the list of halls (the name is also a choice of the service area's centre now).
	await expect(where.getByRole("listitem").filter({ hasText: "西湖台球会所" })).toBeVisible();

	await expect(page.getByText("已完成 4/4 项")).toBeVisible();
	await expect(page.getByText("资料已填写完整，提交后将进入审核。")).toBeVisible();
	await page.getByRole("button", { name: "提交审核", exact: true }).click();
	await expect(page.getByText("审核期间资料不能修改", { exact: false })).toBeVisible();
	await expect(identity.getByLabel("真实姓名")).toBeDisabled();
	await expectAccessible(page);
}

async function approveAsAdmin(browser: Browser, baseURL: string, displayName: string) {
	const context = await browser.newContext({ baseURL, locale: "zh-CN" });
	const page = await context.newPage();
	try {
		// The reviewer (the demo support agent) signs in through the pages: password, then the TOTP code.
		await signInStaffThroughPages(page, "support", "/admin/coach-reviews");
		await expect(page.getByRole("heading", { level: 1, name: "教练审核" })).toBeVisible();
		await expectAccessible(page);
		await page.getByRole("link", { name: new RegExp(displayName) }).click();
		await expect(page.getByRole("heading", { level: 1, name: new RegExp(displayName) })).toBeVisible();
		// The reviewer reads the identity in full, which its owner only sees masked.
		await expect(page.getByText(idNumber)).toBeVisible();
		await expectAccessible(page);
		await waitForHydration(page);
		await page.getByRole("button", { name: "通过申请" }).click();
		await expect(page.getByText("请先通过至少一张照片，再通过申请")).toBeVisible();
		await page
			.getByRole("button", { name: /^通过 照片/ })
			.first()
			.click();
		await expect(page.getByText("已通过").first()).toBeVisible();
		await page.getByRole("button", { name: "通过申请" }).click();
		await expect(page).toHaveURL(/\/admin\/coach-reviews$/);
	} finally {
		await context.close();
	}
}

async function setPrices(page: Page) {
	await page.goto("/coach");
	await expect(page.getByRole("heading", { level: 1, name: "教练工作台" })).toBeVisible();
	await page.getByRole("link", { name: "课程与价格" }).first().click();
	await expect(page.getByRole("heading", { level: 1, name: "课程与价格" })).toBeVisible();
	await waitForHydration(page);
	const basic = page.locator("#course-basic");
	await basic.getByLabel("时长").first().selectOption({ label: "60 分钟" });
	await basic.getByLabel("价格（元）").first().fill("260");
	await page.getByRole("button", { name: "保存课程与价格" }).click();
	await expect(page.getByText("课程与价格已保存")).toBeVisible();
	await expectAccessible(page);
}

async function findAsPlayer(page: Page, displayName: string, phoneSized: boolean) {
	await page.goto("/coaches?city=hangzhou");
	await waitForHydration(page);
	const filters = phoneSized ? page.getByRole("dialog", { name: "筛选" }) : page.locator("aside");
	if (phoneSized) await page.getByRole("button", { name: "筛选" }).click();
	await filters.getByLabel("项目").selectOption({ label: "斯诺克" });
	await filters.getByLabel("教练级别").selectOption({ label: "高级教练" });
	await filters.getByRole("button", { name: "查看结果" }).click();
	await expect(page).toHaveURL(/discipline=snooker/);
	await expect(page).toHaveURL(/level=advanced/);
	const card = page.getByTestId("coach-results").locator("> li").filter({ hasText: displayName });
	await expect(card).toBeVisible();
	await expect(card).toContainText("¥260");
	await card.getByRole("link").first().click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayName);
	await expect(page.getByText("实名认证").first()).toBeVisible();
	await expect(page.getByTestId("offerings")).toContainText("¥260");
	await expectAccessible(page);
}

test("a player applies as a coach, an admin approves, and another player finds them by place and filter", async ({
	page,
	browser,
	baseURL,
	isMobile,
}, testInfo) => {
	const base = baseURL as string;
	const suffix = String(Date.now()).slice(-6);
	const displayName = `周教练${suffix}`;
	const applicantId = await createPlayer(`139${suffix}${testInfo.project.name === "phone" ? "11" : "22"}`, "申请人");
	await signInBrowser(page.context(), base, applicantId);

	await apply(page, displayName);
	await approveAsAdmin(browser, base, displayName);

	await page.reload();
	await expect(page.getByText("您的教练资料已公开", { exact: false })).toBeVisible();
	await setPrices(page);

	const seeker = await browser.newContext({
		baseURL: base,
		locale: "zh-CN",
		viewport: page.viewportSize() ?? undefined,
		isMobile,
	});
	try {
		const phoneSized = (page.viewportSize()?.width ?? 1280) < 768;
		await findAsPlayer(await seeker.newPage(), displayName, phoneSized);
	} finally {
		await seeker.close();
	}
});
