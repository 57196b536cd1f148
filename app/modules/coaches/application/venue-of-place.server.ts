import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { coachPlaces } from "../../../../db/schema";

/** The verified venue a coach's place belongs to (the venue's share of a lesson there is its), or null. */
export async function venueOfPlace(placeId: string, tx: DbOrTx): Promise<string | null> {
	const [place] = await tx.select({ venueId: coachPlaces.venueId }).from(coachPlaces).where(eq(coachPlaces.id, placeId)).limit(1);
	return place?.venueId ?? null;
}
