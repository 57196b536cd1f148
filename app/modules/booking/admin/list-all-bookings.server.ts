import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { cursorTime, olderThan, pageSize, toPage } from "~/modules/accounts/admin/cursor.server";
import { bookings } from "../../../../db/schema";
import { type BookingView, presentBookings } from "../present.server";
import type { AdminBookingFilter } from "./schema";

/**
 * Every booking for the back office, filtered, newest lesson first, 20 a page with a keyset cursor
 * over (starts_at, id). Days are days in China, whatever the server's time zone.
 */
export async function listAllBookings(
	filter: AdminBookingFilter,
): Promise<{ bookings: BookingView[]; nextCursor: string | null }> {
	const conditions: Array<SQL | undefined> = [
		filter.status ? eq(bookings.status, filter.status) : undefined,
		filter.coachId ? eq(bookings.coachId, filter.coachId) : undefined,
		filter.playerId ? eq(bookings.playerId, filter.playerId) : undefined,
		filter.from ? gte(bookings.startsAt, sql`(${filter.from}::date)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
		filter.to ? lt(bookings.startsAt, sql`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
		olderThan(filter.cursor, bookings.startsAt, bookings.id),
	];
	const database = db();
	const rows = await database
		.select({ row: bookings, id: bookings.id, cursorTime: cursorTime(bookings.startsAt) })
		.from(bookings)
		.where(and(...conditions))
		.orderBy(desc(bookings.startsAt), desc(bookings.id))
		.limit(pageSize + 1);
	const page = toPage(rows);
	return {
		bookings: await presentBookings(
			page.rows.map((entry) => entry.row),
			database,
		),
		nextCursor: page.nextCursor,
	};
}
