import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The demo coach runs their hours at each viewport: pauses and resumes bookings, has an impossible
 * range refused beside it with nothing saved, and adds then removes a day off. Everything is put
 * back, so the demo coach stays as the other tests and the README expect.
 */
const coachPhone = "13800000002";
const demoPassword = "Demo@2026";

/** A date this many days ahead, in Asia/Shanghai, as a date input takes it (YYYY-MM-DD). */
function daysAhead(days: number): string {
	const shanghai = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
	const date = new Date(`${shanghai}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

test("a coach pauses and resumes bookings, is refused an impossible range, and adds and removes a day off", async ({
	page,
	baseURL,
}, testInfo) => {
	const base = baseURL as string;
	const signIn = await page.context().request.post("/api/v1/auth/password-login", {
		headers: { origin: new URL(base).origin },
		data: { identifier: coachPhone, password: demoPassword },
	});
	expect(signIn.status()).toBe(200);
	const { token } = await signIn.json();
	await page.context().addCookies([{ name: "cp_session", value: token, url: base, httpOnly: true, sameSite: "Lax" }]);

	await page.goto("/coach");
	await expect(page.getByRole("heading", { level: 1, name: "教练工作台" })).toBeVisible();
	await expect(page.getByText("接受预约中")).toBeVisible();
	await page.getByRole("link", { name: "可约时间" }).first().click();
	await expect(page.getByRole("heading", { level: 1, name: "可约时间" })).toBeVisible();
	await expectAccessible(page);
	await waitForHydration(page);

	await page.getByRole("button", { name: "暂停接单" }).click();
	await expect(page.getByText("已暂停接单，学员暂时不能预约")).toBeVisible();
	await page.getByRole("button", { name: "恢复接单" }).click();
	await expect(page.getByText("已恢复接单")).toBeVisible();
	await expect(page.getByRole("button", { name: "暂停接单" })).toBeVisible();

	// Monday's first range ends before it starts: refused beside the field, nothing saved.
	const mondayEnd = page.getByLabel("周一 第 1 个时段 结束");
	const savedEnd = await mondayEnd.inputValue();
	await mondayEnd.selectOption("10:00");
	await page.getByRole("button", { name: "保存每周时间与规则" }).click();
	await expect(page.getByText("结束时间须晚于开始时间")).toBeVisible();
	await page.goto("/coach/availability");
	await expect(page.getByLabel("周一 第 1 个时段 结束")).toHaveValue(savedEnd);
	await waitForHydration(page);

	// A day off a few weeks ahead (each viewport its own day), then taken back.
	const day = daysAhead(testInfo.project.name === "phone" ? 20 : 21);
	await page.getByRole("textbox", { name: "日期" }).fill(day);
	await page.getByRole("radio", { name: "休息" }).check();
	await page.getByRole("button", { name: "添加特殊日期" }).click();
	await expect(page.getByText("特殊日期已添加")).toBeVisible();
	const removeButton = page.getByRole("button", { name: /^删除 .* 的特殊安排$/ });
	await expect(removeButton).toHaveCount(1);
	await expectAccessible(page);
	await removeButton.click();
	await expect(page.getByText("特殊日期已删除")).toBeVisible();
	await expect(page.getByRole("button", { name: /^删除 .* 的特殊安排$/ })).toHaveCount(0);
	await expect(page.getByText("没有特殊日期")).toBeVisible();
});
