import { sql } from "drizzle-orm";
import {
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bookings } from "./booking";
import { coaches, discipline } from "./coaches";

export const drillScoring = pgEnum("drill_scoring", ["made_of_attempts", "ladder"]);

/**
 * The drill catalogue. Rows are seeded by a migration (the same catalogue in every environment,
 * tests included); `coach_id` is for drills a coach adds later (null: the platform's own).
 */
export const drills = pgTable(
	"drills",
	{
		id: text("id").primaryKey(),
		discipline: discipline("discipline").notNull(),
		nameZh: text("name_zh").notNull(),
		nameEn: text("name_en").notNull(),
		/** Skills trained, the first one primary: a drill's shots count toward that skill's rate. */
		skills: text("skills").array().notNull(),
		scoring: drillScoring("scoring").notNull(),
		/** Shots in one round (ten for a ladder). */
		attempts: smallint("attempts").notNull(),
		/** Ladder drills only: how many positions the ladder has (1 easiest). */
		ladderPositions: smallint("ladder_positions"),
		difficulty: smallint("difficulty").notNull(),
		setupZh: text("setup_zh").notNull(),
		setupEn: text("setup_en").notNull(),
		coachId: uuid("coach_id").references(() => coaches.id),
		/** Retired drills leave new records' and plans' choices; the rows stay for the records that name them. */
		retiredAt: timestamp("retired_at", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("drills_discipline_idx").on(table.discipline, table.difficulty),
		index("drills_coach_idx").on(table.coachId),
		check("drills_difficulty_range", sql`${table.difficulty} between 1 and 5`),
	],
);

/**
 * The coach's record of one completed lesson (one per booking). `content` holds what was written
 * (drills, shots by skill, errors, homework) exactly as validated; the player's totals below are
 * moved by the difference in the same transaction as each save.
 */
export const lessonRecords = pgTable(
	"lesson_records",
	{
		bookingId: uuid("booking_id")
			.primaryKey()
			.references(() => bookings.id),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id),
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		discipline: discipline("discipline").notNull(),
		durationMinutes: smallint("duration_minutes").notNull(),
		lessonCompletedAt: timestamp("lesson_completed_at", { withTimezone: true }).notNull(),
		content: jsonb("content").notNull(),
		notes: text("notes"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [index("lesson_records_player_idx").on(table.playerId, table.lessonCompletedAt)],
);

/** A player's own practice session against a catalogue drill. */
export const practiceSessions = pgTable(
	"practice_sessions",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		drillId: text("drill_id")
			.notNull()
			.references(() => drills.id),
		discipline: discipline("discipline").notNull(),
		attempts: integer("attempts").notNull(),
		made: integer("made").notNull(),
		score: integer("score"),
		practisedAt: timestamp("practised_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("practice_sessions_player_idx").on(table.playerId, table.practisedAt),
		check("practice_sessions_made_le_attempts", sql`${table.made} between 0 and ${table.attempts}`),
	],
);

/** Per player and discipline: lessons recorded, their minutes, every shot attempted and made. */
export const learningTotals = pgTable(
	"learning_totals",
	{
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		discipline: discipline("discipline").notNull(),
		lessons: integer("lessons").notNull().default(0),
		minutes: integer("minutes").notNull().default(0),
		attempted: integer("attempted").notNull().default(0),
		made: integer("made").notNull().default(0),
		errors: jsonb("errors").notNull().default(sql`'{}'::jsonb`),
		/** Drill rounds with a score (lesson drills and practice sessions): the reliability of `level`. */
		scoredDrills: integer("scored_drills").notNull().default(0),
		/** Sum over those rounds of (difficulty − 1 + share of the round made), in thousandths. */
		levelPoints: integer("level_points").notNull().default(0),
		/** 1–5, kept with the two above on every write (null without a scored drill); peers are grouped by it. */
		level: smallint("level"),
	},
	(table) => [
		primaryKey({ columns: [table.playerId, table.discipline] }),
		index("learning_totals_level_idx").on(table.discipline, table.level),
	],
);

/**
 * A player's choices about who sees their progress: their booked coaches (off until they switch
 * it on) and a printable report behind a link; only the link's SHA-256 is kept, so it is
 * unguessable, shown once, and revoked by clearing it.
 */
export const learningSharing = pgTable("learning_sharing", {
	playerId: uuid("player_id")
		.primaryKey()
		.references(() => users.id, { onDelete: "cascade" }),
	shareWithCoaches: boolean("share_with_coaches").notNull().default(false),
	reportTokenHash: text("report_token_hash").unique(),
	reportSharedAt: timestamp("report_shared_at", { withTimezone: true }),
	updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Per player, discipline and skill: shots attempted and made. */
export const learningSkillTotals = pgTable(
	"learning_skill_totals",
	{
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		discipline: discipline("discipline").notNull(),
		skill: text("skill").notNull(),
		attempted: integer("attempted").notNull().default(0),
		made: integer("made").notNull().default(0),
	},
	(table) => [primaryKey({ columns: [table.playerId, table.discipline, table.skill] })],
);

/** Per player, discipline and day (Asia/Shanghai): shots attempted and made, the pot-rate chart's points. */
export const learningDailyTotals = pgTable(
	"learning_daily_totals",
	{
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		discipline: discipline("discipline").notNull(),
		day: date("day").notNull(),
		attempted: integer("attempted").notNull().default(0),
		made: integer("made").notNull().default(0),
	},
	(table) => [primaryKey({ columns: [table.playerId, table.discipline, table.day] })],
);
