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

/** One coach as a reviewer sees them: the full ID number, private certificates by signed URL. */
export async function getReviewDetail(coachId: string): Promise<ReviewDetail> {
	const database = db();
	const [coach] = await database.select().from(coaches).where(eq(coaches.id, coachId)).limit(1);
	if (!coach) throw notFound("coaching.errors.coachNotFound");
	const [application, user] = await Promise.all([
		presentApplication(coach, database, { fullIdNumber: true }),
		findUserById(coach.userId, database),
	]);
	return {
		application,
		account: { id: coach.userId, displayName: user?.displayName ?? "", status: user?.status ?? "deleted" },
	};
}
