import { and, eq, lte } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import {
	lessonIncomeFinal,
	lockSettlementFacts,
	type SettlementFacts,
} from "~/modules/booking/completion/settlement-facts.server";
import { incomeSettlements } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { releaseKeyOf } from "./split";

type Settlement = typeof incomeSettlements.$inferSelect;

/**
 * Moves one pending settlement's coach share to what the coach may withdraw, in the caller's
 * transaction, if the booking (whose facts the caller read under the booking's row lock) can no
 * longer take it back: the lesson's income once no dispute can be opened; a tip also when the
 * lesson ended cancelled (tips stay the coach's). Otherwise it stays pending, its `availableAt`
 * moved to the dispute window's current end if that was raised since. True when released.
 */
export async function releaseSettlement(
	tx: Transaction,
	settlement: Settlement,
	facts: SettlementFacts,
	now: Date,
): Promise<boolean> {
	const final = lessonIncomeFinal(facts, now) || (settlement.kind === "tip" && facts.status === "cancelled");
	if (!final) {
		const windowEndsAt = facts.dispute ? null : facts.disputeWindowEndsAt;
		if (windowEndsAt && windowEndsAt.getTime() > settlement.availableAt.getTime()) {
			await tx.update(incomeSettlements).set({ availableAt: windowEndsAt }).where(eq(incomeSettlements.id, settlement.id));
		}
		return false;
	}
	const [claimed] = await tx
		.update(incomeSettlements)
		.set({ status: "available", releasedAt: now })
		.where(and(eq(incomeSettlements.id, settlement.id), eq(incomeSettlements.status, "pending")))
		.returning({ id: incomeSettlements.id });
	if (!claimed) return false;
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
	return true;
}

/**
 * The scheduled release: income whose dispute window has passed becomes available. Each booking is
 * locked (the lock a dispute's opening takes) before its income is judged, so a dispute either
 * comes first and holds the income, or finds the window closed. Rows or bookings another
 * transaction holds are skipped for the next run, so overlapping runs never wait on each other or
 * release one twice (the journal key would refuse it anyway). Returns how many were released.
 */
export async function releaseDueSettlements(now = new Date()): Promise<number> {
	return db().transaction(async (tx) => {
		const due = await tx
			.select()
			.from(incomeSettlements)
			.where(and(eq(incomeSettlements.status, "pending"), lte(incomeSettlements.availableAt, now)))
			.orderBy(incomeSettlements.availableAt)
			.limit(500)
			.for("update", { skipLocked: true });
		const factsOf = new Map<string, SettlementFacts | null>();
		let released = 0;
		for (const settlement of due) {
			if (!factsOf.has(settlement.bookingId)) {
				factsOf.set(settlement.bookingId, await lockSettlementFacts(tx, settlement.bookingId, { skipLocked: true }));
			}
			const facts = factsOf.get(settlement.bookingId);
			if (facts && (await releaseSettlement(tx, settlement, facts, now))) released += 1;
		}
		return released;
	});
}
