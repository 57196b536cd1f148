/**
 * How a lesson's money divides at completion, in whole fen: the coach's share is rounded down and
 * every rounding remainder goes to the platform, so the parts always add up to what was paid and
 * the same amount always divides the same way.
 */
export function splitLessonIncome(
	grossFen: number,
	terms: { commissionBps: number; venueShareBps: number; atVenue: boolean },
): { coachFen: number; venueFen: number; commissionFen: number } {
	if (!Number.isSafeInteger(grossFen) || grossFen < 0) throw new Error("income: a lesson amount must be whole fen");
	const venueBps = terms.atVenue ? terms.venueShareBps : 0;
	const coachFen = Math.floor((grossFen * (10_000 - terms.commissionBps - venueBps)) / 10_000);
	const venueFen = Math.floor((grossFen * venueBps) / 10_000);
	return { coachFen, venueFen, commissionFen: grossFen - coachFen - venueFen };
}

/** The release journal's key for a settlement's key (the contract's names). */
export function releaseKeyOf(settlementKey: string): string {
	if (settlementKey.startsWith("tip-settlement:")) return `release:tip:${settlementKey.slice("tip-settlement:".length)}`;
	return `release:${settlementKey.slice("settlement:".length)}`;
}
