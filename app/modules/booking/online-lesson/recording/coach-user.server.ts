import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { bookings, coaches } from "../../../../../db/schema";

/** The coach's account behind a booking (bookings name the coach's profile), for telling them in-app. */
export async function findCoachUserId(tx: DbOrTx, bookingId: string): Promise<string | null> {
	const [row] = await tx
		.select({ userId: coaches.userId })
		.from(bookings)
		.innerJoin(coaches, eq(coaches.id, bookings.coachId))
		.where(eq(bookings.id, bookingId))
		.limit(1);
	return row?.userId ?? null;
}
