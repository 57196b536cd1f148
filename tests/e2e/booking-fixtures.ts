import { createPlayer } from "./fixtures";

/**
 * A coach of the test's own that players can book, made in the e2e server's database through the
 * services (approved through the real review, open every day 09:00–21:00, one 60-minute basic
 * lesson at ¥200 with the moderate policy), so a spec that books and cancels leaves the demo coach alone.
 */
export async function createBookableCoach(displayName: string): Promise<{ coachId: string; userId: string }> {
	// Any fixture call first points the services at the e2e database.
	await createPlayer("13700000000", "连接用");
	const { bookableCoach } = await import("../support/bookings");
	const coach = await bookableCoach(displayName);
	return { coachId: coach.coachId, userId: coach.userId };
}
