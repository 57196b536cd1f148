import { expect, test } from "@playwright/test";
import { createCoach, signInBrowser } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/** A date this many days ahead, in Asia/Shanghai, as a date input takes it (YYYY-MM-DD). */
function daysAhead(days: number): string {
	const shanghai = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
	const date = new Date(`${shanghai}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/**
 * A coach runs their hours at each viewport: pauses and resumes bookings, has an impossible range
 * refused beside it with nothing saved, and adds then removes a day off. The coach is the spec's
 * own (one per viewport, approved through the real review), so nothing here depends on, or
 * changes, the demo coach or another spec.
 */
test("a coach pauses and resumes bookings, is refused an impossible range, and adds and removes a day off", async ({
	page,
	request,
	baseURL,
}, testInfo) => {
	const phoneSized = testInfo.project.name === "phone";
	const coach = await createCoach(request, {
		phone: phoneSized ? "13705000001" : "13706000001",
		displayName: phoneSized ? "排课教练甲" : "排课教练乙",
	});
	await signInBrowser(page.context(), baseURL as string, coach.userId);

	await page.goto("/coach");
	await expect(page.getByRole("heading", { level: 1, name: "教练工作台" })).toBeVisible();
	await expect(page.getByText("接受预约中")).toBeVisible();
	await page.getByRole("link", { name: "可约时间" }).first().click();
	await expect(page.getByRole("heading", { level: 1, name: "可约时间" })).toBeVisible();
	await waitForHydration(page);
	await expectAccessible(page);

	await page.getByRole("button", { name: "暂停接单" }).click();
	await expect(page.getByText("已暂停接单，学员暂时不能预约")).toBeVisible();
	await page.getByRole("button", { name: "恢复接单" }).click();
	await expect(page.getByText("已恢复接单")).toBeVisible();
	await expect(page.getByRole("button", { name: "暂停接单" })).toBeVisible();

	// Monday's first range (14:00–18:00) ends before it starts: refused beside the field, nothing saved.
	const mondayEnd = page.getByLabel("周一 第 1 个时段 结束");
	const savedEnd = await mondayEnd.inputValue();
	await mondayEnd.selectOption("10:00");
	await page.getByRole("button", { name: "保存每周时间与规则" }).click();
	await expect(page.getByText("结束时间须晚于开始时间")).toBeVisible();
	await page.goto("/coach/availability");
	await expect(page.getByLabel("周一 第 1 个时段 结束")).toHaveValue(savedEnd);
	await waitForHydration(page);

	// A day off a few weeks ahead, then taken back.
	const day = daysAhead(20);
	await page.getByRole("textbox", { name: "日期" }).fill(day);
	await page.getByRole("radio", { name: "休息" }).check();
	await page.getByRole("button", { name: "添加特殊日期" }).click();
	await expect(page.getByText("特殊日期已添加")).toBeVisible();
	const removeButton = page.getByRole("button", { name: /^删除 .* 的特殊安排$/ });
	await expect(removeButton).toHaveCount(1);
	// The page was checked whole above; only the list of special dates is new.
	await expectAccessible(page, "#exceptions");
	await removeButton.click();
	await expect(page.getByText("特殊日期已删除")).toBeVisible();
	await expect(page.getByRole("button", { name: /^删除 .* 的特殊安排$/ })).toHaveCount(0);
	await expect(page.getByText("没有特殊日期")).toBeVisible();
});
