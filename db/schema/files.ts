import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const fileVisibility = pgEnum("file_visibility", ["public", "private"]);
export const fileKind = pgEnum("file_kind", ["coach_photo", "certificate", "intro_video", "review_video", "review_photo"]);

/**
 * Every uploaded file: where its bytes live in storage and who owns it. Public files (approved
 * photos and videos) are served with long caching; private ones (every upload until a reviewer
 * approves it, certificates always) only through short-lived signed URLs.
 */
export const storedFiles = pgTable(
	"stored_files",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		ownerId: uuid("owner_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		kind: fileKind("kind").notNull(),
		visibility: fileVisibility("visibility").notNull(),
		storageKey: text("storage_key").notNull(),
		mimeType: text("mime_type").notNull(),
		sizeBytes: integer("size_bytes").notNull(),
		/** Image variants by name (e.g. `thumb`, `card`, `full`) → storage key. */
		variants: jsonb("variants").$type<Record<string, string>>().notNull().default({}),
		width: integer("width"),
		height: integer("height"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		/**
		 * When the module that uses the file attached it (a photo, certificate or video of an
		 * application); null means nothing uses it, and the hourly sweep deletes it after 24 hours.
		 * Set by the user of the file through `markAttached`: the files module reads no other tables.
		 */
		attachedAt: timestamp("attached_at", { withTimezone: true }),
	},
	(table) => [
		index("stored_files_owner_idx").on(table.ownerId),
		index("stored_files_unattached_idx").on(table.createdAt).where(sql`${table.attachedAt} is null`),
	],
);
