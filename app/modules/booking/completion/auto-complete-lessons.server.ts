import { and, eq, isNotNull, isNull, lte, or } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { bookings } from "../../../../db/schema";
import { completeLocked } from "./complete-lesson.server";
import { completionTerms } from "./completion-view.server";

/**
 * The scheduled sweep: a lesson the coach finished completes by itself once the player has had
 * the set hours to confirm or dispute, and so does one started and never finished, the same hours
 * after its booked end. A disputed lesson is no longer in_progress, so it is never touched here.
 */
export async function autoCompleteLessons(now = new Date()): Promise<number> {
	const cutoff = new Date(now.getTime() - completionTerms().autoCompleteHours * 3_600_000);
	return db().transaction(async (tx) => {
		const due = await tx
			.select()
			.from(bookings)
			.where(
				and(
					eq(bookings.status, "in_progress"),
					or(
						and(isNotNull(bookings.finishedAt), lte(bookings.finishedAt, cutoff)),
						and(isNull(bookings.finishedAt), lte(bookings.endsAt, cutoff)),
					),
				),
			)
			.limit(500)
			.for("update", { skipLocked: true });
		for (const booking of due) await completeLocked(tx, booking, "automatic", { actor: "system", actorId: null }, now);
		return due.length;
	});
}
