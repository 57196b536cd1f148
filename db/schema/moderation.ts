import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Moderation, shared by every kind of user text (reviews and coach replies today; community posts
 * and comments later add their kinds to `moderation_subject_kind`): the forbidden-word list, the
 * words a text hit, and users' reports.
 */
export const moderationWordCategory = pgEnum("moderation_word_category", [
	"abuse",
	"sexual",
	"advertising",
	"political",
	"illegal",
	"gambling",
	"pornography",
	"drugs",
	"fraud",
	"off_platform_payment",
]);
export const moderationSubjectKind = pgEnum("moderation_subject_kind", [
	"review",
	"review_reply",
	"message",
	"community_post",
	"community_comment",
]);
/** What a hit of a category's word does: refuse the text, hold it for a moderator, or star the word out. */
export const moderationWordAction = pgEnum("moderation_word_action", ["block", "hold", "replace"]);
export const moderationReportReason = pgEnum("moderation_report_reason", ["abuse", "spam", "privacy", "false", "other"]);
export const moderationReportStatus = pgEnum("moderation_report_status", ["open", "upheld", "dismissed"]);

/** The forbidden words, as data staff edit; `normalized` is what the matcher looks for (one row per normalised word). */
export const moderationWords = pgTable(
	"moderation_words",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		word: text("word").notNull(),
		normalized: text("normalized").notNull(),
		category: moderationWordCategory("category").notNull(),
		/** Null for the starter list shipped with the product. */
		addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("moderation_words_normalized_key").on(table.normalized),
		check("moderation_words_length", sql`char_length(${table.normalized}) between 1 and 50`),
	],
);

/** Each category's action (a category without a row holds, as every hit did before categories had actions). */
export const moderationCategoryActions = pgTable("moderation_category_actions", {
	category: moderationWordCategory("category").primaryKey(),
	action: moderationWordAction("action").notNull(),
});

/**
 * One row: the word list's version, raised in the transaction of every change, so each instance
 * rebuilds its matcher when the version it built from is no longer the current one.
 */
export const moderationWordList = pgTable(
	"moderation_word_list",
	{
		id: smallint("id").primaryKey().default(1),
		version: bigint("version", { mode: "number" }).notNull().default(1),
		changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [check("moderation_word_list_one_row", sql`${table.id} = 1`)],
);

/** Which listed words a subject's text hit when it was last checked (what staff see beside a held item). */
export const moderationHits = pgTable(
	"moderation_hits",
	{
		subjectKind: moderationSubjectKind("subject_kind").notNull(),
		subjectId: uuid("subject_id").notNull(),
		words: text("words").array().notNull(),
		checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [uniqueIndex("moderation_hits_subject_key").on(table.subjectKind, table.subjectId)],
);

/** A user's report of a subject; resolving the subject closes every open report of it at once. */
export const moderationReports = pgTable(
	"moderation_reports",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		subjectKind: moderationSubjectKind("subject_kind").notNull(),
		subjectId: uuid("subject_id").notNull(),
		reporterId: uuid("reporter_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		reason: moderationReportReason("reason").notNull(),
		detail: text("detail"),
		status: moderationReportStatus("status").notNull().default("open"),
		resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
		resolution: text("resolution"),
		resolvedAt: timestamp("resolved_at", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		// One open report per user and subject: a second is 409 already_reported, whoever races whom.
		uniqueIndex("moderation_reports_open_key")
			.on(table.subjectKind, table.subjectId, table.reporterId)
			.where(sql`${table.status} = 'open'`),
		index("moderation_reports_queue_idx").on(table.subjectKind, table.status, table.createdAt),
		check("moderation_reports_detail_length", sql`char_length(${table.detail}) <= 500`),
	],
);

export type ModerationSubjectKind = (typeof moderationSubjectKind.enumValues)[number];
export type ModerationWordCategory = (typeof moderationWordCategory.enumValues)[number];
export type ModerationWordAction = (typeof moderationWordAction.enumValues)[number];
export type ModerationReportReason = (typeof moderationReportReason.enumValues)[number];
