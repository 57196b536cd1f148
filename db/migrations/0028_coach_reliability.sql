ALTER TABLE "bookings" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "reliability" jsonb;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "preferred_since" timestamp with time zone;