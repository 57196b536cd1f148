import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coaches } from "../../../../db/schema";
import { type CoachRow, conflict, lockOwnCoach } from "./coach-record.server";
import { type ApplicationView, presentApplication } from "./present.server";

/** Takes an application back out of review, to change it; it must be submitted again. */
export async function withdrawApplication(input: { userId: string }): Promise<ApplicationView> {
	return db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		if (coach.status !== "pending_review") throw conflict("coaching.errors.notInReview");
		const [withdrawn] = await tx
			.update(coaches)
			.set({ status: "draft", updatedAt: new Date() })
			.where(eq(coaches.id, coach.id))
			.returning();
		return presentApplication(withdrawn as CoachRow, tx);
	});
}
