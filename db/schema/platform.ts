import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Counters shared by every app instance: key → points in the current window. */
export const rateLimits = pgTable("rate_limits", {
	key: text("key").primaryKey(),
	points: integer("points").notNull(),
	expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
