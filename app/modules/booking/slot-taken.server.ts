import { AppError, causeChain } from "~/lib/errors";
import type { CoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { freeStartTimes, type TimeRange } from "./free-times";
import { bookedRanges } from "./list-free-times.server";

const dayMs = 24 * 3600_000;

/** Whether a database error (wrapped by drizzle or not) carries this SQLSTATE. */
export const isCode = (error: unknown, code: string) =>
	causeChain(error).some((link) => (link as { code?: unknown }).code === code);

/** The exclusion constraint `bookings_no_double_booking` refused a time: another booking or proposal holds it. */
export const isSlotConflict = (error: unknown) => isCode(error, "23P01");

/** The free times nearest a taken one (same day and the next ones), for the player to pick instead. */
async function alternativesTo(
	terms: CoachBookingTerms,
	durationMinutes: number,
	startsAt: Date,
	now: Date,
): Promise<TimeRange[]> {
	const from = new Date(Math.max(now.getTime(), startsAt.getTime() - dayMs));
	const to = new Date(startsAt.getTime() + 3 * dayMs);
	const booked = await bookedRanges(terms.coachId, from, new Date(to.getTime() + dayMs));
	return freeStartTimes({ availability: terms.availability, durationMinutes, booked, now, from, to })
		.sort((a, b) => Math.abs(a.startsAt.getTime() - startsAt.getTime()) - Math.abs(b.startsAt.getTime() - startsAt.getTime()))
		.slice(0, 3)
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * The answer to a time the constraint refused, for a new booking and for a proposed change alike:
 * 409 slot_taken with the nearest free times.
 */
export async function slotTaken(terms: CoachBookingTerms, durationMinutes: number, startsAt: Date, now: Date): Promise<AppError> {
	const alternatives = await alternativesTo(terms, durationMinutes, startsAt, now);
	return new AppError(409, "slot_taken", "booking.errors.slotTaken", {
		extra: {
			alternatives: alternatives.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() })),
		},
	});
}
