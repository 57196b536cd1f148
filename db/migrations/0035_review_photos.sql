ALTER TYPE "public"."file_kind" ADD VALUE 'review_photo';--> statement-breakpoint
CREATE TABLE "lesson_review_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lesson_review_photos" ADD CONSTRAINT "lesson_review_photos_review_id_lesson_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."lesson_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_review_photos" ADD CONSTRAINT "lesson_review_photos_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_review_photos_file_key" ON "lesson_review_photos" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "lesson_review_photos_review_idx" ON "lesson_review_photos" USING btree ("review_id","position");--> statement-breakpoint
CREATE INDEX "lesson_review_photos_pending_idx" ON "lesson_review_photos" USING btree ("created_at") WHERE "lesson_review_photos"."status" = 'pending';