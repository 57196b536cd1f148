-- Extensions for radius search (earthdistance on cube), name search (pg_trgm) and, later,
-- booking exclusion constraints (btree_gist).
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TYPE "public"."cancellation_policy" AS ENUM('flexible', 'moderate', 'strict');--> statement-breakpoint
CREATE TYPE "public"."coach_level" AS ENUM('entry', 'intermediate', 'advanced', 'master');--> statement-breakpoint
CREATE TYPE "public"."coach_status" AS ENUM('draft', 'pending_review', 'approved', 'rejected', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."course_type" AS ENUM('basic', 'advanced', 'match_simulation', 'sparring', 'casual_play');--> statement-breakpoint
CREATE TYPE "public"."discipline" AS ENUM('chinese_8_ball', 'nine_ball', 'snooker');--> statement-breakpoint
CREATE TYPE "public"."availability_exception_kind" AS ENUM('day_off', 'extra_hours');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."file_kind" AS ENUM('coach_photo', 'certificate', 'id_image', 'intro_video');--> statement-breakpoint
CREATE TYPE "public"."file_visibility" AS ENUM('public', 'private');--> statement-breakpoint
CREATE TABLE "coach_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"level" text NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coach_date_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" "availability_exception_kind" NOT NULL,
	"start_minute" smallint,
	"end_minute" smallint
);
--> statement-breakpoint
CREATE TABLE "coach_offerings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"course_type" "course_type" NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"price_fen" integer NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coach_offerings_price_range" CHECK ("coach_offerings"."price_fen" between 100 and 10000000),
	CONSTRAINT "coach_offerings_duration_range" CHECK ("coach_offerings"."duration_minutes" between 15 and 480)
);
--> statement-breakpoint
CREATE TABLE "coach_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coach_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"venue_id" uuid
);
--> statement-breakpoint
CREATE TABLE "coach_weekly_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	CONSTRAINT "coach_weekly_hours_weekday" CHECK ("coach_weekly_hours"."weekday" between 1 and 7),
	CONSTRAINT "coach_weekly_hours_range" CHECK ("coach_weekly_hours"."start_minute" >= 0 and "coach_weekly_hours"."end_minute" <= 1440 and "coach_weekly_hours"."start_minute" < "coach_weekly_hours"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "coaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "coach_status" DEFAULT 'draft' NOT NULL,
	"display_name" text NOT NULL,
	"pending_display_name" text,
	"real_name_enc" text,
	"id_number_enc" text,
	"gender" "gender",
	"disciplines" "discipline"[] DEFAULT '{}' NOT NULL,
	"level" "coach_level",
	"years_experience" smallint,
	"style_tags" text[] DEFAULT '{}' NOT NULL,
	"bio" text,
	"intro_video_file_id" uuid,
	"city_code" text,
	"latitude" double precision,
	"longitude" double precision,
	"service_radius_km" smallint,
	"accepting_bookings" boolean DEFAULT true NOT NULL,
	"cancellation_policy" "cancellation_policy" DEFAULT 'moderate' NOT NULL,
	"buffer_minutes" smallint DEFAULT 15 NOT NULL,
	"min_notice_hours" smallint DEFAULT 12 NOT NULL,
	"max_advance_days" smallint DEFAULT 30 NOT NULL,
	"price_from_fen" integer,
	"offers_online" boolean DEFAULT false NOT NULL,
	"rating_average" double precision,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"real_name_verified_at" timestamp with time zone,
	"certificate_verified_at" timestamp with time zone,
	"review_note" text,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaches_latitude_range" CHECK ("coaches"."latitude" between -90 and 90),
	CONSTRAINT "coaches_longitude_range" CHECK ("coaches"."longitude" between -180 and 180),
	CONSTRAINT "coaches_radius_range" CHECK ("coaches"."service_radius_km" between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"kind" "file_kind" NOT NULL,
	"visibility" "file_visibility" NOT NULL,
	"storage_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"variants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coach_certificates" ADD CONSTRAINT "coach_certificates_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_certificates" ADD CONSTRAINT "coach_certificates_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_date_exceptions" ADD CONSTRAINT "coach_date_exceptions_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_offerings" ADD CONSTRAINT "coach_offerings_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_photos" ADD CONSTRAINT "coach_photos_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_photos" ADD CONSTRAINT "coach_photos_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_places" ADD CONSTRAINT "coach_places_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_weekly_hours" ADD CONSTRAINT "coach_weekly_hours_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaches" ADD CONSTRAINT "coaches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaches" ADD CONSTRAINT "coaches_intro_video_file_id_stored_files_id_fk" FOREIGN KEY ("intro_video_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coach_certificates_coach_idx" ON "coach_certificates" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "coach_certificates_status_idx" ON "coach_certificates" USING btree ("status");--> statement-breakpoint
CREATE INDEX "coach_date_exceptions_coach_idx" ON "coach_date_exceptions" USING btree ("coach_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "coach_offerings_unique" ON "coach_offerings" USING btree ("coach_id","course_type","duration_minutes");--> statement-breakpoint
CREATE INDEX "coach_offerings_search_idx" ON "coach_offerings" USING btree ("course_type","price_fen","coach_id");--> statement-breakpoint
CREATE INDEX "coach_photos_coach_idx" ON "coach_photos" USING btree ("coach_id","position");--> statement-breakpoint
CREATE INDEX "coach_places_coach_idx" ON "coach_places" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "coach_weekly_hours_coach_idx" ON "coach_weekly_hours" USING btree ("coach_id","weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "coaches_user_key" ON "coaches" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "coaches_status_idx" ON "coaches" USING btree ("status","approved_at");--> statement-breakpoint
CREATE INDEX "coaches_earth_idx" ON "coaches" USING gist (ll_to_earth("latitude", "longitude")) WHERE "coaches"."status" = 'approved' and "coaches"."latitude" is not null;--> statement-breakpoint
CREATE INDEX "coaches_city_idx" ON "coaches" USING btree ("city_code","status");--> statement-breakpoint
CREATE INDEX "coaches_price_idx" ON "coaches" USING btree ("price_from_fen","id") WHERE "coaches"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "stored_files_owner_idx" ON "stored_files" USING btree ("owner_id");