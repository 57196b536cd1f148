import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookings } from "../../../db/schema";
import type { Caller } from "./booking-record.server";
import { type OrderTab, orderTabs, soonestFirst, statusesOfTab } from "./order-tabs";
import { type BookingView, presentBookings } from "./present.server";

export interface CoachInbox {
	tab: OrderTab;
	counts: Record<OrderTab, number>;
	bookings: BookingView[];
}

const pageSize = 50;

/** One tab of the coach's orders with the count of every tab; null for someone who is not a coach. */
export async function coachInbox(input: { caller: Caller; tab: OrderTab }): Promise<CoachInbox | null> {
	const database = db();
	const coach = await findCoachOfUser(input.caller.userId, database);
	if (!coach) return null;
	const byStatus = await database
		.select({ status: bookings.status, total: count() })
		.from(bookings)
		.where(eq(bookings.coachId, coach.id))
		.groupBy(bookings.status);
	const counts = Object.fromEntries(
		orderTabs.map((tab) => [
			tab,
			byStatus.filter((row) => statusesOfTab[tab].includes(row.status)).reduce((sum, row) => sum + row.total, 0),
		]),
	) as Record<OrderTab, number>;
	const rows = await database
		.select()
		.from(bookings)
		.where(and(eq(bookings.coachId, coach.id), inArray(bookings.status, [...statusesOfTab[input.tab]])))
		.orderBy(soonestFirst[input.tab] ? asc(bookings.startsAt) : desc(bookings.startsAt))
		.limit(pageSize);
	return { tab: input.tab, counts, bookings: await presentBookings(rows, database) };
}

/**
 * How many paid bookings wait for the coach's answer: the badge in the navigation, read on every
 * page a coach opens: the coach by its unique user index, then one count over bookings_coach_idx.
 */
export async function bookingsToConfirm(userId: string): Promise<number> {
	const database = db();
	const coach = await findCoachOfUser(userId, database);
	if (!coach) return 0;
	const [row] = await database
		.select({ total: count() })
		.from(bookings)
		.where(and(eq(bookings.coachId, coach.id), eq(bookings.status, "pending_confirmation")));
	return row?.total ?? 0;
}
