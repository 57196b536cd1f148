CREATE TYPE "public"."video_review_status" AS ENUM('open', 'done');--> statement-breakpoint
ALTER TYPE "public"."file_kind" ADD VALUE 'review_video';--> statement-breakpoint
CREATE TABLE "video_review_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"at_ms" integer NOT NULL,
	"body" text NOT NULL,
	"shapes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_review_comments_at" CHECK ("video_review_comments"."at_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "video_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"player_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"coach_user_id" uuid NOT NULL,
	"video_file_id" uuid NOT NULL,
	"duration_ms" integer NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"status" "video_review_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "video_reviews_duration" CHECK ("video_reviews"."duration_ms" > 0 and "video_reviews"."duration_ms" <= 60000)
);
--> statement-breakpoint
ALTER TABLE "video_review_comments" ADD CONSTRAINT "video_review_comments_review_id_video_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."video_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_reviews" ADD CONSTRAINT "video_reviews_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_reviews" ADD CONSTRAINT "video_reviews_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_reviews" ADD CONSTRAINT "video_reviews_coach_user_id_users_id_fk" FOREIGN KEY ("coach_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_reviews" ADD CONSTRAINT "video_reviews_video_file_id_stored_files_id_fk" FOREIGN KEY ("video_file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "video_review_comments_review_idx" ON "video_review_comments" USING btree ("review_id","at_ms");--> statement-breakpoint
CREATE INDEX "video_reviews_player_idx" ON "video_reviews" USING btree ("player_id","created_at");--> statement-breakpoint
CREATE INDEX "video_reviews_coach_idx" ON "video_reviews" USING btree ("coach_user_id","created_at");