import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookings } from "../../../db/schema";
import { type Caller, type Party, partyOf } from "./booking-record.server";
import type { BookingStatus } from "./lifecycle";
import { type BookingEventView, type BookingView, presentBooking, presentBookings, timelineOf } from "./present.server";

/** One booking with its timeline, for its player, its coach or the back office; 404 for anyone else. */
export async function getBooking(input: {
	caller: Caller;
	bookingId: string;
}): Promise<{ booking: BookingView & { events: BookingEventView[] }; party: Party }> {
	const database = db();
	if (!/^[0-9a-f-]{36}$/i.test(input.bookingId)) throw notFound("booking.errors.notFound");
	const [row] = await database.select().from(bookings).where(eq(bookings.id, input.bookingId)).limit(1);
	if (!row) throw notFound("booking.errors.notFound");
	const party = await partyOf(row, input.caller, database);
	if (!party) throw notFound("booking.errors.notFound");
	const timeline = await timelineOf([row.id], database);
	return { booking: { ...(await presentBooking(row, database)), events: timeline.get(row.id) ?? [] }, party };
}

/** The caller's bookings as a player, or as a coach (their orders), newest lesson first. */
export async function listBookings(input: {
	caller: Caller;
	role: "player" | "coach";
	statuses?: BookingStatus[];
	limit?: number;
}): Promise<BookingView[]> {
	const database = db();
	let scope: SQL;
	if (input.role === "coach") {
		const coach = await findCoachOfUser(input.caller.userId, database);
		if (!coach) return [];
		scope = eq(bookings.coachId, coach.id);
	} else scope = eq(bookings.playerId, input.caller.userId);
	const rows = await database
		.select()
		.from(bookings)
		.where(input.statuses?.length ? and(scope, inArray(bookings.status, input.statuses)) : scope)
		.orderBy(desc(bookings.startsAt))
		.limit(input.limit ?? 100);
	return presentBookings(rows, database);
}
