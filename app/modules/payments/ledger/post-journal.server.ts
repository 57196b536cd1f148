import { sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { ledgerEntries, ledgerJournals } from "../../../../db/schema";
import type { LedgerLine } from "./accounts";

export interface Journal {
	/** One business event, one key: posting the same event again changes nothing. */
	idempotencyKey: string;
	kind: string;
	bookingId?: string | null;
	paymentId?: string | null;
	refundId?: string | null;
	memo?: string;
	lines: LedgerLine[];
}

/**
 * Posts a journal in the caller's transaction, so the money moves exactly when the business change
 * commits. Returns false when a journal with the key exists already (a repeated notification, a
 * retried job). Zero lines are dropped; lines that do not sum to zero are a programming error and
 * throw before anything is written (the database would refuse them at commit too).
 */
export async function postJournal(tx: Transaction, journal: Journal): Promise<boolean> {
	const lines = journal.lines.filter((line) => line.amountFen !== 0);
	for (const line of lines) {
		if (!Number.isSafeInteger(line.amountFen)) throw new Error(`ledger: ${journal.kind} has a non-integer amount`);
	}
	const total = lines.reduce((sum, line) => sum + line.amountFen, 0);
	if (total !== 0) throw new Error(`ledger: journal ${journal.kind} does not balance (${total})`);
	// The journal and its entries in one statement (one round trip on the payment's hot path): the
	// entries are inserted only from the journal row the insert made, so a journal that existed
	// already (the same key again) adds nothing.
	const result = await tx.execute<{ id: string }>(sql`
		with journal as (
			insert into ${ledgerJournals} (idempotency_key, kind, booking_id, payment_id, refund_id, memo)
			values (${journal.idempotencyKey}, ${journal.kind}, ${journal.bookingId ?? null}::uuid,
				${journal.paymentId ?? null}::uuid, ${journal.refundId ?? null}::uuid, ${journal.memo ?? null})
			on conflict (idempotency_key) do nothing
			returning id
		), lines as (
			insert into ${ledgerEntries} (journal_id, account, account_ref, amount_fen)
			select journal.id, line.account, line.ref, line."amountFen"
			from journal, json_to_recordset(${JSON.stringify(lines.map((line) => ({ account: line.account, ref: line.ref ?? "", amountFen: line.amountFen })))}::json)
				as line(account text, ref text, "amountFen" bigint)
		)
		select id from journal`);
	return result.rows.length > 0;
}

/** An account's balance (debits minus credits), read in the caller's transaction. */
export async function accountBalance(tx: Transaction, account: LedgerLine["account"], ref = ""): Promise<number> {
	const result = await tx.execute<{ balance: string | null }>(
		sql`select sum(amount_fen) as balance from ledger_entries where account = ${account} and account_ref = ${ref}`,
	);
	return Number(result.rows[0]?.balance ?? 0);
}
