import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { createPlayer, sessionTokenFor, signInBrowser, staffSessionToken } from "./fixtures";
import { expectAccessible, waitForHydration } from "./support";

/**
 * The community in the browser: a player asks on 问答, two others answer, the asker accepts the
 * second answer and it moves to the top marked 已采纳; a flagged post is hidden by a moderator from
 * /admin/community and leaves its board. Accounts and titles are the run's own (the project's
 * name and the start time in them), so the phone and desktop runs and re-runs never meet.
 */
const shot = (page: Page, testInfo: TestInfo, name: string) =>
	page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

/** A verified phone of the run's own: 1355, the project (1 phone, 2 desktop), then six digits of the run. */
const phoneOf = (testInfo: TestInfo, slot: number) =>
	`1355${testInfo.project.name === "phone" ? "1" : "2"}${String((Date.now() + slot) % 1_000_000).padStart(6, "0")}`;

const runMark = (testInfo: TestInfo) => `${testInfo.project.name === "phone" ? "手机" : "电脑"}${Date.now() % 100_000}`;

test("a player asks a question, two others answer, and the accepted answer comes first", async ({
	page,
	baseURL,
	request,
}, testInfo) => {
	const mark = runMark(testInfo);
	const askerId = await createPlayer(phoneOf(testInfo, 1), `提问者${mark}`);
	const firstAnswererId = await createPlayer(phoneOf(testInfo, 2), `先答者${mark}`);
	const answererId = await createPlayer(phoneOf(testInfo, 3), `后答者${mark}`);
	const title = `翻袋总是偏厚怎么办 ${mark}`;

	await signInBrowser(page.context(), baseURL as string, askerId);
	await page.goto("/community/b/questions");
	await expect(page.getByRole("heading", { name: "问答", level: 1 })).toBeVisible();
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await page.getByLabel("标题").fill(title);
	await page.getByLabel("正文（支持 Markdown）").fill("打翻袋时目标球总是偏厚，是瞄准点不对还是出杆方向偏了？");
	await page.getByRole("button", { name: "发布", exact: true }).click();
	await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
	const postPath = new URL(page.url()).pathname;

	// The first answer arrives through the API, as an app client would send it.
	const answered = await request.post(`/api/v1/community/posts/${postPath.split("/").pop()}/comments`, {
		headers: { authorization: `Bearer ${await sessionTokenFor(firstAnswererId)}` },
		data: { body: "先确认瞄准点：翻袋要比直线进球想象得更薄一点。" },
	});
	expect(answered.status(), await answered.text()).toBe(201);

	// The second answer through the page, by a second player.
	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, answererId);
	await page.goto(postPath);
	await waitForHydration(page);
	await page.getByLabel("写回答").fill("出杆后别抬头，翻袋偏厚多半是出杆方向往里带了。");
	await page.getByRole("button", { name: "写回答" }).click();
	await expect(page.getByTestId("comment").filter({ hasText: "出杆后别抬头" })).toBeVisible();

	// The asker accepts the second answer: it moves above the first, marked 已采纳.
	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, askerId);
	await page.goto(postPath);
	await waitForHydration(page);
	const answers = page.getByTestId("comment");
	await expect(answers.first()).toContainText("先确认瞄准点");
	await answers.filter({ hasText: "出杆后别抬头" }).getByRole("button", { name: "采纳这个回答" }).click();
	await expect(answers.first()).toContainText("已采纳");
	await expect(answers.first()).toContainText("出杆后别抬头");
	await expect(answers.nth(1)).toContainText("先确认瞄准点");
	await expect(answers.nth(1)).not.toContainText("已采纳");
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await shot(page, testInfo, "question-accepted");

	// The board lists it as answered.
	await page.goto("/community/b/questions");
	await expect(page.getByTestId("post-summary").filter({ hasText: title })).toContainText("已解决");
});

test("a moderator hides a flagged post from the back-office queue and it leaves the board", async ({
	page,
	baseURL,
}, testInfo) => {
	const mark = runMark(testInfo);
	const authorId = await createPlayer(phoneOf(testInfo, 4), `发帖人${mark}`);
	const flaggerId = await createPlayer(phoneOf(testInfo, 5), `举报人${mark}`);
	const title = `出售二手球杆 ${mark}`;

	await signInBrowser(page.context(), baseURL as string, authorId);
	await page.goto("/community/b/equipment");
	await waitForHydration(page);
	await page.getByLabel("标题").fill(title);
	await page.getByLabel("正文（支持 Markdown）").fill("九成新中八杆，价格面议，同城自取。");
	await page.getByRole("button", { name: "发布", exact: true }).click();
	await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
	const postPath = new URL(page.url()).pathname;

	await page.context().clearCookies();
	await signInBrowser(page.context(), baseURL as string, flaggerId);
	await page.goto(postPath);
	await waitForHydration(page);
	await page.getByRole("button", { name: "举报" }).click();
	await expect(page.getByText("举报已提交，平台会尽快处理。")).toBeVisible();

	await page.context().clearCookies();
	await page
		.context()
		.addCookies([
			{ name: "cp_session", value: await staffSessionToken("support"), url: baseURL as string, httpOnly: true, sameSite: "Lax" },
		]);
	await page.goto("/admin/community");
	await expect(page.getByRole("heading", { name: "社区审核", level: 1 })).toBeVisible();
	const item = page.getByTestId("queue-item").filter({ hasText: title });
	await expect(item).toBeVisible();
	await expect(item).toContainText("举报");
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await shot(page, testInfo, "moderation-queue");
	await item.getByLabel("处理理由（会告知作者）").fill("疑似广告，先隐藏等待核实");
	await item.getByRole("button", { name: "隐藏", exact: true }).click();
	await expect(page.getByText("已处理。")).toBeVisible();

	// Gone from the board for everyone else, and its page is the friendly 404.
	await page.context().clearCookies();
	await page.goto("/community/b/equipment?sort=newest");
	await expect(page.getByRole("heading", { name: "器材", level: 1 })).toBeVisible();
	await expect(page.getByText(title)).toHaveCount(0);
	await waitForHydration(page);
	await expectAccessible(page, "main");
	await shot(page, testInfo, "board-after-hide");
	expect((await page.goto(postPath))?.status()).toBe(404);
});
