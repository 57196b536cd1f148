import { eq, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coaches, coachPlaces } from "../../../../db/schema";
import { assertEditable, conflict, lockOrCreateCoach } from "./coach-record.server";
import { placeRow } from "./save-application.server";
import { maxPlaces, type PlaceInput } from "./schema";

/** Adds one place the caller teaches at (the page adds them one by one; the API replaces the list). */
export async function addPlace(input: { userId: string; place: PlaceInput }): Promise<void> {
	await db().transaction(async (tx) => {
		const coach = await lockOrCreateCoach(tx, input.userId);
		assertEditable(coach);
		const [counts] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(coachPlaces)
			.where(eq(coachPlaces.coachId, coach.id));
		if ((counts?.count ?? 0) >= maxPlaces)
			throw conflict("coaching.errors.tooManyPlaces", { places: "coaching.errors.tooManyPlaces" });
		// Field names as the page's place form has them: no list index.
		await tx.insert(coachPlaces).values(placeRow(coach.id, input.place, coach.cityCode, "place"));
		await tx.update(coaches).set({ updatedAt: new Date() }).where(eq(coaches.id, coach.id));
	});
}
