import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const fileVisibility = pgEnum("file_visibility", ["public", "private"]);
export const fileKind = pgEnum("file_kind", ["coach_photo", "certificate", "id_image", "intro_video"]);

/**
 * Every uploaded file: where its bytes live in storage and who owns it. Public files (approved
 * photos) are served with long caching; private ones (certificates, ID images) only through
 * short-lived signed URLs to their owner and reviewers.
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
	},
	(table) => [index("stored_files_owner_idx").on(table.ownerId)],
);
