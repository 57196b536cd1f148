CREATE TYPE "public"."booking_party" AS ENUM('player', 'coach', 'platform', 'system');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('pending_payment', 'pending_confirmation', 'confirmed', 'in_progress', 'completed', 'expired', 'rejected', 'cancelled', 'no_show', 'disputed');--> statement-breakpoint
CREATE TYPE "public"."lesson_location_kind" AS ENUM('venue', 'address', 'online');--> statement-breakpoint
CREATE TYPE "public"."payment_plan" AS ENUM('deposit', 'full');--> statement-breakpoint
CREATE TABLE "booking_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor" "booking_party" NOT NULL,
	"actor_id" uuid,
	"from_status" "booking_status",
	"to_status" "booking_status",
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"player_id" uuid NOT NULL,
	"status" "booking_status" NOT NULL,
	"offering_id" uuid NOT NULL,
	"course_type" "course_type" NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"price_fen" integer NOT NULL,
	"payment_plan" "payment_plan" NOT NULL,
	"deposit_fen" integer NOT NULL,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"buffer_minutes" smallint NOT NULL,
	"holds_until" timestamp with time zone NOT NULL,
	"location_kind" "lesson_location_kind" NOT NULL,
	"place_id" uuid,
	"place_name" text,
	"address_enc" text,
	"note" text,
	"cancellation_policy" "cancellation_policy" NOT NULL,
	"cancellation_terms" jsonb NOT NULL,
	"pay_by" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"cancelled_by" "booking_party",
	"cancel_reason" text,
	"refund_fen" integer,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_range" CHECK ("bookings"."ends_at" > "bookings"."starts_at" and "bookings"."holds_until" >= "bookings"."ends_at"),
	CONSTRAINT "bookings_amounts" CHECK ("bookings"."deposit_fen" between 0 and "bookings"."price_fen" and "bookings"."paid_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "booking_events" ADD CONSTRAINT "booking_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_player_id_users_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_events_booking_idx" ON "booking_events" USING btree ("booking_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_coach_idx" ON "bookings" USING btree ("coach_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_player_idx" ON "bookings" USING btree ("player_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_unpaid_idx" ON "bookings" USING btree ("pay_by") WHERE "bookings"."status" = 'pending_payment';--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency_key" ON "bookings" USING btree ("player_id","idempotency_key");--> statement-breakpoint
-- No double booking, ever: two active bookings of one coach may not hold overlapping time (the
-- lesson plus the buffer after it), whatever the number of app instances. The application turns a
-- violation (SQLSTATE 23P01) into 409 slot_taken.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_double_booking" EXCLUDE USING gist (
	"coach_id" WITH =,
	tstzrange("starts_at", "holds_until", '[)') WITH &&
) WHERE ("status" IN ('pending_payment', 'pending_confirmation', 'confirmed', 'in_progress'));
