import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { coaches } from "./coaches";
import { storedFiles } from "./files";

/** open: the coach may see and comment it; done: the coach finished and the player was told. */
export const videoReviewStatus = pgEnum("video_review_status", ["open", "done"]);

/**
 * A short stroke video a player sent to a coach they have booked, for the coach to comment on.
 * The video is a private stored file read only through signed URLs handed to the two of them.
 * `coach_user_id` is kept beside `coach_id` so every read is scoped to the caller in one condition.
 */
export const videoReviews = pgTable(
	"video_reviews",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		playerId: uuid("player_id")
			.notNull()
			.references(() => users.id),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id),
		coachUserId: uuid("coach_user_id")
			.notNull()
			.references(() => users.id),
		videoFileId: uuid("video_file_id")
			.notNull()
			// A deleted account's uploads are deleted (files module): its reviews go with them.
			.references(() => storedFiles.id, { onDelete: "cascade" }),
		/** Read from the container (mp4/mov `mvhd`, WebM clusters) when uploaded, never from the client. */
		durationMs: integer("duration_ms").notNull(),
		/** What the player asks the coach to look at. */
		question: text("question").notNull().default(""),
		status: videoReviewStatus("status").notNull().default("open"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp("done_at", { withTimezone: true }),
	},
	(table) => [
		index("video_reviews_player_idx").on(table.playerId, table.createdAt),
		index("video_reviews_coach_idx").on(table.coachUserId, table.createdAt),
		check("video_reviews_duration", sql`${table.durationMs} > 0 and ${table.durationMs} <= 60000`),
	],
);

/** A drawing on the video: a line, a circle or an arrow in coordinates normalised to 0–1 of the frame. */
export interface VideoShape {
	type: "line" | "circle" | "arrow";
	/** line/arrow: from (x1, y1) to (x2, y2); circle: centre (x1, y1), a point on the rim (x2, y2). */
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	color: string;
}

/** A coach's comment at a moment of the video, with the shapes drawn over that frame. */
export const videoReviewComments = pgTable(
	"video_review_comments",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		reviewId: uuid("review_id")
			.notNull()
			.references(() => videoReviews.id, { onDelete: "cascade" }),
		atMs: integer("at_ms").notNull(),
		body: text("body").notNull(),
		shapes: jsonb("shapes").$type<VideoShape[]>().notNull().default([]),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("video_review_comments_review_idx").on(table.reviewId, table.atMs),
		check("video_review_comments_at", sql`${table.atMs} >= 0`),
	],
);
