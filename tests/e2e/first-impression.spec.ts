import { expect, type Locator, type Page, test } from "@playwright/test";
import { createPlayerWithPassword, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * What a new user tripped over on a phone (390x844) and a desktop: the filter sheet's apply button
 * on screen, the search bar's placeholder and city name whole, the sign-out button of a session on
 * one line. Screenshots are kept with the run's results.
 */
const phoneSized = (page: Page) => (page.viewportSize()?.width ?? 1280) < 768;

/** How many lines the element's own text takes (a wrapped "退/出" is two). */
async function lineCount(locator: Locator): Promise<number> {
	return locator.evaluate((element) => {
		const range = document.createRange();
		range.selectNodeContents(element);
		return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
	});
}

/**
 * Whether an input's placeholder shows whole: typed in as a value, it must not scroll (the field's
 * own padding and the search field's clear button take their room, as they do for the placeholder).
 */
async function placeholderFits(input: Locator): Promise<boolean> {
	return input.evaluate((element) => {
		const field = element as HTMLInputElement;
		const before = field.value;
		field.value = field.placeholder;
		const fits = field.scrollWidth <= field.clientWidth;
		field.value = before;
		return fits;
	});
}

/** Whether a select's chosen label fits in its content box beside the arrow (a select clips it silently). */
async function selectedLabelFits(select: Locator): Promise<boolean> {
	return select.evaluate((element) => {
		const field = element as HTMLSelectElement;
		const style = getComputedStyle(field);
		const context = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
		context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
		const room = field.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
		return context.measureText(field.selectedOptions[0]?.text ?? "").width <= room;
	});
}

test("search on a phone: the whole placeholder and city name, and the filter sheet's apply button on screen", async ({
	page,
}, testInfo) => {
	await page.goto("/coaches");
	await waitForHydration(page);
	const keyword = page.getByRole("searchbox", { name: "搜索教练昵称" });
	expect(await placeholderFits(keyword)).toBe(true);
	await expect(page.getByRole("button", { name: "找教练" })).toBeVisible();

	if (phoneSized(page)) {
		await page.getByRole("button", { name: "筛选" }).click();
		const sheet = page.getByRole("dialog", { name: "筛选" });
		await expect(sheet).toBeVisible();
		const apply = sheet.getByRole("button", { name: "查看结果" });
		// Pinned below the scrolling filters: on screen without scrolling, and still after scrolling them.
		await expect(apply).toBeInViewport({ ratio: 1 });
		await sheet.locator('input[name="accepting"]').scrollIntoViewIfNeeded();
		await expect(apply).toBeInViewport({ ratio: 1 });
		await page.screenshot({ path: testInfo.outputPath("filter-sheet.png") });
		await expectAccessible(page);
		await sheet.getByLabel("项目").selectOption({ label: "斯诺克" });
		await apply.click();
		await expect(page).toHaveURL(/discipline=snooker/);
	}

	// The English city picker shows the whole name.
	await page.goto("/coaches?city=shanghai");
	await waitForHydration(page);
	await page.getByRole("button", { name: "切换语言" }).click();
	await expect(page.locator("html")).toHaveAttribute("lang", "en");
	const city = page.getByRole("combobox", { name: "City" });
	await expect(city).toHaveValue("shanghai");
	expect(await selectedLabelFits(city)).toBe(true);
	expect(await placeholderFits(page.getByRole("searchbox", { name: /name/i }))).toBe(true);
	await page.screenshot({ path: testInfo.outputPath("search-en.png") });
	await page.getByRole("button", { name: "Change language" }).click();
	await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("a session's sign-out button stays on one line on the security page", async ({ page, context, baseURL }, testInfo) => {
	const phone = `1375${phoneSized(page) ? "1" : "2"}000001`;
	const userId = await createPlayerWithPassword(page.request, phone, "Snooker147");
	// Another device with a long description, as an Android phone's browser gives.
	const android =
		"Mozilla/5.0 (Linux; Android 14; Pixel 7 Pro Build/UQ1A.240205.004) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36";
	const other = await page.request.post("/api/v1/auth/password-login", {
		data: { identifier: phone, password: "Snooker147" },
		headers: { "user-agent": android },
	});
	expect(other.status()).toBe(200);
	await signInBrowser(context, baseURL as string, userId);

	await page.goto("/me/security");
	const session = page.getByTestId("session").filter({ hasText: "Android" });
	const signOut = session.getByRole("button", { name: "退出" });
	await expect(signOut).toBeVisible();
	expect(await lineCount(signOut)).toBe(1);
	await session.screenshot({ path: testInfo.outputPath("session-row.png") });
	await expectAccessible(page);
});

test("a coach's photo opens large in the app, moves by arrow key or swipe, and closes with Escape", async ({
	page,
}, testInfo) => {
	// The demo coach, found by name: coaches other specs create in the same database rank first in a
	// plain city search, and they have one photo or none.
	await page.goto(`/coaches?city=shanghai&q=${encodeURIComponent("李教练")}`);
	const first = page.getByTestId("coach-results").locator("> li").first();
	await first.screenshot({ path: testInfo.outputPath("coach-card.png") });
	await first.getByRole("link").first().click();
	await expect(page).toHaveURL(/\/coaches\/[0-9a-f-]{36}/);
	await expect(page.getByRole("region", { name: "照片" })).toBeVisible();
	await waitForHydration(page);
	const profileUrl = page.url();
	const name = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();

	const gallery = page.getByRole("region", { name: "照片" });
	await gallery.getByRole("link").first().click();
	const viewer = page.getByRole("dialog", { name: `${name}的照片` });
	await expect(viewer).toBeVisible();
	// Still the app's page, not the bare image file.
	expect(page.url()).toBe(profileUrl);
	await expect(viewer.getByRole("img", { name: `${name} 照片 1` })).toBeVisible();
	await expect(viewer.getByText("第 1 张，共 2 张")).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath("photo-viewer.png") });
	await expectAccessible(page);

	await page.keyboard.press("ArrowRight");
	await expect(viewer.getByText("第 2 张，共 2 张")).toBeVisible();
	await expect(viewer.getByRole("img", { name: `${name} 照片 2` })).toBeVisible();
	if (phoneSized(page)) {
		// A swipe to the right goes back to the first photo.
		await viewer.evaluate((element) => {
			const touch = (x: number) => new Touch({ identifier: 1, target: element, clientX: x, clientY: 400 });
			element.dispatchEvent(new TouchEvent("touchstart", { bubbles: true, touches: [touch(80)], changedTouches: [touch(80)] }));
			element.dispatchEvent(new TouchEvent("touchend", { bubbles: true, touches: [], changedTouches: [touch(300)] }));
		});
		await expect(viewer.getByText("第 1 张，共 2 张")).toBeVisible();
	} else {
		await viewer.getByRole("button", { name: "上一张" }).click();
		await expect(viewer.getByText("第 1 张，共 2 张")).toBeVisible();
	}
	await page.keyboard.press("Escape");
	await expect(viewer).toBeHidden();
	// Focus is back on the photo that was tapped.
	await expect(gallery.getByRole("link").first()).toBeFocused();

	await page.getByRole("region", { name: "照片" }).getByRole("link").nth(1).click();
	await expect(viewer.getByText("第 2 张，共 2 张")).toBeVisible();
	await viewer.getByRole("button", { name: "关闭" }).click();
	await expect(viewer).toBeHidden();
});

test("the home page's discipline cards and cities lead to the search, and it shows real coaches", async ({ page }, testInfo) => {
	await page.goto("/");
	await expect(page.getByTestId("featured-coaches").locator("> li").first()).toBeVisible();
	await expect(page.getByRole("heading", { name: "上海评分最高的教练" })).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
	await expectAccessible(page);
	await page.getByRole("link", { name: "斯诺克", exact: true }).click();
	await expect(page).toHaveURL(/\/coaches\?discipline=snooker$/);
	await expect(page.getByRole("heading", { name: "找教练", level: 1 })).toBeVisible();
	await page.goBack();
	await page.getByRole("region", { name: "按城市找教练" }).getByRole("link", { name: "北京" }).click();
	await expect(page).toHaveURL(/\/coaches\?city=beijing$/);
	await expect(page.getByText("北京 · 20 公里内")).toBeVisible();
});
