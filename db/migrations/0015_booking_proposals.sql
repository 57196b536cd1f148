ALTER TABLE "booking_proposals" ADD COLUMN "old_address_enc" text;--> statement-breakpoint
ALTER TABLE "booking_proposals" ADD COLUMN "new_address_enc" text;--> statement-breakpoint
-- No double booking now also counts an open proposal's time: each active booking holds its current
-- range and, while a new time is proposed, that range too, so two proposals (or a proposal and a new
-- booking) for overlapping time of one coach can never both succeed. A booking may propose a time
-- overlapping its own (the constraint compares different rows only). The name stays, so the
-- application's 23P01 → 409 slot_taken mapping applies unchanged. tstzrange(NULL, NULL) would be
-- unbounded, hence the CASE for "no proposal".
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_no_double_booking";--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_double_booking" EXCLUDE USING gist (
	"coach_id" WITH =,
	tstzmultirange(
		tstzrange("starts_at", "holds_until", '[)'),
		CASE WHEN "proposed_starts_at" IS NULL THEN 'empty'::tstzrange
			ELSE tstzrange("proposed_starts_at", "proposed_holds_until", '[)') END
	) WITH &&
) WHERE ("status" IN ('pending_payment', 'pending_confirmation', 'confirmed', 'in_progress'));
