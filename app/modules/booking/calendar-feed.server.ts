import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, or } from "drizzle-orm";
import { blindIndex } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n";
import { findUserById } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookings, calendarFeeds } from "../../../db/schema";
import { calendarOf } from "./booking-calendar.server";
import { activeStatuses } from "./lifecycle";
import { presentBookings } from "./present.server";

const hashOf = (token: string) => blindIndex("calendar-feed", token);
export const calendarTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Whether the person has a feed, and since when (the link itself is never shown again). */
export async function calendarFeedStatus(userId: string): Promise<{ active: boolean; since: string | null }> {
	const [feed] = await db().select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).limit(1);
	return { active: Boolean(feed), since: feed?.createdAt.toISOString() ?? null };
}

/** A new secret link for the person's feed; any earlier link stops working at once. */
export async function renewCalendarFeed(userId: string): Promise<string> {
	const token = randomBytes(32).toString("base64url");
	await db()
		.insert(calendarFeeds)
		.values({ userId, tokenHash: hashOf(token) })
		.onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashOf(token), createdAt: new Date() } });
	return token;
}

export async function revokeCalendarFeed(userId: string): Promise<void> {
	await db().delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
}

/**
 * The feed behind a secret link, generated on each request so it follows every change: the
 * person's upcoming active lessons, as player and as coach. Null for an unknown or revoked link or
 * an account that is no longer active.
 */
export async function calendarFeedFile(token: string, locale: Locale, now = new Date()): Promise<string | null> {
	if (!calendarTokenPattern.test(token)) return null;
	const database = db();
	const [feed] = await database
		.select()
		.from(calendarFeeds)
		.where(eq(calendarFeeds.tokenHash, hashOf(token)))
		.limit(1);
	if (!feed) return null;
	const owner = await findUserById(feed.userId, database);
	if (owner?.status !== "active") return null;
	const coach = await findCoachOfUser(owner.id, database);
	const involved = coach ? or(eq(bookings.playerId, owner.id), eq(bookings.coachId, coach.id)) : eq(bookings.playerId, owner.id);
	const rows = await database
		.select()
		.from(bookings)
		.where(and(involved, inArray(bookings.status, [...activeStatuses]), gt(bookings.endsAt, now)))
		.orderBy(bookings.startsAt)
		.limit(500);
	const views = await presentBookings(rows, database);
	return calendarOf(
		views.map((booking, index) => ({ booking, party: rows[index]?.playerId === owner.id ? "player" : "coach" })),
		locale,
	);
}
