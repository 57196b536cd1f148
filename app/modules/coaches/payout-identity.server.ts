import { eq } from "drizzle-orm";
import { decryptOrNull } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { coaches } from "../../../db/schema";
import { findCoachOfUser } from "./application/coach-record.server";

/**
 * What payments needs of a coach to pay them out: which coach the signed-in person is, whether
 * they may take money out (not suspended), and the real name a reviewer verified — a payout
 * account must be in that name. `verifiedRealName` is null until the identity was verified.
 */
export interface CoachPayoutIdentity {
	coachId: string;
	userId: string;
	displayName: string;
	suspended: boolean;
	verifiedRealName: string | null;
}

export async function coachPayoutIdentity(userId: string, tx: DbOrTx = db()): Promise<CoachPayoutIdentity | null> {
	const coach = await findCoachOfUser(userId, tx);
	return coach ? identityOf(coach) : null;
}

/** The same by coach id: whether a withdrawal of theirs may still be paid, and whose it is (staff may not decide their own). */
export async function payoutIdentityOfCoach(coachId: string, tx: DbOrTx = db()): Promise<CoachPayoutIdentity | null> {
	const [coach] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).limit(1);
	return coach ? identityOf(coach) : null;
}

function identityOf(coach: typeof coaches.$inferSelect): CoachPayoutIdentity {
	return {
		coachId: coach.id,
		userId: coach.userId,
		displayName: coach.displayName,
		suspended: coach.status === "suspended",
		verifiedRealName: coach.realNameVerifiedAt ? decryptOrNull(coach.realNameEnc, sealedIn(coaches.realNameEnc, coach.id)) : null,
	};
}
