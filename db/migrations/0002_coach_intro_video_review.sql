ALTER TABLE "coaches" ADD COLUMN "intro_video_status" "review_status";--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "intro_video_review_note" text;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "approved_intro_video_file_id" uuid;--> statement-breakpoint
ALTER TABLE "coaches" ADD CONSTRAINT "coaches_approved_intro_video_file_id_stored_files_id_fk" FOREIGN KEY ("approved_intro_video_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Videos set before they were reviewed: an approved coach's video stays what the public sees
-- (approved); anyone else's waits for review.
UPDATE "coaches" SET
	"intro_video_status" = CASE WHEN "status" = 'approved' THEN 'approved'::"review_status" ELSE 'pending'::"review_status" END,
	"approved_intro_video_file_id" = CASE WHEN "status" = 'approved' THEN "intro_video_file_id" END
WHERE "intro_video_file_id" IS NOT NULL;
