ALTER TABLE "stored_files" ALTER COLUMN "kind" SET DATA TYPE text;--> statement-breakpoint
DROP TYPE "public"."file_kind";--> statement-breakpoint
CREATE TYPE "public"."file_kind" AS ENUM('coach_photo', 'certificate', 'intro_video');--> statement-breakpoint
ALTER TABLE "stored_files" ALTER COLUMN "kind" SET DATA TYPE "public"."file_kind" USING "kind"::"public"."file_kind";