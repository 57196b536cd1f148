CREATE TABLE "lesson_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"party" "booking_party" NOT NULL,
	"user_id" uuid NOT NULL,
	"device" text NOT NULL,
	"participant_sid" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "lesson_attendance_party" CHECK ("lesson_attendance"."party" in ('player', 'coach')),
	CONSTRAINT "lesson_attendance_device" CHECK ("lesson_attendance"."device" in ('main', 'second'))
);
--> statement-breakpoint
CREATE TABLE "livekit_webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lesson_attendance" ADD CONSTRAINT "lesson_attendance_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_attendance" ADD CONSTRAINT "lesson_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesson_attendance_booking_idx" ON "lesson_attendance" USING btree ("booking_id","joined_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_attendance_participant" ON "lesson_attendance" USING btree ("participant_sid");