-- Custom SQL migration file, put your code below! --
-- Files in use before attached_at existed count as attached since their upload; the others are
-- left unattached, so the hourly sweep removes them like any upload nobody attached.
UPDATE "stored_files" SET "attached_at" = "created_at"
WHERE "id" IN (
	SELECT "file_id" FROM "coach_photos"
	UNION SELECT "file_id" FROM "coach_certificates"
	UNION SELECT "intro_video_file_id" FROM "coaches" WHERE "intro_video_file_id" IS NOT NULL
	UNION SELECT "approved_intro_video_file_id" FROM "coaches" WHERE "approved_intro_video_file_id" IS NOT NULL
);--> statement-breakpoint
-- The id_image kind goes (nothing attaches ID images): its rows go first, so the kind can be dropped.
-- Their stored objects are no longer listed anywhere; docs/decisions/009-encryption-at-rest.md says how to clear them.
DELETE FROM "stored_files" WHERE "kind" = 'id_image';
