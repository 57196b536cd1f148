import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";

/** The caller's own coach record for their income; a signed-in person who is no coach is refused. */
export async function incomeCoachOf(userId: string): Promise<{ coachId: string; displayName: string }> {
	const coach = await findCoachOfUser(userId, db());
	if (!coach) throw forbidden("income.errors.notCoach");
	return { coachId: coach.id, displayName: coach.displayName };
}
