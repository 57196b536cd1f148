import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { findUserById } from "~/modules/accounts/users.server";
import { coaches } from "../../../../db/schema";
import { type ApplicationView, presentApplication } from "../application/present.server";

export interface ReviewDetail {
	application: ApplicationView & { identity: { idNumber?: string | null } };
	account: { id: string; displayName: string; status: string };
}

/**
 * One coach as a reviewer sees them: private certificates by signed URL, and the ID number in full
 * only while the application waits for review (the reviewer checks it against the name); masked
 * for every other status, since nothing is left to check and staff should not read it needlessly.
 */
export async function getReviewDetail(coachId: string): Promise<ReviewDetail> {
	const database = db();
	const [coach] = await database.select().from(coaches).where(eq(coaches.id, coachId)).limit(1);
	if (!coach) throw notFound("coaching.errors.coachNotFound");
	const [application, user] = await Promise.all([
		presentApplication(coach, database, { fullIdNumber: coach.status === "pending_review" }),
		findUserById(coach.userId, database),
	]);
	return {
		application,
		account: { id: coach.userId, displayName: user?.displayName ?? "", status: user?.status ?? "deleted" },
	};
}
