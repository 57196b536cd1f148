import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Counters shared by every app instance: key → points in the current window. */
export const rateLimits = pgTable("rate_limits", {
	key: text("key").primaryKey(),
	points: integer("points").notNull(),
	expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/**
 * The transactional outbox: a module records a domain event here in the same transaction as the
 * change it announces, so the event exists exactly when the change does. The dispatcher
 * (jobs/dispatcher.ts) hands each undispatched event to every subscribing module through pg-boss.
 */
export const domainEvents = pgTable(
	"domain_events",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		/** Commit order is not id order: the sequence gives dispatch a stable order. */
		sequence: bigserial("sequence", { mode: "number" }).notNull(),
		name: text("name").notNull(),
		payload: jsonb("payload").notNull(),
		occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
		dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
	},
	(table) => [
		index("domain_events_undispatched_idx").on(table.sequence).where(sql`${table.dispatchedAt} is null`),
		index("domain_events_dispatched_idx").on(table.dispatchedAt),
	],
);

/**
 * What each subscriber has already done: written in the same transaction as the subscriber's
 * reaction, so an event delivered twice (a retry, a second dispatch) changes nothing.
 */
export const domainEventReceipts = pgTable(
	"domain_event_receipts",
	{
		eventId: uuid("event_id")
			.notNull()
			.references(() => domainEvents.id, { onDelete: "cascade" }),
		subscriber: text("subscriber").notNull(),
		processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [primaryKey({ columns: [table.eventId, table.subscriber] })],
);
