import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { createCoach, signInBrowser, staffSessionToken } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The drill catalogue at a phone's size and a desktop's: an admin adds a drill on /admin/drills
 * and retires it; a coach of the spec's own adds a drill of theirs on /coach/drills. Names carry the
 * project's name, so the two runs do not collide.
 */
const shot = (page: Page, testInfo: TestInfo, name: string, fullPage = false) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), scale: "css", fullPage });

async function fillDrill(page: Page, nameZh: string) {
	await page.getByLabel("中文名称").fill(nameZh);
	await page.getByLabel("英文名称").fill(`${nameZh} (en)`);
	await page.getByLabel("球种").selectOption("nine_ball");
	await page.getByLabel("长台").check();
	await page.getByLabel("阶梯（进一球难一级").check();
	await page.getByLabel("阶梯级数").fill("6");
	await page.getByLabel("摆球说明（中文）").fill("目标球在置球点，母球从开球线起，每进一球后退一颗球的距离。");
	await page.getByLabel("摆球说明（英文）").fill("Object ball on the spot; the cue ball steps back one ball's width per make.");
}

test("an admin adds a drill to the catalogue and retires it", async ({ page, baseURL }, testInfo) => {
	const name = `阶梯长台${testInfo.project.name}`;
	await page
		.context()
		.addCookies([
			{ name: "cp_session", value: await staffSessionToken("admin"), url: baseURL as string, httpOnly: true, sameSite: "Lax" },
		]);
	await page.goto("/admin/drills");
	await expect(page.getByRole("heading", { name: "训练项目库" })).toBeVisible();
	await expect(page.getByRole("heading", { name: /斯诺克/ })).toBeVisible();
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await shot(page, testInfo, "admin-drills");

	await page.getByRole("link", { name: "新增项目" }).click();
	await page.getByRole("button", { name: "保存" }).click();
	await expect(page.getByText("请填写此项。").first()).toBeVisible();
	await fillDrill(page, name);
	await shot(page, testInfo, "admin-drill-form", true);
	await page.getByRole("button", { name: "保存" }).click();
	await expect(page).toHaveURL(/\/admin\/drills$/);
	const row = page.getByTestId("drill-row").filter({ hasText: name });
	await expect(row).toContainText("长台");
	await row.getByRole("button", { name: `停用：${name}` }).click();
	await expect(page.getByTestId("drill-row").filter({ hasText: name })).toContainText("已停用");
	await page.context().addCookies([{ name: "lang", value: "en", url: baseURL as string }]);
	await page.goto("/admin/drills");
	await expect(page.getByRole("heading", { name: "Drill catalogue" })).toBeVisible();
	await expect(page.getByTestId("drill-row").filter({ hasText: `${name} (en)` })).toContainText("Retired");
	await shot(page, testInfo, "admin-drills-en");
});

test("a coach adds a drill of their own", async ({ page, baseURL, request }, testInfo) => {
	const phone = testInfo.project.name === "phone" ? "13900004171" : "13900004172";
	const coach = await createCoach(request, { phone, displayName: `练习教练${testInfo.project.name}` });
	await signInBrowser(page.context(), baseURL as string, coach.userId);
	const name = `教练私房练习${testInfo.project.name}`;
	await page.goto("/coach/drills");
	await expect(page.getByRole("heading", { name: "我的训练项目" })).toBeVisible();
	await waitForHydration(page);
	await page.getByRole("link", { name: "新增项目" }).click();
	await fillDrill(page, name);
	await page.getByRole("button", { name: "保存" }).click();
	await expect(page).toHaveURL(/\/coach\/drills$/);
	await expect(page.getByTestId("drill-row").filter({ hasText: name })).toBeVisible();
	await expectAccessible(page, "main");
	await shot(page, testInfo, "coach-drills");
	// The same list in English: the language cookie the header's switch sets.
	await page.context().addCookies([{ name: "lang", value: "en", url: baseURL as string }]);
	await page.goto("/coach/drills");
	await expect(page.getByRole("heading", { name: "My drills" })).toBeVisible();
	await expect(page.getByTestId("drill-row").filter({ hasText: name })).toContainText("Long shots");
	await shot(page, testInfo, "coach-drills-en");
});
