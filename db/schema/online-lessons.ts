import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bookingParty, bookings } from "./booking";

/**
 * Who was in an online lesson's video room, from LiveKit's participant_joined / participant_left
 * webhooks: one row per connection (LiveKit's participant sid), so a reconnect is a new row and a
 * no-show dispute can be settled from when each side was actually there, and on which device.
 */
export const lessonAttendance = pgTable(
	"lesson_attendance",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id, { onDelete: "cascade" }),
		party: bookingParty("party").notNull(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id),
		device: text("device").notNull(),
		participantSid: text("participant_sid").notNull(),
		joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
		leftAt: timestamp("left_at", { withTimezone: true }),
	},
	(table) => [
		index("lesson_attendance_booking_idx").on(table.bookingId, table.joinedAt),
		uniqueIndex("lesson_attendance_participant").on(table.participantSid),
		check("lesson_attendance_party", sql`${table.party} in ('player', 'coach')`),
		check("lesson_attendance_device", sql`${table.device} in ('main', 'second')`),
	],
);

/** LiveKit webhooks already handled, by their event id: LiveKit retries, and a repeat must change nothing. */
export const livekitWebhookEvents = pgTable("livekit_webhook_events", {
	id: text("id").primaryKey(),
	kind: text("kind").notNull(),
	receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
