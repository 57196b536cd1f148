CREATE TYPE "public"."lesson_review_status" AS ENUM('published', 'held', 'hidden');--> statement-breakpoint
CREATE TABLE "coach_ratings" (
	"coach_id" uuid PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"overall_sum" integer DEFAULT 0 NOT NULL,
	"attitude_sum" integer DEFAULT 0 NOT NULL,
	"skill_sum" integer DEFAULT 0 NOT NULL,
	"service_sum" integer DEFAULT 0 NOT NULL,
	"stars_1" integer DEFAULT 0 NOT NULL,
	"stars_2" integer DEFAULT 0 NOT NULL,
	"stars_3" integer DEFAULT 0 NOT NULL,
	"stars_4" integer DEFAULT 0 NOT NULL,
	"stars_5" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coach_ratings_non_negative" CHECK ("coach_ratings"."count" >= 0 and least("coach_ratings"."stars_1", "coach_ratings"."stars_2", "coach_ratings"."stars_3", "coach_ratings"."stars_4", "coach_ratings"."stars_5") >= 0)
);
--> statement-breakpoint
CREATE TABLE "lesson_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"player_id" uuid NOT NULL,
	"lesson_completed_at" timestamp with time zone NOT NULL,
	"status" "lesson_review_status" NOT NULL,
	"overall" smallint NOT NULL,
	"attitude" smallint NOT NULL,
	"skill" smallint NOT NULL,
	"service" smallint NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"text" text,
	"anonymous" boolean NOT NULL,
	"helpful_count" integer DEFAULT 0 NOT NULL,
	"edited_at" timestamp with time zone,
	"reply_text" text,
	"replied_at" timestamp with time zone,
	"reply_edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_reviews_stars" CHECK ("lesson_reviews"."overall" between 1 and 5 and "lesson_reviews"."attitude" between 1 and 5 and "lesson_reviews"."skill" between 1 and 5 and "lesson_reviews"."service" between 1 and 5),
	CONSTRAINT "lesson_reviews_text_length" CHECK (char_length("lesson_reviews"."text") <= 1000 and char_length("lesson_reviews"."reply_text") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "rating_bayesian" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coach_ratings" ADD CONSTRAINT "coach_ratings_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_reviews" ADD CONSTRAINT "lesson_reviews_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_reviews" ADD CONSTRAINT "lesson_reviews_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_reviews_booking_key" ON "lesson_reviews" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "lesson_reviews_newest_idx" ON "lesson_reviews" USING btree ("coach_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "lesson_reviews_lowest_idx" ON "lesson_reviews" USING btree ("coach_id","status","overall","created_at","id");--> statement-breakpoint
CREATE INDEX "lesson_reviews_helpful_idx" ON "lesson_reviews" USING btree ("coach_id","status","helpful_count","created_at","id");--> statement-breakpoint
CREATE INDEX "lesson_reviews_player_idx" ON "lesson_reviews" USING btree ("player_id");--> statement-breakpoint
CREATE INDEX "coaches_rating_idx" ON "coaches" USING btree ("rating_bayesian","id") WHERE "coaches"."status" = 'approved';