import { sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";

export interface CoachBalances {
	/** What the coach may withdraw now: −balance(coach_payable). */
	availableFen: number;
	/** Settled income still inside the dispute window (or frozen by a dispute): −balance(coach_pending). */
	pendingFen: number;
	/** Withdrawals reserved or sent and not yet confirmed paid: −balance(payouts_in_transit). */
	inTransitFen: number;
	/** Everything paid out to the coach: the sum of withdrawal_paid journals. */
	withdrawnFen: number;
	/** Lesson income kept (settlements less reversals, plus cancellation compensation). */
	orderIncomeFen: number;
	/** Tips, all the coach's. */
	tipIncomeFen: number;
}

/** Journal kinds whose entries on the coach's income accounts are lesson income. */
export const orderIncomeKinds = ["lesson_settlement", "settlement_reversal", "cancellation_split"] as const;
export const tipIncomeKinds = ["tip_settlement"] as const;

/**
 * A coach's money as the ledger says, in one read: every figure is a sum of ledger entries (never
 * of a copy kept elsewhere), so the page, the API and a withdrawal's check agree with the books.
 * The payouts module calls it under its own per-coach lock, in its transaction.
 */
export async function coachBalances(coachId: string, tx: DbOrTx = db()): Promise<CoachBalances> {
	const order = sql.join(
		orderIncomeKinds.map((kind) => sql`${kind}`),
		sql`, `,
	);
	const result = await tx.execute<Record<keyof CoachBalances, string | null>>(sql`
		select
			-coalesce(sum(e.amount_fen) filter (where e.account = 'coach_payable'), 0) as "availableFen",
			-coalesce(sum(e.amount_fen) filter (where e.account = 'coach_pending'), 0) as "pendingFen",
			-coalesce(sum(e.amount_fen) filter (where e.account = 'payouts_in_transit'), 0) as "inTransitFen",
			coalesce(sum(e.amount_fen) filter (where e.account = 'payouts_in_transit' and j.kind = 'withdrawal_paid'), 0) as "withdrawnFen",
			-coalesce(sum(e.amount_fen) filter (
				where e.account in ('coach_pending', 'coach_payable') and j.kind in (${order})
			), 0) as "orderIncomeFen",
			-coalesce(sum(e.amount_fen) filter (where e.account = 'coach_pending' and j.kind = 'tip_settlement'), 0) as "tipIncomeFen"
		from ledger_entries e
		join ledger_journals j on j.id = e.journal_id
		where e.account in ('coach_payable', 'coach_pending', 'payouts_in_transit') and e.account_ref = ${coachId}
	`);
	const row = result.rows[0];
	const fen = (value: string | null | undefined) => Number(value ?? 0);
	return {
		availableFen: fen(row?.availableFen),
		pendingFen: fen(row?.pendingFen),
		inTransitFen: fen(row?.inTransitFen),
		withdrawnFen: fen(row?.withdrawnFen),
		orderIncomeFen: fen(row?.orderIncomeFen),
		tipIncomeFen: fen(row?.tipIncomeFen),
	};
}
