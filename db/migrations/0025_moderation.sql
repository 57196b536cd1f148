CREATE TYPE "public"."moderation_report_reason" AS ENUM('abuse', 'spam', 'privacy', 'false', 'other');--> statement-breakpoint
CREATE TYPE "public"."moderation_report_status" AS ENUM('open', 'upheld', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."moderation_subject_kind" AS ENUM('review', 'review_reply');--> statement-breakpoint
CREATE TYPE "public"."moderation_word_category" AS ENUM('abuse', 'sexual', 'advertising', 'political', 'illegal');--> statement-breakpoint
CREATE TABLE "moderation_hits" (
	"subject_kind" "moderation_subject_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"words" text[] NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" "moderation_subject_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" "moderation_report_reason" NOT NULL,
	"detail" text,
	"status" "moderation_report_status" DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_reports_detail_length" CHECK (char_length("moderation_reports"."detail") <= 500)
);
--> statement-breakpoint
CREATE TABLE "moderation_word_list" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_word_list_one_row" CHECK ("moderation_word_list"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "moderation_words" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"word" text NOT NULL,
	"normalized" text NOT NULL,
	"category" "moderation_word_category" NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_words_length" CHECK (char_length("moderation_words"."normalized") between 1 and 50)
);
--> statement-breakpoint
ALTER TABLE "lesson_reviews" ADD COLUMN "reply_status" "lesson_review_status" DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "moderation_reports" ADD CONSTRAINT "moderation_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_reports" ADD CONSTRAINT "moderation_reports_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_words" ADD CONSTRAINT "moderation_words_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_hits_subject_key" ON "moderation_hits" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_reports_open_key" ON "moderation_reports" USING btree ("subject_kind","subject_id","reporter_id") WHERE "moderation_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "moderation_reports_queue_idx" ON "moderation_reports" USING btree ("subject_kind","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_words_normalized_key" ON "moderation_words" USING btree ("normalized");