import { sql } from "drizzle-orm";
import {
	boolean,
	check,
	date,
	index,
	integer,
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

/**
 * The community: boards, posts (and questions), their comments (answers), likes and bookmarks,
 * and what a member's trust level is earned from. Follows, the feed and partners live in social.ts.
 */
export const communityPostKind = pgEnum("community_post_kind", ["post", "question"]);
/** held: hit the word list (or a new account's post hit it) and waits for a moderator; hidden: by flags or staff. */
export const communityContentStatus = pgEnum("community_content_status", ["published", "held", "hidden", "deleted"]);

export const communityBoards = pgTable(
	"community_boards",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		slug: text("slug").notNull(),
		nameZh: text("name_zh").notNull(),
		nameEn: text("name_en").notNull(),
		position: smallint("position").notNull().default(0),
		archivedAt: timestamp("archived_at", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("community_boards_slug_key").on(table.slug),
		check("community_boards_slug_format", sql`${table.slug} ~ '^[a-z0-9-]{2,40}$'`),
	],
);

export const communityPosts = pgTable(
	"community_posts",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		boardId: uuid("board_id")
			.notNull()
			.references(() => communityBoards.id),
		authorId: uuid("author_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		kind: communityPostKind("kind").notNull().default("post"),
		title: text("title").notNull(),
		/** Markdown as the author wrote it (after replace-with-* words); rendered with raw HTML off. */
		body: text("body").notNull(),
		imageFileIds: uuid("image_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
		status: communityContentStatus("status").notNull().default("published"),
		/** Set when flags hid it: it waits for a moderator in the queue. */
		hiddenByFlagsAt: timestamp("hidden_by_flags_at", { withTimezone: true }),
		likeCount: integer("like_count").notNull().default(0),
		commentCount: integer("comment_count").notNull().default(0),
		viewCount: integer("view_count").notNull().default(0),
		acceptedCommentId: uuid("accepted_comment_id"),
		lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		editedAt: timestamp("edited_at", { withTimezone: true }),
	},
	(table) => [
		// Board pages: keyset by latest activity and by newest, published posts only.
		index("community_posts_board_activity_idx")
			.on(table.boardId, table.lastActivityAt.desc(), table.id.desc())
			.where(sql`${table.status} = 'published'`),
		index("community_posts_board_newest_idx")
			.on(table.boardId, table.createdAt.desc(), table.id.desc())
			.where(sql`${table.status} = 'published'`),
		index("community_posts_author_idx").on(table.authorId, table.createdAt.desc()),
		index("community_posts_queue_idx").on(table.status, table.createdAt).where(sql`${table.status} in ('held', 'hidden')`),
		check("community_posts_title_length", sql`char_length(${table.title}) between 1 and 80`),
		check("community_posts_body_length", sql`char_length(${table.body}) between 1 and 10000`),
		check("community_posts_images", sql`coalesce(array_length(${table.imageFileIds}, 1), 0) <= 9`),
	],
);

export const communityComments = pgTable(
	"community_comments",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		postId: uuid("post_id")
			.notNull()
			.references(() => communityPosts.id, { onDelete: "cascade" }),
		authorId: uuid("author_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		/** One level of replies: a reply's parent is always a top-level comment. */
		parentId: uuid("parent_id"),
		body: text("body").notNull(),
		status: communityContentStatus("status").notNull().default("published"),
		/** The author was an approved coach when writing (the 教练 badge). */
		byCoach: boolean("by_coach").notNull().default(false),
		coachVerifiedBy: uuid("coach_verified_by").references(() => users.id, { onDelete: "set null" }),
		coachVerifiedAt: timestamp("coach_verified_at", { withTimezone: true }),
		likeCount: integer("like_count").notNull().default(0),
		/** The question's view count when the answer was written: its own views are the question's since. */
		viewsAtCreation: integer("views_at_creation").notNull().default(0),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		editedAt: timestamp("edited_at", { withTimezone: true }),
	},
	(table) => [
		index("community_comments_post_idx").on(table.postId, table.createdAt, table.id),
		index("community_comments_queue_idx").on(table.status, table.createdAt).where(sql`${table.status} in ('held', 'hidden')`),
		check("community_comments_body_length", sql`char_length(${table.body}) between 1 and 2000`),
	],
);

export const communityPostLikes = pgTable(
	"community_post_likes",
	{
		postId: uuid("post_id")
			.notNull()
			.references(() => communityPosts.id, { onDelete: "cascade" }),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [primaryKey({ columns: [table.postId, table.userId] })],
);

export const communityCommentLikes = pgTable(
	"community_comment_likes",
	{
		commentId: uuid("comment_id")
			.notNull()
			.references(() => communityComments.id, { onDelete: "cascade" }),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [primaryKey({ columns: [table.commentId, table.userId] })],
);

export const communityBookmarks = pgTable(
	"community_bookmarks",
	{
		postId: uuid("post_id")
			.notNull()
			.references(() => communityPosts.id, { onDelete: "cascade" }),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		primaryKey({ columns: [table.userId, table.postId] }),
		index("community_bookmarks_user_idx").on(table.userId, table.createdAt.desc()),
	],
);

/** What a member's trust level is earned from (Discourse-style), kept as counters by the activity itself. */
export const communityMembers = pgTable("community_members", {
	userId: uuid("user_id")
		.primaryKey()
		.references(() => users.id, { onDelete: "cascade" }),
	daysVisited: integer("days_visited").notNull().default(0),
	lastVisitedOn: date("last_visited_on"),
	postsRead: integer("posts_read").notNull().default(0),
	likesReceived: integer("likes_received").notNull().default(0),
	upheldFlags: integer("upheld_flags").notNull().default(0),
});

export type CommunityPostRow = typeof communityPosts.$inferSelect;
export type CommunityCommentRow = typeof communityComments.$inferSelect;
export type CommunityContentStatus = (typeof communityContentStatus.enumValues)[number];
