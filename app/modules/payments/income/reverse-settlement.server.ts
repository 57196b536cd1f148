import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { lockSettlementFacts } from "~/modules/booking/completion/settlement-facts.server";
import { incomeSettlements } from "../../../../db/schema";
import type { LedgerLine } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";

/**
 * A completed lesson that ends cancelled after all (a dispute decided for the player): the lesson
 * income still pending goes back to the booking's escrow — the coach's share and the commission —
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
	const lines: LedgerLine[] = reversed.flatMap((settlement) => [
		{ account: "coach_pending", ref: settlement.coachId, amountFen: settlement.coachFen },
		{ account: "platform_commission", amountFen: settlement.commissionFen },
		{ account: "booking_escrow", ref: bookingId, amountFen: -settlement.grossFen },
	]);
	await postJournal(tx, { idempotencyKey: `settlement-reversal:${bookingId}`, kind: "settlement_reversal", bookingId, lines });
}
