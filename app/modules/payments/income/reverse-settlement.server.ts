import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { lockSettlementFacts } from "~/modules/booking/completion/settlement-facts.server";
import { incomeSettlements, ledgerEntries, ledgerJournals } from "../../../../db/schema";
import type { LedgerAccount, LedgerLine } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";

/**
 * A completed lesson that ends cancelled after all (a dispute decided for the player): the lesson
 * income still pending goes back to the booking's escrow — the coach's share, the venue's and the commission —
 * so the cancellation's division that follows (refund from escrow, the rest as decided) has the
 * money to divide. Tips stay the coach's. Runs before `settleEndedBooking` in the same reaction.
 */
export async function reversePendingSettlement(tx: Transaction, bookingId: string, now = new Date()): Promise<void> {
	// Locks in the order settling takes them (the booking's row, then the settlement's own lock).
	await lockSettlementFacts(tx, bookingId);
	await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`settle:${bookingId}`}, 0))`);
	const reversed = await tx
		.update(incomeSettlements)
		.set({ status: "reversed", reversedAt: now })
		.where(
			and(
				eq(incomeSettlements.bookingId, bookingId),
				eq(incomeSettlements.kind, "order"),
				eq(incomeSettlements.status, "pending"),
			),
		)
		.returning();
	if (reversed.length === 0) return;
	// Each settlement's own journal, line for line the other way (the coach's share, the venue's,
	// the commission back to the escrow): what was posted is what comes back, whatever the settings
	// or the place's venue are now.
	const posted = await tx
		.select({ account: ledgerEntries.account, ref: ledgerEntries.accountRef, amountFen: ledgerEntries.amountFen })
		.from(ledgerEntries)
		.innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
		.where(
			inArray(
				ledgerJournals.idempotencyKey,
				reversed.map((settlement) => settlement.journalKey),
			),
		);
	const lines: LedgerLine[] = posted.map((line) => ({
		account: line.account as LedgerAccount,
		ref: line.ref,
		amountFen: -Number(line.amountFen),
	}));
	await postJournal(tx, { idempotencyKey: `settlement-reversal:${bookingId}`, kind: "settlement_reversal", bookingId, lines });
}
