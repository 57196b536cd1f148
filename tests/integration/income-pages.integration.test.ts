import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { settleDemoIncome } from "~/modules/payments/demo/settle-demo-income.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { auditLog } from "../../db/schema";
import { apiCall, fetchPage, pageGet } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { useDemoDatabase } from "../support/demo-database";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The demo coach on a fresh start, as the coach meets it: settled and released demo lessons to
 * withdraw, the income page with its chart and movements, and the statements to download or print.
 */
let app: TestApp;
let coachToken = "";

// What a fresh start loads, then the app (two steps: each is slow on a busy machine).
beforeAll(async () => {
	await useDemoDatabase();
});
beforeAll(async () => {
	app = await startTestApp();
	const coachUser = await findUserByPhone("+8613800000002");
	coachToken = (await createSession(coachUser?.id as string, { ip: "127.0.0.1", userAgent: "tests" })).token;
});
afterAll(async () => {
	await app.close();
});

const income = async (token: string) => (await apiCall(app, "GET", "/coach/income", token)).body;
const movements = async (token: string, month: string) =>
	(await apiCall(app, "GET", `/coach/income/movements?month=${month}`, token)).body.movements as Array<{
		kind: string;
		state: string;
		amountFen: number;
		bookingId: string | null;
	}>;
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
/** The calendar month before this one (the demo's lessons were 9 to 25 days ago: this month or the last). */
const lastMonth = () => {
	const [year, month] = thisMonth().split("-").map(Number) as [number, number];
	return new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
};

describe("the demo coach's income", () => {
	it("has settled and released demo lessons worth at least ¥200 to withdraw on a fresh start, and a restart adds nothing", async () => {
		const first = await income(coachToken);
		expect(first.availableFen).toBeGreaterThanOrEqual(20_000);
		expect(first.tipIncomeFen).toBe(2_000);
		expect(first.orderIncomeFen + first.tipIncomeFen).toBe(first.availableFen + first.pendingFen);
		// A restart settles again: every posting is keyed, so nothing moves twice.
		expect(await settleDemoIncome()).toBe(0);
		expect(await income(coachToken)).toEqual(first);
		expect((await verifyLedger(db())).breaks).toEqual([]);
	});

	it("shows the totals, the chart drawn on the server, every movement with its order, and the way to withdraw", async () => {
		const page = await pageGet(app, "/coach/income", coachToken);
		expect(page.status).toBe(200);
		expect(page.html).toContain("我的收入");
		expect(page.html).toContain("可提现");
		expect(page.html).toContain('href="/coach/withdrawals/new"');
		// The chart is an SVG in the page itself (no script needed), with a table beside it for screen readers.
		expect(page.html).toMatch(/data-testid="income-chart"[^>]*><svg width="100%"/);
		expect(page.html).toContain("每月收入（元）");
		const month = (await movements(coachToken, thisMonth())).length > 0 ? thisMonth() : lastMonth();
		const listed = await movements(coachToken, month);
		const lesson = listed.find((movement) => movement.kind === "order");
		const shown = await pageGet(app, `/coach/income?month=${month}`, coachToken);
		expect(shown.html).toContain(`href="/coach/orders/${lesson?.bookingId}"`);
		expect(shown.html).toContain("可提现");
		// A month that does not read is explained, and the page still answers.
		const bad = await pageGet(app, "/coach/income?month=2026-13", coachToken);
		expect(bad.status).toBe(200);
		expect(bad.html).toContain("月份格式应为 YYYY-MM");
		// The desk links to it.
		expect((await pageGet(app, "/coach", coachToken)).html).toContain('href="/coach/income"');
	});

	it("gives the month's statement as a CSV Excel reads in Chinese: a BOM, a header, one row per movement", async () => {
		const month = (await movements(coachToken, thisMonth())).length > 0 ? thisMonth() : lastMonth();
		const listed = await movements(coachToken, month);
		const response = await fetchPage(app, `/coach/income/statement.csv?month=${month}`, coachToken);
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toContain("text/csv");
		expect(response.headers.get("content-disposition")).toBe(`attachment; filename="cuepal-income-${month}.csv"`);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
		expect(lines[0]).toBe('"日期","类型","状态","订单号","学员支付（元）","平台服务费（元）","收入/支出（元）"');
		expect(lines).toHaveLength(listed.length + 1);
		const lessonRow = lines.find((line) => line.includes(`"${listed.find((m) => m.kind === "order")?.bookingId}"`));
		expect(lessonRow).toMatch(
			/^"\d{4}-\d{2}-\d{2} \d{2}:\d{2}","课程","(可提现|待结算)","[0-9a-f-]{36}","\d+\.\d{2}","\d+\.\d{2}","\d+\.\d{2}"$/,
		);

		const printable = await pageGet(app, `/coach/income/statement?month=${month}`, coachToken);
		expect(printable.status).toBe(200);
		expect(printable.html).toContain(`${month} 月度对账单`);
	});

	it("gives the yearly income statement: twelve months and the year's total, as CSV and to print", async () => {
		const year = thisMonth().slice(0, 4);
		const response = await fetchPage(app, `/coach/income/year.csv?year=${year}`, coachToken);
		const lines = (await response.text())
			.replace(/^\uFEFF/, "")
			.trimEnd()
			.split("\r\n");
		expect(lines[0]).toBe('"月份","课程收入（元）","打赏收入（元）","已提现（元）"');
		expect(lines.slice(1, 13).map((line) => line.slice(1, 8))).toEqual(
			Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, "0")}`),
		);
		expect(lines[13]).toMatch(/^"合计","\d+\.\d{2}","\d+\.\d{2}","\d+\.\d{2}"$/);
		const printable = await pageGet(app, `/coach/income/year?year=${year}`, coachToken);
		expect(printable.html).toContain(`${year} 年度收入证明`);
		expect((await pageGet(app, "/coach/income/year?year=26", coachToken)).status).toBe(400);
	});

	it("shows a coach without income the empty state, and refuses the statements to a player", async () => {
		const coach = await bookableCoach("还没有收入的教练");
		const empty = await pageGet(app, "/coach/income", coach.token);
		expect(empty.html).toContain("还没有收入");
		expect(empty.html).not.toContain('data-testid="income-chart"');
		const player = await signedInUser("想看收入的学员");
		expect((await fetchPage(app, "/coach/income/statement.csv", player.token)).status).toBe(403);
		expect((await fetchPage(app, "/coach/income/year.csv", player.token)).status).toBe(403);
		expect((await fetchPage(app, "/coach/income/statement.csv", null)).status).toBe(302);
	});
});

describe("the back office's income reports", () => {
	const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;

	it("gives admins the quarter's income per coach with the real name and a masked ID number, as a CSV that is audited", async () => {
		const admin = await staffSessionToken("13800000005");
		const quarter = quarterOf(lastMonth());
		const page = await pageGet(app, `/admin/income?quarter=${quarter}`, admin);
		expect(page.status).toBe(200);
		expect(page.html).toContain("李教练");
		expect(page.html).toMatch(/\d{3}\*{11}[\dX]{4}/);
		const response = await fetchPage(app, `/admin/income/export.csv?quarter=${quarter}`, admin);
		expect(response.status).toBe(200);
		const lines = (await response.text())
			.replace(/^\uFEFF/, "")
			.trimEnd()
			.split("\r\n");
		expect(lines[0]).toBe(
			'"coach_id","教练","真实姓名","身份证号（脱敏）","课程收入（元）","打赏收入（元）","收入合计（元）","已提现（元）"',
		);
		const demo = lines.find((line) => line.includes('"李教练"'));
		expect(demo).toMatch(
			/^"[0-9a-f-]{36}","李教练","[^"]+","\d{3}\*{11}[\dX]{4}","\d+\.\d{2}","\d+\.\d{2}","\d+\.\d{2}","\d+\.\d{2}"$/,
		);
		const audited = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, "income.quarter.exported"), eq(auditLog.targetId, quarter)));
		expect(audited).toHaveLength(1);
		// Each coach's statements open from the report.
		const coachId = demo?.slice(1, 37) as string;
		const statements = await pageGet(app, `/admin/income/${coachId}?month=${lastMonth()}`, admin);
		expect(statements.status).toBe(200);
		expect(statements.html).toContain("李教练 的对账单");
		expect((await fetchPage(app, "/admin/income?quarter=2026-Q5", admin)).status).toBe(400);
	});

	it("shows support the report without identities and refuses them the export; players see none of it", async () => {
		const support = await staffSessionToken("13800000004");
		const quarter = quarterOf(lastMonth());
		const page = await pageGet(app, `/admin/income?quarter=${quarter}`, support);
		expect(page.status).toBe(200);
		expect(page.html).toContain("查看实名需要报税导出权限");
		expect(page.html).not.toMatch(/\d{3}\*{11}[\dX]{4}/);
		expect((await fetchPage(app, `/admin/income/export.csv?quarter=${quarter}`, support)).status).toBe(403);
		const player = await signedInUser("想看报表的学员");
		expect((await fetchPage(app, "/admin/income", player.token)).status).toBe(403);
		expect((await fetchPage(app, "/admin/income/export.csv", player.token)).status).toBe(403);
	});
});
