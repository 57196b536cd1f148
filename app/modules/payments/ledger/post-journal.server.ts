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
	const [created] = await tx
		.insert(ledgerJournals)
		.values({
			idempotencyKey: journal.idempotencyKey,
			kind: journal.kind,
			bookingId: journal.bookingId ?? null,
			paymentId: journal.paymentId ?? null,
			refundId: journal.refundId ?? null,
			memo: journal.memo ?? null,
		})
		.onConflictDoNothing({ target: ledgerJournals.idempotencyKey })
		.returning({ id: ledgerJournals.id });
	if (!created) return false;
	if (lines.length > 0) {
		await tx.insert(ledgerEntries).values(
			lines.map((line) => ({
				journalId: created.id,
				account: line.account,
				accountRef: line.ref ?? "",
				amountFen: line.amountFen,
			})),
		);
	}
	return true;
}

/** An account's balance (debits minus credits), read in the caller's transaction. */
export async function accountBalance(tx: Transaction, account: LedgerLine["account"], ref = ""): Promise<number> {
	const result = await tx.execute<{ balance: string | null }>(
		sql`select sum(amount_fen) as balance from ledger_entries where account = ${account} and account_ref = ${ref}`,
	);
	return Number(result.rows[0]?.balance ?? 0);
}
