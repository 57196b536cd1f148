import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coachPlaces } from "../../../../db/schema";
import { assertEditable, lockOwnCoach } from "./coach-record.server";

export async function removePlace(input: { userId: string; placeId: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		assertEditable(coach);
		const removed = await tx
			.delete(coachPlaces)
			.where(and(eq(coachPlaces.id, input.placeId), eq(coachPlaces.coachId, coach.id)))
			.returning({ id: coachPlaces.id });
		if (removed.length === 0) throw notFound("coaching.errors.placeNotFound");
	});
}
