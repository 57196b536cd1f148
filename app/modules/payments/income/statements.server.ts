import { inArray, sql } from "drizzle-orm";
import { decryptOrNull } from "~/lib/crypto.server";
import { csvOf } from "~/lib/csv";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import type { Locale } from "~/lib/i18n";
import { translate } from "~/lib/i18n";
import { fenToYuan } from "~/lib/money";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { maskIdNumber } from "~/modules/coaches/id-number";
import { coaches } from "../../../../db/schema";
import { type IncomeMovement, incomeMovements, type MonthIncome, monthlyIncome, periodBounds } from "./movements.server";

/** Signed yuan with two decimals, as a spreadsheet reads it. */
export const signedYuan = (fen: number) => (fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen));

export interface MonthStatement {
	month: string;
	movements: IncomeMovement[];
	totals: { orderFen: number; tipFen: number; withdrawnFen: number; commissionFen: number };
}

const counted = (movement: IncomeMovement) => movement.state !== "reversed" && movement.state !== "failed";

/** One month of a coach's money: every movement and the month's totals (reversed income and failed withdrawals left out of them). */
export async function monthStatement(coachId: string, month: string): Promise<MonthStatement> {
	const movements = await incomeMovements({ coachId, ...periodBounds(month) });
	const totals = { orderFen: 0, tipFen: 0, withdrawnFen: 0, commissionFen: 0 };
	for (const movement of movements.filter(counted)) {
		if (movement.kind === "order") {
			totals.orderFen += movement.amountFen;
			totals.commissionFen += movement.commissionFen;
		} else if (movement.kind === "tip") totals.tipFen += movement.amountFen;
		else if (movement.state === "paid") totals.withdrawnFen -= movement.amountFen;
	}
	return { month, movements, totals };
}

export function monthStatementCsv(statement: MonthStatement, locale: Locale): string {
	const t = (key: string, params?: Record<string, unknown>) => translate(locale, `income.${key}`, params);
	const column = (name: string) => t(`statement.columns.${name}`);
	return csvOf([
		[column("date"), column("kind"), column("state"), column("booking"), column("gross"), column("commission"), column("amount")],
		...statement.movements.map((movement) => [
			shanghaiDay(movement.occurredAt),
			t(`kinds.${movement.kind}`),
			t(`states.${movement.state}`),
			movement.bookingId ?? "",
			signedYuan(movement.kind === "withdrawal" ? movement.amountFen : movement.grossFen),
			signedYuan(movement.commissionFen),
			signedYuan(movement.amountFen),
		]),
	]);
}

export interface YearStatement {
	year: string;
	months: MonthIncome[];
	totals: { orderFen: number; tipFen: number; withdrawnFen: number };
}

/** A coach's year, month by month (all twelve, empty ones too): what a yearly income statement shows. */
export async function yearStatement(coachId: string, year: string): Promise<YearStatement> {
	const byMonth = await monthlyIncome({ coachId, ...periodBounds(year) });
	const months = Array.from({ length: 12 }, (_, index) => {
		const month = `${year}-${String(index + 1).padStart(2, "0")}`;
		return byMonth.get(month) ?? { month, orderFen: 0, tipFen: 0, withdrawnFen: 0 };
	});
	const totals = months.reduce(
		(sum, month) => ({
			orderFen: sum.orderFen + month.orderFen,
			tipFen: sum.tipFen + month.tipFen,
			withdrawnFen: sum.withdrawnFen + month.withdrawnFen,
		}),
		{ orderFen: 0, tipFen: 0, withdrawnFen: 0 },
	);
	return { year, months, totals };
}

export function yearStatementCsv(statement: YearStatement, locale: Locale): string {
	const column = (name: string) => translate(locale, `income.statement.columns.${name}`);
	return csvOf([
		[column("month"), column("order"), column("tip"), column("withdrawn")],
		...statement.months.map((month) => [
			month.month,
			signedYuan(month.orderFen),
			signedYuan(month.tipFen),
			signedYuan(month.withdrawnFen),
		]),
		[
			column("total"),
			signedYuan(statement.totals.orderFen),
			signedYuan(statement.totals.tipFen),
			signedYuan(statement.totals.withdrawnFen),
		],
	]);
}

export interface QuarterRow {
	coachId: string;
	displayName: string;
	/** Decrypted only for staff allowed to export identities; null otherwise or when none was given. */
	realName: string | null;
	/** Masked to its first 3 and last 4 characters: the finance team matches a person, it does not need the number. */
	idNumberMasked: string | null;
	orderFen: number;
	tipFen: number;
	withdrawnFen: number;
}

/** The quarter's three months in Shanghai ("2026-Q4" → October to December). */
export function quarterBounds(quarter: string): { from: Date; to: Date } {
	const [year, q] = quarter.split("-Q").map(Number) as [number, number];
	const first = periodBounds(`${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}`);
	const last = periodBounds(`${year}-${String(q * 3).padStart(2, "0")}`);
	return { from: first.from, to: last.to };
}

/**
 * Every coach with income or withdrawals in a quarter, for the finance team's report of what
 * people earned through the platform: identity (the real name decrypted only with `withIdentity`),
 * income by kind and what was paid out.
 */
export async function quarterReport(quarter: string, options: { withIdentity: boolean }): Promise<QuarterRow[]> {
	const { from, to } = quarterBounds(quarter);
	// Income counts by when it was earned; compensation and withdrawals by when they were booked.
	const found = await db().execute<{ coach_id: string }>(sql`
		select coach_id::text as coach_id from income_settlements where earned_at >= ${from} and earned_at < ${to}
		union
		select e.account_ref as coach_id from ledger_entries e join ledger_journals j on j.id = e.journal_id
		where j.kind in ('withdrawal_paid', 'cancellation_split') and e.account in ('payouts_in_transit', 'coach_payable')
			and j.created_at >= ${from} and j.created_at < ${to}
	`);
	const ids = found.rows.map((row) => row.coach_id).filter((id) => /^[0-9a-f-]{36}$/.test(id));
	if (ids.length === 0) return [];
	const rows = await db().select().from(coaches).where(inArray(coaches.id, ids));
	const report: QuarterRow[] = [];
	for (const coach of rows.sort((a, b) => a.displayName.localeCompare(b.displayName, "zh-CN"))) {
		const months = await monthlyIncome({ coachId: coach.id, from, to });
		const sum = [...months.values()].reduce(
			(total, month) => ({
				orderFen: total.orderFen + month.orderFen,
				tipFen: total.tipFen + month.tipFen,
				withdrawnFen: total.withdrawnFen + month.withdrawnFen,
			}),
			{ orderFen: 0, tipFen: 0, withdrawnFen: 0 },
		);
		const idNumber = options.withIdentity ? decryptOrNull(coach.idNumberEnc, sealedIn(coaches.idNumberEnc, coach.id)) : null;
		report.push({
			coachId: coach.id,
			displayName: coach.displayName,
			realName: options.withIdentity ? decryptOrNull(coach.realNameEnc, sealedIn(coaches.realNameEnc, coach.id)) : null,
			idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
			...sum,
		});
	}
	return report;
}

export function quarterReportCsv(rows: QuarterRow[], locale: Locale): string {
	const column = (name: string) => translate(locale, `income.admin.columns.${name}`);
	return csvOf([
		[
			"coach_id",
			column("coach"),
			column("realName"),
			column("idNumber"),
			column("order"),
			column("tip"),
			column("total"),
			column("withdrawn"),
		],
		...rows.map((row) => [
			row.coachId,
			row.displayName,
			row.realName ?? "",
			row.idNumberMasked ?? "",
			signedYuan(row.orderFen),
			signedYuan(row.tipFen),
			signedYuan(row.orderFen + row.tipFen),
			signedYuan(row.withdrawnFen),
		]),
	]);
}

/** "YYYY-MM-DD HH:mm" in Shanghai. */
export function shanghaiDay(iso: string): string {
	return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The quarter's CSV with identities, audited in the export's own transaction: who took personal data out, and when. */
export async function exportQuarterReport(input: { actorId: string; quarter: string; locale: Locale }): Promise<string> {
	const rows = await quarterReport(input.quarter, { withIdentity: true });
	await db().transaction((tx) =>
		recordAudit(tx, {
			actorId: input.actorId,
			action: "income.quarter.exported",
			targetType: "income_report",
			targetId: input.quarter,
			detail: { coaches: rows.length },
		}),
	);
	return quarterReportCsv(rows, input.locale);
}
