import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { cancellationPolicy, coaches, courseType } from "./coaches";

export const bookingStatus = pgEnum("booking_status", [
	"pending_payment",
	"pending_confirmation",
	"confirmed",
	"in_progress",
	"completed",
	"expired",
	"rejected",
	"cancelled",
	"no_show",
	"disputed",
]);
export const paymentPlan = pgEnum("payment_plan", ["deposit", "full"]);
export const lessonLocationKind = pgEnum("lesson_location_kind", ["venue", "address", "online"]);
export const bookingParty = pgEnum("booking_party", ["player", "coach", "platform", "system"]);

/**
 * A booked lesson. What was agreed is copied here when the booking is made (course type, length,
 * price, place, the cancellation terms in force), so a later change of the coach's offerings or
 * policy never changes a booking. The range a booking holds is the lesson plus the coach's buffer
 * after it; an exclusion constraint (in the migration: drizzle cannot declare one) refuses two
 * active bookings of one coach whose held ranges overlap, whatever the number of app instances.
 */
export const bookings = pgTable(
	"bookings",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id),
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		status: bookingStatus("status").notNull(),
		offeringId: uuid("offering_id").notNull(),
		courseType: courseType("course_type").notNull(),
		durationMinutes: smallint("duration_minutes").notNull(),
		priceFen: integer("price_fen").notNull(),
		paymentPlan: paymentPlan("payment_plan").notNull(),
		/** What is paid at booking: the deposit, or the whole price. */
		depositFen: integer("deposit_fen").notNull(),
		paidFen: integer("paid_fen").notNull().default(0),
		startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
		endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
		bufferMinutes: smallint("buffer_minutes").notNull(),
		/** The end of the time the booking holds: the lesson's end plus the buffer (compared by the constraint). */
		holdsUntil: timestamp("holds_until", { withTimezone: true }).notNull(),
		locationKind: lessonLocationKind("location_kind").notNull(),
		/** One of the coach's places (name copied), or an address the player typed (encrypted), or online. */
		placeId: uuid("place_id"),
		placeName: text("place_name"),
		addressEnc: text("address_enc"),
		note: text("note"),
		cancellationPolicy: cancellationPolicy("cancellation_policy").notNull(),
		/** The terms in force, as numbers, copied from the preset when booked. */
		cancellationTerms: jsonb("cancellation_terms")
			.$type<{ fullRefundHours: number; partialRefundHours: number; partialRefundPercent: number }>()
			.notNull(),
		payBy: timestamp("pay_by", { withTimezone: true }),
		paidAt: timestamp("paid_at", { withTimezone: true }),
		confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
		/** When the coach accepted or declined the paid booking: reliability's time to answer is from paidAt to this. */
		answeredAt: timestamp("answered_at", { withTimezone: true }),
		/** The coach said the lesson is over; it completes when the player confirms, or by itself a day later. */
		finishedAt: timestamp("finished_at", { withTimezone: true }),
		/** Payouts settle on it, and a dispute can be opened within a window after it. */
		completedAt: timestamp("completed_at", { withTimezone: true }),
		cancelledBy: bookingParty("cancelled_by"),
		cancelReason: text("cancel_reason"),
		refundFen: integer("refund_fen"),
		/** A client's retry of the same request (Idempotency-Key) returns the first booking. */
		idempotencyKey: text("idempotency_key"),
		/**
		 * The time an open proposal (the coach's adjustment or either side's reschedule) would move the
		 * lesson to, held beside the current time by the same exclusion constraint until it is
		 * answered, withdrawn or lapses; null without an open proposal of a new time.
		 */
		proposedStartsAt: timestamp("proposed_starts_at", { withTimezone: true }),
		proposedEndsAt: timestamp("proposed_ends_at", { withTimezone: true }),
		proposedHoldsUntil: timestamp("proposed_holds_until", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("bookings_coach_idx").on(table.coachId, table.startsAt),
		index("bookings_player_idx").on(table.playerId, table.startsAt),
		index("bookings_unpaid_idx").on(table.payBy).where(sql`${table.status} = 'pending_payment'`),
		// The auto-completion sweep reads only lessons under way.
		index("bookings_in_progress_idx").on(table.endsAt).where(sql`${table.status} = 'in_progress'`),
		uniqueIndex("bookings_idempotency_key").on(table.playerId, table.idempotencyKey),
		check("bookings_range", sql`${table.endsAt} > ${table.startsAt} and ${table.holdsUntil} >= ${table.endsAt}`),
		check(
			"bookings_proposed_range",
			sql`(${table.proposedStartsAt} is null and ${table.proposedEndsAt} is null and ${table.proposedHoldsUntil} is null) or (${table.proposedEndsAt} > ${table.proposedStartsAt} and ${table.proposedHoldsUntil} >= ${table.proposedEndsAt})`,
		),
		check("bookings_amounts", sql`${table.depositFen} between 0 and ${table.priceFen} and ${table.paidFen} >= 0`),
	],
);

/** Every transition of a booking, written in the transaction that makes it: the booking's timeline. */
export const bookingEvents = pgTable(
	"booking_events",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id, { onDelete: "cascade" }),
		kind: text("kind").notNull(),
		actor: bookingParty("actor").notNull(),
		actorId: uuid("actor_id"),
		fromStatus: bookingStatus("from_status"),
		toStatus: bookingStatus("to_status"),
		detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [index("booking_events_booking_idx").on(table.bookingId, table.createdAt)],
);

export const bookingProposalKind = pgEnum("booking_proposal_kind", ["adjust", "reschedule"]);
export const bookingProposalStatus = pgEnum("booking_proposal_status", ["open", "accepted", "declined", "withdrawn", "lapsed"]);

/**
 * Every proposal to change a booking: the coach's adjustment of a booking waiting for their answer
 * (another time and/or place), or either side's reschedule of a confirmed one (another time). What
 * the booking was and would become is kept, so the pages and the timeline can show old → new after
 * the booking itself has moved on. At most one is open per booking (the partial unique index).
 */
export const bookingProposals = pgTable(
	"booking_proposals",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id, { onDelete: "cascade" }),
		kind: bookingProposalKind("kind").notNull(),
		proposedBy: bookingParty("proposed_by").notNull(),
		proposedById: uuid("proposed_by_id"),
		status: bookingProposalStatus("status").notNull().default("open"),
		oldStartsAt: timestamp("old_starts_at", { withTimezone: true }).notNull(),
		oldEndsAt: timestamp("old_ends_at", { withTimezone: true }).notNull(),
		/** Null when only the place changes. */
		newStartsAt: timestamp("new_starts_at", { withTimezone: true }),
		newEndsAt: timestamp("new_ends_at", { withTimezone: true }),
		oldLocation: jsonb("old_location").$type<ProposalLocation>().notNull(),
		oldAddressEnc: text("old_address_enc"),
		/** Null when only the time changes. */
		newLocation: jsonb("new_location").$type<ProposalLocation>(),
		/** A typed address, encrypted like the booking's (bound to this proposal's row). */
		newAddressEnc: text("new_address_enc"),
		message: text("message"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		answeredAt: timestamp("answered_at", { withTimezone: true }),
	},
	(table) => [
		uniqueIndex("booking_proposals_one_open").on(table.bookingId).where(sql`${table.status} = 'open'`),
		index("booking_proposals_booking_idx").on(table.bookingId, table.createdAt),
	],
);

/** A place as a proposal keeps it; a typed address is in the encrypted column beside it. */
export interface ProposalLocation {
	kind: "venue" | "address" | "online";
	placeId: string | null;
	placeName: string | null;
}

/**
 * A person's private calendar feed (/calendar/<token>.ics): only an HMAC of the secret token is
 * kept, so the link is shown once; renewing replaces it, revoking deletes it.
 */
export const calendarFeeds = pgTable(
	"calendar_feeds",
	{
		userId: uuid("user_id")
			.primaryKey()
			.references(() => users.id, { onDelete: "cascade" }),
		tokenHash: text("token_hash").notNull(),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [uniqueIndex("calendar_feeds_token_hash_key").on(table.tokenHash)],
);

export const disputeCategory = pgEnum("dispute_category", ["no_lesson", "late_or_short", "not_as_described", "payment", "other"]);
export const disputeResolution = pgEnum("dispute_resolution", ["for_coach", "for_player"]);

/**
 * A problem the player or the coach reported about a lesson, for the back office to decide. One
 * per booking (the unique key): a decision is final, so a decided lesson cannot be disputed again.
 */
export const bookingDisputes = pgTable(
	"booking_disputes",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id, { onDelete: "cascade" }),
		openedBy: bookingParty("opened_by").notNull(),
		openedById: uuid("opened_by_id").references(() => users.id, { onDelete: "set null" }),
		category: disputeCategory("category").notNull(),
		text: text("text").notNull(),
		/** in_progress or completed: where the booking was when the dispute stopped it. */
		fromStatus: bookingStatus("from_status").notNull(),
		openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
		resolution: disputeResolution("resolution"),
		resolvedById: uuid("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
		resolvedAt: timestamp("resolved_at", { withTimezone: true }),
		resolutionNote: text("resolution_note"),
		refundFen: integer("refund_fen"),
	},
	(table) => [
		uniqueIndex("booking_disputes_booking_key").on(table.bookingId),
		index("booking_disputes_open_idx").on(table.openedAt).where(sql`${table.resolvedAt} is null`),
		check("booking_disputes_refund", sql`${table.refundFen} is null or ${table.refundFen} >= 0`),
	],
);
