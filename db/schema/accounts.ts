import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const userStatus = pgEnum("user_status", ["active", "suspended", "deleted"]);
export const roleName = pgEnum("role_name", ["coach", "venue_owner", "venue_manager", "venue_front_desk", "support", "admin"]);
export const socialProvider = pgEnum("social_provider", ["wechat", "alipay"]);
export const codePurpose = pgEnum("code_purpose", ["login", "reset", "bind", "verify_email", "reauth"]);
export const messageChannel = pgEnum("message_channel", ["sms", "email", "in_app"]);
export const messageStatus = pgEnum("message_status", ["pending", "sent", "failed"]);

/**
 * One row per person. Phone and email are stored encrypted (`*_enc`) with an HMAC blind index
 * (`*_index`) for lookup; neither is ever stored in clear text.
 */
export const users = pgTable(
	"users",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		displayName: text("display_name").notNull(),
		phoneEnc: text("phone_enc"),
		phoneIndex: text("phone_index"),
		emailEnc: text("email_enc"),
		emailIndex: text("email_index"),
		emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
		passwordHash: text("password_hash"),
		status: userStatus("status").notNull().default("active"),
		statusReason: text("status_reason"),
		locale: text("locale").notNull().default("zh-CN"),
		totpSecretEnc: text("totp_secret_enc"),
		totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
		failedLogins: integer("failed_logins").notNull().default(0),
		lockedUntil: timestamp("locked_until", { withTimezone: true }),
		/** The version of the user agreement and privacy policy last agreed to (null: never), and when. */
		termsVersion: text("terms_version"),
		termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
		deletedAt: timestamp("deleted_at", { withTimezone: true }),
	},
	(table) => [
		uniqueIndex("users_phone_index_key").on(table.phoneIndex),
		uniqueIndex("users_email_index_key").on(table.emailIndex),
		index("users_display_name_idx").on(table.displayName),
	],
);

/** Sessions as in the Lucia design: the id is the SHA-256 of the token the client holds. */
export const sessions = pgTable(
	"sessions",
	{
		id: text("id").primaryKey(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
		lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
		userAgent: text("user_agent"),
		ipEnc: text("ip_enc"),
		place: text("place"),
		secondFactorPending: boolean("second_factor_pending").notNull().default(false),
		/** When this session proved the second factor (sign-in code, or the code that turned TOTP on); the back office needs it. */
		secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
		createdAt: createdAt(),
	},
	(table) => [index("sessions_user_idx").on(table.userId), index("sessions_expires_idx").on(table.expiresAt)],
);

export const roleGrants = pgTable(
	"role_grants",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		role: roleName("role").notNull(),
		/** Venue roles are scoped to one venue; the venues module owns that id. */
		venueId: uuid("venue_id"),
		grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
		createdAt: createdAt(),
	},
	(table) => [
		uniqueIndex("role_grants_unique").on(
			table.userId,
			table.role,
			sql`coalesce(${table.venueId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
		),
	],
);

export const socialIdentities = pgTable(
	"social_identities",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		provider: socialProvider("provider").notNull(),
		subjectIndex: text("subject_index").notNull(),
		displayName: text("display_name"),
		/**
		 * WeChat only: `{ appid, openid }` of the latest sign-in, encrypted. The subject is the unionid
		 * (when there is one) and kept only as a blind index; a WeChat Pay transfer to a coach needs
		 * the openid under an AppID, so it is kept here, sealed, for payouts and nothing else.
		 */
		openidEnc: text("openid_enc"),
		createdAt: createdAt(),
	},
	(table) => [
		uniqueIndex("social_identities_subject_key").on(table.provider, table.subjectIndex),
		uniqueIndex("social_identities_user_provider_key").on(table.userId, table.provider),
	],
);

/** One-time codes sent by SMS or email: only a hash is kept, with an expiry and a try counter. */
export const verificationCodes = pgTable(
	"verification_codes",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		purpose: codePurpose("purpose").notNull(),
		targetIndex: text("target_index").notNull(),
		codeHash: text("code_hash").notNull(),
		attempts: integer("attempts").notNull().default(0),
		expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
		consumedAt: timestamp("consumed_at", { withTimezone: true }),
		createdAt: createdAt(),
	},
	(table) => [index("verification_codes_target_idx").on(table.targetIndex, table.purpose, table.createdAt)],
);

export const recoveryCodes = pgTable(
	"recovery_codes",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		codeHash: text("code_hash").notNull(),
		usedAt: timestamp("used_at", { withTimezone: true }),
	},
	(table) => [index("recovery_codes_user_idx").on(table.userId)],
);

/** SMS, email and in-app messages waiting for (or done with) delivery by the outbox job. */
export const outboxMessages = pgTable(
	"outbox_messages",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		channel: messageChannel("channel").notNull(),
		userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
		recipientEnc: text("recipient_enc"),
		template: text("template").notNull(),
		subject: text("subject"),
		bodyEnc: text("body_enc").notNull(),
		status: messageStatus("status").notNull().default("pending"),
		attempts: integer("attempts").notNull().default(0),
		lastError: text("last_error"),
		provider: text("provider"),
		sentAt: timestamp("sent_at", { withTimezone: true }),
		createdAt: createdAt(),
	},
	(table) => [index("outbox_messages_created_idx").on(table.createdAt)],
);

export const notifications = pgTable(
	"notifications",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		userId: uuid("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		kind: text("kind").notNull(),
		params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
		link: text("link"),
		readAt: timestamp("read_at", { withTimezone: true }),
		createdAt: createdAt(),
	},
	(table) => [index("notifications_user_idx").on(table.userId, table.createdAt)],
);

/** Who did what in the back office and to roles; never updated or deleted. */
export const auditLog = pgTable(
	"audit_log",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
		action: text("action").notNull(),
		targetType: text("target_type").notNull(),
		targetId: text("target_id"),
		reason: text("reason"),
		detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
		createdAt: createdAt(),
	},
	(table) => [index("audit_log_created_idx").on(table.createdAt), index("audit_log_action_idx").on(table.action)],
);
