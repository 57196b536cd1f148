import { sql } from "drizzle-orm";
import {
	boolean,
	check,
	doublePrecision,
	index,
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
import { discipline } from "./coaches";

/**
 * The social half of the community (decision 026): follows, the sparring-partner finder (找球友),
 * its invitations, and the 1:1 conversations an accepted invitation opens.
 */

/** Who follows whom; one row per pair, gone with either account. */
export const follows = pgTable(
	"follows",
	{
		followerId: uuid("follower_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		followeeId: uuid("followee_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		primaryKey({ columns: [table.followerId, table.followeeId] }),
		index("follows_followee_idx").on(table.followeeId, table.createdAt),
		check("follows_not_self", sql`${table.followerId} <> ${table.followeeId}`),
	],
);

/**
 * A player's card in the partner finder. Only the district is kept, with its centre (GCJ-02) from the
 * bundled list: never a precise place. `open` false hides the card without forgetting it; `hiddenAt`
 * is set while the account is suspended (domain events).
 */
export const partnerCards = pgTable(
	"partner_cards",
	{
		userId: uuid("user_id")
			.primaryKey()
			.references(() => users.id, { onDelete: "cascade" }),
		discipline: discipline("discipline").notNull(),
		/** Self-declared level 1–10 (1 入门 … 10 职业). */
		selfLevel: smallint("self_level").notNull(),
		/** The player allows the learning module's measured level to be shown instead, when it has one. */
		shareLearningLevel: boolean("share_learning_level").notNull().default(false),
		cityCode: text("city_code").notNull(),
		district: text("district").notNull(),
		districtLatitude: doublePrecision("district_latitude").notNull(),
		districtLongitude: doublePrecision("district_longitude").notNull(),
		/** e.g. weekday_evening, weekend_morning. */
		usualTimes: text("usual_times").array().notNull(),
		open: boolean("open").notNull().default(true),
		hiddenAt: timestamp("hidden_at", { withTimezone: true }),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("partner_cards_search_idx").on(table.discipline, table.selfLevel),
		check("partner_cards_level", sql`${table.selfLevel} between 1 and 10`),
	],
);

export const partnerInvitationStatus = pgEnum("partner_invitation_status", ["pending", "accepted", "declined"]);

/** An invitation to play; one pending per pair (either direction is a different pair). */
export const partnerInvitations = pgTable(
	"partner_invitations",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		fromUserId: uuid("from_user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		toUserId: uuid("to_user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		note: text("note").notNull(),
		status: partnerInvitationStatus("status").notNull().default("pending"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		answeredAt: timestamp("answered_at", { withTimezone: true }),
	},
	(table) => [
		uniqueIndex("partner_invitations_pending_key").on(table.fromUserId, table.toUserId).where(sql`${table.status} = 'pending'`),
		index("partner_invitations_to_idx").on(table.toUserId, table.createdAt),
		index("partner_invitations_from_idx").on(table.fromUserId, table.createdAt),
		check("partner_invitations_not_self", sql`${table.fromUserId} <> ${table.toUserId}`),
	],
);

/**
 * A 1:1 conversation, one per pair: `firstUserId` is the smaller id, so the pair is unique whoever
 * opened it. Each side's last read time gives the unread counts.
 */
export const conversations = pgTable(
	"conversations",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		firstUserId: uuid("first_user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		secondUserId: uuid("second_user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		firstReadAt: timestamp("first_read_at", { withTimezone: true }).notNull().defaultNow(),
		secondReadAt: timestamp("second_read_at", { withTimezone: true }).notNull().defaultNow(),
		lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("conversations_pair_key").on(table.firstUserId, table.secondUserId),
		index("conversations_second_idx").on(table.secondUserId),
		check("conversations_ordered", sql`${table.firstUserId} < ${table.secondUserId}`),
	],
);

/** Text only; checked against the word list before it is stored. */
export const messages = pgTable(
	"messages",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		conversationId: uuid("conversation_id")
			.notNull()
			.references(() => conversations.id, { onDelete: "cascade" }),
		senderId: uuid("sender_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		body: text("body").notNull(),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("messages_conversation_idx").on(table.conversationId, table.createdAt),
		check("messages_length", sql`char_length(${table.body}) between 1 and 1000`),
	],
);

/** A user who blocked another: no invitations, no messages either way, not in each other's search. */
export const userBlocks = pgTable(
	"user_blocks",
	{
		blockerId: uuid("blocker_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		blockedId: uuid("blocked_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [primaryKey({ columns: [table.blockerId, table.blockedId] }), index("user_blocks_blocked_idx").on(table.blockedId)],
);
