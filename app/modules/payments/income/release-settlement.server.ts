import { and, eq, lte, ne } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { bookings, incomeSettlements } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { releaseKeyOf } from "./split";

type Settlement = typeof incomeSettlements.$inferSelect;

/** Moves one pending settlement's coach share to what the coach may withdraw, in the caller's transaction. */
export async function releaseSettlement(tx: Transaction, settlement: Settlement, now: Date): Promise<void> {
	const [claimed] = await tx
		.update(incomeSettlements)
		.set({ status: "available", releasedAt: now })
		.where(and(eq(incomeSettlements.id, settlement.id), eq(incomeSettlements.status, "pending")))
		.returning({ id: incomeSettlements.id });
	if (!claimed) return;
	await postJournal(tx, {
		idempotencyKey: releaseKeyOf(settlement.journalKey),
		kind: "settlement_release",
		bookingId: settlement.bookingId,
		paymentId: settlement.paymentId,
		lines: entries(settlement.coachFen, {
			debit: { account: "coach_pending", ref: settlement.coachId },
			credit: { account: "coach_payable", ref: settlement.coachId },
		}),
	});
}

/**
 * The scheduled release: income whose dispute window has passed becomes available. A booking under
 * dispute holds its settlements (frozen) until the back office decides. Rows another run holds are
 * skipped, so overlapping runs never release one twice (the journal key would refuse it anyway).
 */
export async function releaseDueSettlements(now = new Date()): Promise<number> {
	return db().transaction(async (tx) => {
		const due = await tx
			.select({ settlement: incomeSettlements })
			.from(incomeSettlements)
			.innerJoin(bookings, eq(bookings.id, incomeSettlements.bookingId))
			.where(
				and(eq(incomeSettlements.status, "pending"), lte(incomeSettlements.availableAt, now), ne(bookings.status, "disputed")),
			)
			.orderBy(incomeSettlements.availableAt)
			.limit(500)
			.for("update", { of: incomeSettlements, skipLocked: true });
		for (const { settlement } of due) await releaseSettlement(tx, settlement, now);
		return due.length;
	});
}
