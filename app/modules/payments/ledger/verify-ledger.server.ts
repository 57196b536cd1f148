import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";

export interface LedgerBreak {
	check: string;
	detail: string;
}

/**
 * Every invariant of the ledger, checked over the whole table in set-based queries (one pass each,
 * so a million entries take a second or so, not minutes). Returns the breaks found; none is good.
 */
export async function verifyLedger(database: DbOrTx): Promise<{ journals: number; entries: number; breaks: LedgerBreak[] }> {
	const breaks: LedgerBreak[] = [];
	const add = (check: string, rows: Array<Record<string, unknown>>, describe: (row: Record<string, unknown>) => string) => {
		for (const row of rows) breaks.push({ check, detail: describe(row) });
	};
	const counts = await database.execute<{ journals: string; entries: string }>(
		sql`select (select count(*) from ledger_journals) as journals, (select count(*) from ledger_entries) as entries`,
	);
	const unbalanced = await database.execute(sql`
		select journal_id, sum(amount_fen)::text as total from ledger_entries
		group by journal_id having sum(amount_fen) <> 0 limit 100`);
	add("journal_balances", unbalanced.rows, (row) => `journal ${row.journal_id} sums to ${row.total}`);
	const total = await database.execute(sql`select coalesce(sum(amount_fen), 0)::text as total from ledger_entries`);
	add(
		"ledger_balances",
		total.rows.filter((row) => row.total !== "0"),
		(row) => `all entries sum to ${row.total}`,
	);
	// Money held for a booking can never go below zero: more refunded or released than was paid.
	const overdrawn = await database.execute(sql`
		select account_ref, sum(amount_fen)::text as balance from ledger_entries where account = 'booking_escrow'
		group by account_ref having sum(amount_fen) > 0 limit 100`);
	add("escrow_not_overdrawn", overdrawn.rows, (row) => `booking ${row.account_ref} escrow is overdrawn by ${row.balance} fen`);
	// What the platform owes a coach never turns into the coach owing the platform: no coach's
	// available, pending or in-transit money (credit balances) may go to a debit balance.
	const coachOverdrawn = await database.execute(sql`
		select account, account_ref, sum(amount_fen)::text as balance from ledger_entries
		where account in ('coach_payable', 'coach_pending', 'payouts_in_transit')
		group by account, account_ref having sum(amount_fen) > 0 limit 100`);
	add(
		"coach_balances_not_overdrawn",
		coachOverdrawn.rows,
		(row) => `coach ${row.account_ref} ${row.account} is overdrawn by ${row.balance} fen`,
	);
	// Each succeeded payment is posted exactly once, for its amount.
	const unposted = await database.execute(sql`
		select p.id, p.amount_fen, coalesce(sum(e.amount_fen), 0)::text as posted
		from payments p
		left join ledger_journals j on j.payment_id = p.id and j.kind = 'payment_received'
		left join ledger_entries e on e.journal_id = j.id and e.account = 'provider_clearing'
		where p.status = 'succeeded'
		group by p.id, p.amount_fen having coalesce(sum(e.amount_fen), 0) <> p.amount_fen limit 100`);
	add("payments_posted", unposted.rows, (row) => `payment ${row.id} of ${row.amount_fen} fen is posted as ${row.posted}`);
	const phantom = await database.execute(sql`
		select j.id, j.payment_id from ledger_journals j join payments p on p.id = j.payment_id
		where j.kind = 'payment_received' and p.status <> 'succeeded' limit 100`);
	add("no_phantom_payments", phantom.rows, (row) => `journal ${row.id} posts payment ${row.payment_id}, which did not succeed`);
	// Refunds never exceed what the payment collected.
	const overRefunded = await database.execute(sql`
		select p.id, p.amount_fen, sum(r.amount_fen)::text as refunded from payments p join refunds r on r.payment_id = p.id
		where r.status <> 'failed' group by p.id, p.amount_fen having sum(r.amount_fen) > p.amount_fen limit 100`);
	add(
		"refunds_within_payment",
		overRefunded.rows,
		(row) => `payment ${row.id} of ${row.amount_fen} fen has ${row.refunded} fen refunded`,
	);
	return { journals: Number(counts.rows[0]?.journals ?? 0), entries: Number(counts.rows[0]?.entries ?? 0), breaks };
}
