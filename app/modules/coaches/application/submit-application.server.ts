import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { badRequest } from "~/lib/errors";
import { coaches } from "../../../../db/schema";
import { type CoachRow, conflict, lockOwnCoach } from "./coach-record.server";
import { type ApplicationView, presentApplication } from "./present.server";

/**
 * Sends a complete draft (or a rejected application, reworked) to review. An incomplete one is
 * refused with a 400 naming each missing field, and stays a draft.
 */
export async function submitApplication(input: { userId: string }): Promise<ApplicationView> {
	return db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		if (coach.status === "pending_review") throw conflict("coaching.errors.alreadySubmitted");
		if (coach.status === "approved") throw conflict("coaching.errors.alreadyApproved");
		if (coach.status === "suspended") throw conflict("coaching.errors.suspended");
		const current = await presentApplication(coach, tx);
		if (Object.keys(current.missing).length > 0) throw badRequest("coaching.errors.incomplete", current.missing);
		const [submitted] = await tx
			.update(coaches)
			.set({ status: "pending_review", submittedAt: new Date(), reviewNote: null, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id))
			.returning();
		return presentApplication(submitted as CoachRow, tx);
	});
}
