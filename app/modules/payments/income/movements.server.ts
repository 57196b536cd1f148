import { sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";

import type { MovementKind } from "./movement-kinds";

export { type MovementKind, movementKinds } from "./movement-kinds";
/**
 * pending: inside the dispute window; frozen: pending under a dispute; available: the coach's;
 * reversed: taken back by a dispute's decision; in_transit / paid / failed: a withdrawal's way out.
 */
export type MovementState = "pending" | "frozen" | "available" | "reversed" | "in_transit" | "paid" | "failed";

export interface IncomeMovement {
	id: string;
	kind: MovementKind;
	state: MovementState;
	/** Signed for the coach: income positive, a withdrawal negative. */
	amountFen: number;
	/** What the player paid for it (a lesson before commission; a tip in full). */
	grossFen: number;
	commissionFen: number;
	bookingId: string | null;
	occurredAt: string;
	availableAt: string | null;
}

/** "YYYY-MM" in Asia/Shanghai (UTC+8 all year) of an instant. */
export const monthOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/** The instants a Shanghai month (or year) begins and ends. */
export function periodBounds(period: string): { from: Date; to: Date } {
	const [year, month] = period.split("-").map(Number) as [number, number | undefined];
	const from = new Date(Date.UTC(year, (month ?? 1) - 1, 1) - 8 * 3_600_000);
	const to = new Date(month ? Date.UTC(year, month, 1) - 8 * 3_600_000 : Date.UTC(year + 1, 0, 1) - 8 * 3_600_000);
	return { from, to };
}

/**
 * Every movement of a coach's money in a period, newest first: lessons and tips settled (with
 * where they stand), compensation from cancellations, and withdrawals. The amounts come from the
 * ledger's own journals; a settlement's state and times from its settlement row.
 */
export async function incomeMovements(
	input: { coachId: string; from: Date; to: Date; kind?: MovementKind },
	tx: DbOrTx = db(),
): Promise<IncomeMovement[]> {
	const { coachId, from, to } = input;
	const kind = input.kind ?? null;
	const result = await tx.execute<{
		id: string;
		kind: MovementKind;
		state: MovementState;
		amount_fen: string;
		gross_fen: string;
		commission_fen: string;
		booking_id: string | null;
		occurred_at: Date | string;
		available_at: Date | string | null;
	}>(sql`
		select * from (
			select s.id::text, s.kind,
				case when s.status = 'pending' and b.status = 'disputed' then 'frozen' else s.status::text end as state,
				s.coach_fen as amount_fen, s.gross_fen, s.commission_fen, s.booking_id::text, s.earned_at as occurred_at,
				s.available_at
			from income_settlements s join bookings b on b.id = s.booking_id
			where s.coach_id = ${coachId} and s.earned_at >= ${from} and s.earned_at < ${to}
			union all
			select j.id::text, 'order', 'available', -e.amount_fen, -e.amount_fen, 0, j.booking_id::text, j.created_at, j.created_at
			from ledger_journals j join ledger_entries e on e.journal_id = j.id
			where j.kind = 'cancellation_split' and e.account = 'coach_payable' and e.account_ref = ${coachId}::text
				and j.created_at >= ${from} and j.created_at < ${to}
			union all
			select j.id::text, 'withdrawal',
				case
					when exists (select 1 from ledger_journals p where p.idempotency_key = 'withdrawal-paid:' || substr(j.idempotency_key, 12)) then 'paid'
					when exists (select 1 from ledger_journals r where r.idempotency_key = 'withdrawal-reversed:' || substr(j.idempotency_key, 12)) then 'failed'
					else 'in_transit'
				end,
				-e.amount_fen, e.amount_fen, 0, null, j.created_at, null
			from ledger_journals j join ledger_entries e on e.journal_id = j.id
			where j.kind = 'withdrawal_reserved' and e.account = 'coach_payable' and e.account_ref = ${coachId}::text
				and j.created_at >= ${from} and j.created_at < ${to}
		) movements
		where ${kind}::text is null or kind = ${kind}::text
		order by occurred_at desc, id desc
		limit 1000
	`);
	const iso = (value: Date | string) => new Date(value).toISOString();
	return result.rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		state: row.state,
		amountFen: Number(row.amount_fen),
		grossFen: Number(row.gross_fen),
		commissionFen: Number(row.commission_fen),
		bookingId: row.booking_id,
		occurredAt: iso(row.occurred_at),
		availableAt: row.available_at ? iso(row.available_at) : null,
	}));
}

export interface MonthIncome {
	month: string;
	orderFen: number;
	tipFen: number;
	withdrawnFen: number;
}

/**
 * Income by kind per Shanghai month of a period, summed in the database (no cap on how many
 * movements a busy coach has): for the chart, the yearly statement and the quarter's export.
 * Income counts when it was earned (reversed income left out), compensation when it was booked,
 * withdrawals when they were paid out (`withdrawal_paid`), the same journals that put a coach in
 * the quarter's report.
 */
export async function monthlyIncome(
	input: { coachId: string; from: Date; to: Date },
	tx: DbOrTx = db(),
): Promise<Map<string, MonthIncome>> {
	const { coachId, from, to } = input;
	// Shanghai is UTC+8 all year: the month of an instant is its UTC time 8 hours on.
	const monthOfAt = (column: ReturnType<typeof sql.raw>) =>
		sql`to_char(timezone('UTC', ${column}) + interval '8 hours', 'YYYY-MM')`;
	const result = await tx.execute<{ month: string; order_fen: string; tip_fen: string; withdrawn_fen: string }>(sql`
		select month, sum(order_fen)::text as order_fen, sum(tip_fen)::text as tip_fen, sum(withdrawn_fen)::text as withdrawn_fen
		from (
			select ${monthOfAt(sql.raw("s.earned_at"))} as month,
				case when s.kind = 'order' then s.coach_fen else 0 end as order_fen,
				case when s.kind = 'tip' then s.coach_fen else 0 end as tip_fen,
				0 as withdrawn_fen
			from income_settlements s
			where s.coach_id = ${coachId} and s.status <> 'reversed' and s.earned_at >= ${from} and s.earned_at < ${to}
			union all
			select ${monthOfAt(sql.raw("j.created_at"))}, -e.amount_fen, 0, 0
			from ledger_journals j join ledger_entries e on e.journal_id = j.id
			where j.kind = 'cancellation_split' and e.account = 'coach_payable' and e.account_ref = ${coachId}::text
				and j.created_at >= ${from} and j.created_at < ${to}
			union all
			select ${monthOfAt(sql.raw("j.created_at"))}, 0, 0, e.amount_fen
			from ledger_journals j join ledger_entries e on e.journal_id = j.id
			where j.kind = 'withdrawal_paid' and e.account = 'payouts_in_transit' and e.account_ref = ${coachId}::text
				and j.created_at >= ${from} and j.created_at < ${to}
		) amounts
		group by month
	`);
	return new Map(
		result.rows.map((row) => [
			row.month,
			{ month: row.month, orderFen: Number(row.order_fen), tipFen: Number(row.tip_fen), withdrawnFen: Number(row.withdrawn_fen) },
		]),
	);
}

/** The twelve months ending with `last` ("YYYY-MM"), oldest first. */
export function twelveMonthsTo(last: string): string[] {
	const [year, month] = last.split("-").map(Number) as [number, number];
	return Array.from({ length: 12 }, (_, index) => {
		const date = new Date(Date.UTC(year, month - 12 + index, 1));
		return date.toISOString().slice(0, 7);
	});
}
