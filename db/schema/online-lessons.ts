import { sql } from "drizzle-orm";
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid,
} from "drizzle-orm/pg-core";
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

/**
 * Each side's answer to "record this lesson?", one row per booking and side (who, when): a table
 * beside the booking rather than columns on it, so the booking row every other flow reads stays as
 * it was, and a withdrawal keeps its time (agreed false) instead of erasing that there was consent.
 */
export const lessonRecordingConsents = pgTable(
	"lesson_recording_consents",
	{
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id, { onDelete: "cascade" }),
		party: bookingParty("party").notNull(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id),
		agreed: boolean("agreed").notNull(),
		decidedAt: timestamp("decided_at", { withTimezone: true }).notNull(),
	},
	(table) => [
		primaryKey({ columns: [table.bookingId, table.party] }),
		check("lesson_recording_consents_party", sql`${table.party} in ('player', 'coach')`),
	],
);

export const lessonRecordingStatus = pgEnum("lesson_recording_status", ["recording", "ready", "failed", "deleted"]);

/**
 * One LiveKit Egress of a lesson (room composite, audio and video, to the project's bucket): from
 * the coach's start until egress_ended attaches the file (ready) or reports it failed; a failure
 * retried once is a new row pointing at the one it retries. Deleted rows stay, with the time.
 */
export const lessonRecordings = pgTable(
	"lesson_recordings",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id, { onDelete: "cascade" }),
		egressId: text("egress_id").notNull(),
		startedBy: uuid("started_by")
			.notNull()
			.references(() => users.id),
		status: lessonRecordingStatus("status").notNull().default("recording"),
		/** Where Egress was told to write the file (and where it is once ready). */
		storageKey: text("storage_key").notNull(),
		sizeBytes: bigint("size_bytes", { mode: "number" }),
		durationSeconds: integer("duration_seconds"),
		retryOf: uuid("retry_of"),
		error: text("error"),
		startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
		/** When the coach stopped it: the row stays "recording" until egress_ended says what became of the file. */
		stopRequestedAt: timestamp("stop_requested_at", { withTimezone: true }),
		endedAt: timestamp("ended_at", { withTimezone: true }),
		deletedAt: timestamp("deleted_at", { withTimezone: true }),
	},
	(table) => [
		uniqueIndex("lesson_recordings_egress").on(table.egressId),
		index("lesson_recordings_booking_idx").on(table.bookingId, table.startedAt),
		// One recording at a time per lesson, whatever two racing requests do.
		uniqueIndex("lesson_recordings_one_active").on(table.bookingId).where(sql`${table.status} = 'recording'`),
		index("lesson_recordings_ready_idx").on(table.endedAt).where(sql`${table.status} = 'ready'`),
	],
);
