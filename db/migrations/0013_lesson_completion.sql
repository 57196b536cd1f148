CREATE TYPE "public"."dispute_category" AS ENUM('no_lesson', 'late_or_short', 'not_as_described', 'payment', 'other');--> statement-breakpoint
CREATE TYPE "public"."dispute_resolution" AS ENUM('for_coach', 'for_player');--> statement-breakpoint
CREATE TABLE "booking_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"opened_by" "booking_party" NOT NULL,
	"opened_by_id" uuid,
	"category" "dispute_category" NOT NULL,
	"text" text NOT NULL,
	"from_status" "booking_status" NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolution" "dispute_resolution",
	"resolved_by_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"refund_fen" integer,
	CONSTRAINT "booking_disputes_refund" CHECK ("booking_disputes"."refund_fen" is null or "booking_disputes"."refund_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "booking_disputes" ADD CONSTRAINT "booking_disputes_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_disputes" ADD CONSTRAINT "booking_disputes_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_disputes" ADD CONSTRAINT "booking_disputes_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_disputes_booking_key" ON "booking_disputes" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "booking_disputes_open_idx" ON "booking_disputes" USING btree ("opened_at") WHERE "booking_disputes"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "bookings_in_progress_idx" ON "bookings" USING btree ("ends_at") WHERE "bookings"."status" = 'in_progress';