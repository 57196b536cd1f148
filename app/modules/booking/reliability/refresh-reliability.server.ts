import { db, type Transaction } from "~/lib/db.server";
import {
	approvedCoachIdsAfter,
	dropBadgesOfUnapproved,
	setCoachReliability,
	setCoachStanding,
} from "~/modules/coaches/profile/reliability.server";
import { measureReliability } from "./measure-reliability.server";

/**
 * After a booking event that moves a coach's figures (an answer, a cancellation by the coach or for
 * want of an answer, a dispute decided), in that event's transaction: the profile never computes
 * them. The badge waits for the daily recomputation, as the rule says.
 */
export async function refreshCoachReliability(tx: Transaction, coachId: string, now = new Date()): Promise<void> {
	const reliability = (await measureReliability(tx, [coachId], now)).get(coachId);
	if (reliability) await setCoachReliability(tx, coachId, reliability);
}

const batchSize = 500;

/**
 * The daily job: every approved coach's figures measured again (the 90 days roll on even without
 * events) and the 优选教练 badge given or taken, a batch of coaches per transaction.
 */
export async function refreshAllCoachStandings(now = new Date()): Promise<{ coaches: number; preferred: number }> {
	let after: string | null = null;
	let counted = 0;
	let preferred = 0;
	for (;;) {
		const ids = await approvedCoachIdsAfter(db(), after, batchSize);
		if (ids.length === 0) break;
		preferred += await refreshCoachStandings(ids, now);
		counted += ids.length;
		after = ids.at(-1) ?? null;
		if (ids.length < batchSize) break;
	}
	await dropBadgesOfUnapproved(db());
	return { coaches: counted, preferred };
}

/**
 * The same recomputation for the given coaches only (the demo seed's, at every development start:
 * all coaches of a 100,000-coach bench database took minutes there). Returns how many hold the badge.
 */
export async function refreshCoachStandings(coachIds: readonly string[], now = new Date()): Promise<number> {
	let preferred = 0;
	for (let start = 0; start < coachIds.length; start += batchSize) {
		const ids = coachIds.slice(start, start + batchSize);
		preferred += await db().transaction(async (tx) => {
			const measured = await measureReliability(tx, ids, now);
			let earned = 0;
			for (const [coachId, reliability] of measured) {
				if (await setCoachStanding(tx, coachId, reliability, now)) earned += 1;
			}
			return earned;
		});
	}
	return preferred;
}
