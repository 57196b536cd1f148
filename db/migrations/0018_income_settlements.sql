CREATE TYPE "public"."income_settlement_status" AS ENUM('pending', 'available', 'reversed');--> statement-breakpoint
CREATE TABLE "income_settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"journal_key" text NOT NULL,
	"kind" text NOT NULL,
	"coach_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"payment_id" uuid,
	"gross_fen" integer NOT NULL,
	"coach_fen" integer NOT NULL,
	"commission_fen" integer NOT NULL,
	"venue_fen" integer DEFAULT 0 NOT NULL,
	"status" "income_settlement_status" DEFAULT 'pending' NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "income_settlements" ADD CONSTRAINT "income_settlements_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_settlements" ADD CONSTRAINT "income_settlements_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_settlements" ADD CONSTRAINT "income_settlements_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "income_settlements_key" ON "income_settlements" USING btree ("journal_key");--> statement-breakpoint
CREATE INDEX "income_settlements_coach_idx" ON "income_settlements" USING btree ("coach_id","earned_at");--> statement-breakpoint
CREATE INDEX "income_settlements_due_idx" ON "income_settlements" USING btree ("available_at") WHERE "income_settlements"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "income_settlements_booking_idx" ON "income_settlements" USING btree ("booking_id");