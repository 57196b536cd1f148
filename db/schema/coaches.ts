import { sql } from "drizzle-orm";
import {
	boolean,
	check,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { storedFiles } from "./files";

/** A coach's reliability over the last 90 days, as the profile and the API show it. */
export interface CoachReliability {
	/** Requests the coach had to answer (accepted, declined or left unanswered). */
	bookings90d: number;
	/** accepted / (answered + unanswered), 0–1; null without requests. */
	acceptanceRate: number | null;
	/** The median minutes from payment to the coach's answer; null without answers. */
	medianAnswerMinutes: number | null;
	/** Share of requests answered within 12 hours, 0–1; null without requests. */
	answeredWithin12hRate: number | null;
	coachCancellations: number;
	coachNoShows: number;
	/** Lessons completed, all time (the badge's floor). */
	completedLessons: number;
	measuredAt: string;
}

export const coachStatus = pgEnum("coach_status", ["draft", "pending_review", "approved", "rejected", "suspended"]);
export const reviewStatus = pgEnum("review_status", ["pending", "approved", "rejected"]);
export const gender = pgEnum("gender", ["male", "female"]);
export const coachLevel = pgEnum("coach_level", ["entry", "intermediate", "advanced", "master"]);
export const discipline = pgEnum("discipline", ["chinese_8_ball", "nine_ball", "snooker"]);
export const courseType = pgEnum("course_type", ["basic", "advanced", "match_simulation", "sparring", "casual_play"]);
export const cancellationPolicy = pgEnum("cancellation_policy", ["flexible", "moderate", "strict"]);
export const exceptionKind = pgEnum("availability_exception_kind", ["day_off", "extra_hours"]);

const timestamps = {
	createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A coach (or sparring partner): the application while in draft or review, the public profile
 * once approved. Identity fields are encrypted. What the public sees is what was verified: the
 * badges come from `realNameVerifiedAt` and `certificateVerifiedAt`, never from the coach's word.
 */
export const coaches = pgTable(
	"coaches",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		status: coachStatus("status").notNull().default("draft"),
		/** While the account is suspended the coach is too; this is the status a reinstatement restores. */
		statusBeforeSuspension: coachStatus("status_before_suspension"),
		/** The account was deleted: identity erased, files removed, the row kept for what refers to it. */
		erasedAt: timestamp("erased_at", { withTimezone: true }),
		displayName: text("display_name").notNull(),
		/** A name change of an approved coach waits here for review; the public keeps the old one. */
		pendingDisplayName: text("pending_display_name"),
		realNameEnc: text("real_name_enc"),
		idNumberEnc: text("id_number_enc"),
		/** When the coach agreed, separately, to the processing of their ID number (sensitive personal information). */
		idNumberConsentAt: timestamp("id_number_consent_at", { withTimezone: true }),
		gender: gender("gender"),
		disciplines: discipline("disciplines").array().notNull().default(sql`'{}'`),
		level: coachLevel("level"),
		yearsExperience: smallint("years_experience"),
		styleTags: text("style_tags").array().notNull().default(sql`'{}'`),
		bio: text("bio"),
		/** The latest intro video the coach set; like a photo, it is private until a reviewer approves it. */
		introVideoFileId: uuid("intro_video_file_id").references(() => storedFiles.id, { onDelete: "set null" }),
		/** Review of `introVideoFileId` (null without a video), and the reviewer's reason when rejected. */
		introVideoStatus: reviewStatus("intro_video_status"),
		introVideoReviewNote: text("intro_video_review_note"),
		/** The video the public sees: the latest once approved, or an earlier approved one while a newer one waits. */
		approvedIntroVideoFileId: uuid("approved_intro_video_file_id").references(() => storedFiles.id, { onDelete: "set null" }),
		cityCode: text("city_code"),
		/** Service area: a point and a radius; also the point searched from when no venue is given. */
		latitude: doublePrecision("latitude"),
		longitude: doublePrecision("longitude"),
		serviceRadiusKm: smallint("service_radius_km"),
		acceptingBookings: boolean("accepting_bookings").notNull().default(true),
		cancellationPolicy: cancellationPolicy("cancellation_policy").notNull().default("moderate"),
		bufferMinutes: smallint("buffer_minutes").notNull().default(15),
		minNoticeHours: smallint("min_notice_hours").notNull().default(12),
		maxAdvanceDays: smallint("max_advance_days").notNull().default(30),
		/** Denormalised from offerings for search: the cheapest offering and whether any is online. */
		priceFromFen: integer("price_from_fen"),
		offersOnline: boolean("offers_online").notNull().default(false),
		ratingAverage: doublePrecision("rating_average"),
		ratingCount: integer("rating_count").notNull().default(0),
		/** The average shrunk toward the prior (0 without reviews, so unrated coaches sort last); search sorts "评分最高" by it. */
		ratingBayesian: doublePrecision("rating_bayesian").notNull().default(0),
		/**
		 * The last 90 days of bookings as the booking module measured them (acceptance, time to answer,
		 * cancellations and no-shows of the coach), written through setCoachReliability; null until measured.
		 */
		reliability: jsonb("reliability").$type<CoachReliability>(),
		/** Holds the 优选教练 badge since then (null: not now); the daily recomputation gives and takes it. */
		preferredSince: timestamp("preferred_since", { withTimezone: true }),
		realNameVerifiedAt: timestamp("real_name_verified_at", { withTimezone: true }),
		certificateVerifiedAt: timestamp("certificate_verified_at", { withTimezone: true }),
		reviewNote: text("review_note"),
		submittedAt: timestamp("submitted_at", { withTimezone: true }),
		approvedAt: timestamp("approved_at", { withTimezone: true }),
		...timestamps,
	},
	(table) => [
		uniqueIndex("coaches_user_key").on(table.userId),
		index("coaches_status_idx").on(table.status, table.approvedAt),
		// Radius search: a GiST index on the point as earthdistance sees it (approved coaches only).
		index("coaches_earth_idx")
			.using("gist", sql`ll_to_earth(${table.latitude}, ${table.longitude})`)
			.where(sql`${table.status} = 'approved' and ${table.latitude} is not null`),
		// A radius search filtered by level (评分最高 in a city): the level is checked inside the index
		// (btree_gist), so only coaches of that level are read from the heap before sorting by rating.
		// EXPLAIN ANALYZE at 100k coaches, Shanghai 20 km: 4,315 heap rows read for 636 kept → 1,057 for 636.
		index("coaches_earth_level_idx")
			.using("gist", sql`ll_to_earth(${table.latitude}, ${table.longitude})`, table.level)
			.where(sql`${table.status} = 'approved' and ${table.latitude} is not null`),
		index("coaches_city_idx").on(table.cityCode, table.status),
		index("coaches_price_idx").on(table.priceFromFen, table.id).where(sql`${table.status} = 'approved'`),
		index("coaches_rating_idx").on(table.ratingBayesian, table.id).where(sql`${table.status} = 'approved'`),
		check("coaches_latitude_range", sql`${table.latitude} between -90 and 90`),
		check("coaches_longitude_range", sql`${table.longitude} between -180 and 180`),
		check("coaches_radius_range", sql`${table.serviceRadiusKm} between 1 and 200`),
	],
);

export const coachPhotos = pgTable(
	"coach_photos",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		fileId: uuid("file_id")
			.notNull()
			.references(() => storedFiles.id, { onDelete: "cascade" }),
		status: reviewStatus("status").notNull().default("pending"),
		reviewNote: text("review_note"),
		position: smallint("position").notNull().default(0),
		...timestamps,
	},
	(table) => [index("coach_photos_coach_idx").on(table.coachId, table.position)],
);

export const coachCertificates = pgTable(
	"coach_certificates",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		fileId: uuid("file_id")
			.notNull()
			.references(() => storedFiles.id, { onDelete: "cascade" }),
		issuer: text("issuer").notNull(),
		level: text("level").notNull(),
		status: reviewStatus("status").notNull().default("pending"),
		reviewNote: text("review_note"),
		...timestamps,
	},
	(table) => [index("coach_certificates_coach_idx").on(table.coachId), index("coach_certificates_status_idx").on(table.status)],
);

/** Places a coach teaches at (halls); the venues module will later link these to verified venues. */
export const coachPlaces = pgTable(
	"coach_places",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		name: text("name").notNull(),
		address: text("address"),
		latitude: doublePrecision("latitude").notNull(),
		longitude: doublePrecision("longitude").notNull(),
		venueId: uuid("venue_id"),
	},
	(table) => [index("coach_places_coach_idx").on(table.coachId)],
);

export const coachOfferings = pgTable(
	"coach_offerings",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		courseType: courseType("course_type").notNull(),
		durationMinutes: smallint("duration_minutes").notNull(),
		priceFen: integer("price_fen").notNull(),
		online: boolean("online").notNull().default(false),
		active: boolean("active").notNull().default(true),
		...timestamps,
	},
	(table) => [
		uniqueIndex("coach_offerings_unique").on(table.coachId, table.courseType, table.durationMinutes),
		index("coach_offerings_search_idx").on(table.courseType, table.priceFen, table.coachId),
		check("coach_offerings_price_range", sql`${table.priceFen} between 100 and 10000000`),
		check("coach_offerings_duration_range", sql`${table.durationMinutes} between 15 and 480`),
	],
);

/** Weekly hours in Asia/Shanghai: minutes from midnight, weekday 1 = Monday … 7 = Sunday. */
export const coachWeeklyHours = pgTable(
	"coach_weekly_hours",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		weekday: smallint("weekday").notNull(),
		startMinute: smallint("start_minute").notNull(),
		endMinute: smallint("end_minute").notNull(),
	},
	(table) => [
		index("coach_weekly_hours_coach_idx").on(table.coachId, table.weekday),
		check("coach_weekly_hours_weekday", sql`${table.weekday} between 1 and 7`),
		check(
			"coach_weekly_hours_range",
			sql`${table.startMinute} >= 0 and ${table.endMinute} <= 1440 and ${table.startMinute} < ${table.endMinute}`,
		),
	],
);

export const coachDateExceptions = pgTable(
	"coach_date_exceptions",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		date: date("date").notNull(),
		kind: exceptionKind("kind").notNull(),
		startMinute: smallint("start_minute"),
		endMinute: smallint("end_minute"),
	},
	(table) => [index("coach_date_exceptions_coach_idx").on(table.coachId, table.date)],
);

/**
 * Search by availability reads this instead of computing slots for every coach: one row per
 * coach and Shanghai date (the next 30 days) that has at least one bookable start for the coach's
 * shortest offering. Rewritten for a coach after every booking change (booking calls
 * `refreshFreeDays`), every availability or offering change, and daily so the window rolls on.
 */
export const coachFreeDays = pgTable(
	"coach_free_days",
	{
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		date: date("date").notNull(),
		/** Open minutes of the day not held by a booking (after the minimum notice). */
		freeMinutes: smallint("free_minutes").notNull(),
		/** A lesson may start at 18:00 or later that day. */
		eveningFree: boolean("evening_free").notNull(),
		firstFreeAt: timestamp("first_free_at", { withTimezone: true }).notNull(),
	},
	// Search walks coaches (nearest first, by price…) and probes each one's days through the key.
	// When few coaches are free on the dates asked, it starts from their rows instead, by date: a
	// second index, affordable since a booking rewrites only the one or two rows that changed.
	(table) => [
		primaryKey({ columns: [table.coachId, table.date] }),
		index("coach_free_days_by_date_idx").on(table.date, table.firstFreeAt, table.eveningFree, table.coachId),
	],
);

/**
 * The lessons holding a coach's time from now on, as the booking module last reported them (it
 * owns bookings; coaches may not read them). Kept so an availability change or the daily roll can
 * recompute the coach's free days without calling up into booking.
 */
export const coachBookedTimes = pgTable("coach_booked_times", {
	coachId: uuid("coach_id")
		.primaryKey()
		.references(() => coaches.id, { onDelete: "cascade" }),
	lessons: jsonb("lessons").$type<Array<{ startsAt: string; endsAt: string }>>().notNull(),
	updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const lessonReviewStatus = pgEnum("lesson_review_status", ["published", "held", "hidden"]);

/**
 * A player's review of one completed lesson (one per booking). The booking module owns the lesson;
 * its facts (coach, player, completion time) are copied here when the review is written, so the
 * coaches module never reads booking tables. Only `published` reviews count in `coach_ratings`.
 */
export const lessonReviews = pgTable(
	"lesson_reviews",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id").notNull(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id, { onDelete: "cascade" }),
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		lessonCompletedAt: timestamp("lesson_completed_at", { withTimezone: true }).notNull(),
		status: lessonReviewStatus("status").notNull(),
		overall: smallint("overall").notNull(),
		attitude: smallint("attitude").notNull(),
		skill: smallint("skill").notNull(),
		service: smallint("service").notNull(),
		tags: text("tags").array().notNull().default(sql`'{}'`),
		text: text("text"),
		/** Shown as 匿名学员 without an avatar; the back office still sees `playerId`. */
		anonymous: boolean("anonymous").notNull(),
		helpfulCount: integer("helpful_count").notNull().default(0),
		/** The one edit a player may make within 7 days. */
		editedAt: timestamp("edited_at", { withTimezone: true }),
		/** The coach's one public answer (editable). */
		replyText: text("reply_text"),
		repliedAt: timestamp("replied_at", { withTimezone: true }),
		replyEditedAt: timestamp("reply_edited_at", { withTimezone: true }),
		/** Whether the reply shows: held when it hit the forbidden-word list, hidden by staff (meaningful once there is a reply). */
		replyStatus: lessonReviewStatus("reply_status").notNull().default("published"),
		...timestamps,
	},
	(table) => [
		uniqueIndex("lesson_reviews_booking_key").on(table.bookingId),
		// The profile's three orders, each a keyset walk over one coach's published reviews.
		index("lesson_reviews_newest_idx").on(table.coachId, table.status, table.createdAt, table.id),
		index("lesson_reviews_lowest_idx").on(table.coachId, table.status, table.overall, table.createdAt, table.id),
		index("lesson_reviews_helpful_idx").on(table.coachId, table.status, table.helpfulCount, table.createdAt, table.id),
		index("lesson_reviews_player_idx").on(table.playerId),
		check(
			"lesson_reviews_stars",
			sql`${table.overall} between 1 and 5 and ${table.attitude} between 1 and 5 and ${table.skill} between 1 and 5 and ${table.service} between 1 and 5`,
		),
		check("lesson_reviews_text_length", sql`char_length(${table.text}) <= 1000 and char_length(${table.replyText}) <= 1000`),
	],
);

/**
 * Up to 6 photos of a review, each the player's own upload. A photo stays private until a
 * moderator approves it (the review's text may be public meanwhile); a rejected one stays private
 * with the reason told to the player. The file is public only while the photo is approved and its
 * review published: hiding the review makes its photos' files private again.
 */
export const lessonReviewPhotos = pgTable(
	"lesson_review_photos",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		reviewId: uuid("review_id")
			.notNull()
			.references(() => lessonReviews.id, { onDelete: "cascade" }),
		fileId: uuid("file_id")
			.notNull()
			.references(() => storedFiles.id, { onDelete: "cascade" }),
		position: smallint("position").notNull(),
		status: reviewStatus("status").notNull().default("pending"),
		reviewNote: text("review_note"),
		...timestamps,
	},
	(table) => [
		uniqueIndex("lesson_review_photos_file_key").on(table.fileId),
		index("lesson_review_photos_review_idx").on(table.reviewId, table.position),
		// The queue's pending photos, oldest first.
		index("lesson_review_photos_pending_idx").on(table.createdAt).where(sql`${table.status} = 'pending'`),
	],
);

/**
 * One "有用" vote per user per review; the primary key makes a second vote a no-op, and
 * `lesson_reviews.helpful_count` changes in the same transaction as the row (never below 0).
 */
export const reviewHelpfulVotes = pgTable(
	"review_helpful_votes",
	{
		reviewId: uuid("review_id")
			.notNull()
			.references(() => lessonReviews.id, { onDelete: "cascade" }),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [primaryKey({ columns: [table.reviewId, table.userId] }), index("review_helpful_votes_user_idx").on(table.userId)],
);

/**
 * A coach's rating, kept up to date in the transaction of every publish, hide and edit of a
 * review (never computed per search): sums per aspect and the star distribution; the averages and
 * the Bayesian average are copied onto `coaches` for search and cards.
 */
export const coachRatings = pgTable(
	"coach_ratings",
	{
		coachId: uuid("coach_id")
			.primaryKey()
			.references(() => coaches.id, { onDelete: "cascade" }),
		count: integer("count").notNull().default(0),
		overallSum: integer("overall_sum").notNull().default(0),
		attitudeSum: integer("attitude_sum").notNull().default(0),
		skillSum: integer("skill_sum").notNull().default(0),
		serviceSum: integer("service_sum").notNull().default(0),
		/** How many published reviews gave 1, 2, 3, 4 and 5 stars overall. */
		stars1: integer("stars_1").notNull().default(0),
		stars2: integer("stars_2").notNull().default(0),
		stars3: integer("stars_3").notNull().default(0),
		stars4: integer("stars_4").notNull().default(0),
		stars5: integer("stars_5").notNull().default(0),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		check(
			"coach_ratings_non_negative",
			sql`${table.count} >= 0 and least(${table.stars1}, ${table.stars2}, ${table.stars3}, ${table.stars4}, ${table.stars5}) >= 0`,
		),
	],
);
