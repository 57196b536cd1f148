CREATE TYPE "public"."drill_scoring" AS ENUM('made_of_attempts', 'ladder');--> statement-breakpoint
CREATE TABLE "drills" (
	"id" text PRIMARY KEY NOT NULL,
	"discipline" "discipline" NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"skills" text[] NOT NULL,
	"scoring" "drill_scoring" NOT NULL,
	"attempts" smallint NOT NULL,
	"ladder_positions" smallint,
	"difficulty" smallint NOT NULL,
	"setup_zh" text NOT NULL,
	"setup_en" text NOT NULL,
	"coach_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drills_difficulty_range" CHECK ("drills"."difficulty" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "learning_daily_totals" (
	"player_id" uuid NOT NULL,
	"discipline" "discipline" NOT NULL,
	"day" date NOT NULL,
	"attempted" integer DEFAULT 0 NOT NULL,
	"made" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "learning_daily_totals_player_id_discipline_day_pk" PRIMARY KEY("player_id","discipline","day")
);
--> statement-breakpoint
CREATE TABLE "learning_skill_totals" (
	"player_id" uuid NOT NULL,
	"discipline" "discipline" NOT NULL,
	"skill" text NOT NULL,
	"attempted" integer DEFAULT 0 NOT NULL,
	"made" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "learning_skill_totals_player_id_discipline_skill_pk" PRIMARY KEY("player_id","discipline","skill")
);
--> statement-breakpoint
CREATE TABLE "learning_totals" (
	"player_id" uuid NOT NULL,
	"discipline" "discipline" NOT NULL,
	"lessons" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"attempted" integer DEFAULT 0 NOT NULL,
	"made" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "learning_totals_player_id_discipline_pk" PRIMARY KEY("player_id","discipline")
);
--> statement-breakpoint
CREATE TABLE "lesson_records" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"coach_id" uuid NOT NULL,
	"player_id" uuid NOT NULL,
	"discipline" "discipline" NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"lesson_completed_at" timestamp with time zone NOT NULL,
	"content" jsonb NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"player_id" uuid NOT NULL,
	"drill_id" text NOT NULL,
	"discipline" "discipline" NOT NULL,
	"attempts" integer NOT NULL,
	"made" integer NOT NULL,
	"score" integer,
	"practised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_sessions_made_le_attempts" CHECK ("practice_sessions"."made" between 0 and "practice_sessions"."attempts")
);
--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_daily_totals" ADD CONSTRAINT "learning_daily_totals_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_skill_totals" ADD CONSTRAINT "learning_skill_totals_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_totals" ADD CONSTRAINT "learning_totals_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_records" ADD CONSTRAINT "lesson_records_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_records" ADD CONSTRAINT "lesson_records_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_records" ADD CONSTRAINT "lesson_records_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drills_discipline_idx" ON "drills" USING btree ("discipline","difficulty");--> statement-breakpoint
CREATE INDEX "lesson_records_player_idx" ON "lesson_records" USING btree ("player_id","lesson_completed_at");--> statement-breakpoint
CREATE INDEX "practice_sessions_player_idx" ON "practice_sessions" USING btree ("player_id","practised_at");