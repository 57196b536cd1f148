import { type SQL, sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { defineLiveChannel, liveResponse } from "~/lib/live.server";
import type { BookingStatus } from "./lifecycle";

/** Who hears of a booking change: its coach's and its player's pages. Ids only, never personal data. */
export interface BookingChange {
	coachId: string;
	playerId: string;
	bookingId: string;
	status: BookingStatus;
}

const channel = "booking_changes";
const coachTopic = (coachId: string) => `coach:${coachId}`;
const playerTopic = (playerId: string) => `player:${playerId}`;

defineLiveChannel(channel, (payload) => {
	const change = payload as Partial<BookingChange>;
	const topics: string[] = [];
	if (typeof change.coachId === "string") topics.push(coachTopic(change.coachId));
	if (typeof change.playerId === "string") topics.push(playerTopic(change.playerId));
	return topics;
});

/**
 * Tells every app instance that a booking changed. Sent in the change's own transaction: PostgreSQL
 * delivers it on commit and drops it on rollback, so no page hears of a change that did not happen.
 */
export async function notifyBookingChange(tx: Transaction, change: BookingChange): Promise<void> {
	await tx.execute(sql`select ${bookingChangeNotice(change)}`);
}

/** The NOTIFY of a change as an expression, for a statement that does more in the same round trip. */
export function bookingChangeNotice(change: BookingChange): SQL {
	const payload: BookingChange = {
		coachId: change.coachId,
		playerId: change.playerId,
		bookingId: change.bookingId,
		status: change.status,
	};
	return sql`pg_notify(${channel}, ${JSON.stringify(payload)})`;
}

/** The stream of changes to one coach's bookings (the orders inbox and its badge). */
export const coachBookingFeed = (request: Request, coachId: string) => liveResponse(request, channel, coachTopic(coachId));

/** The stream of changes to one player's bookings. */
export const playerBookingFeed = (request: Request, playerId: string) => liveResponse(request, channel, playerTopic(playerId));
