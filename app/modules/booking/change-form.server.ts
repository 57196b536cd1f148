import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { byShanghaiDay, type FreeDay } from "./booking-form.server";
import { freeStartTimes } from "./free-times";
import { bookedRanges } from "./list-free-times.server";
import { bookingById } from "./present.server";

const dayMs = 24 * 3600_000;

export interface ChangeFormView {
	/** The coach's free times for the booking's length over the next two weeks, by Shanghai day. */
	days: FreeDay[];
	places: Array<{ id: string; name: string; address: string | null }>;
	/** Whether the booking's course may be taught online. */
	online: boolean;
}

/**
 * What the forms proposing another time (and place) for a booking offer: the coach's free times
 * for the booking's length, counting every other booking and proposal as busy but not the
 * booking's own time (a lesson may move by half an hour), and the coach's places. The page has
 * already checked that the caller is one of the booking's people.
 */
export async function loadChangeForm(bookingId: string, now = new Date()): Promise<ChangeFormView | null> {
	const booking = await bookingById(bookingId);
	if (!booking) return null;
	const terms = await getCoachBookingTerms(booking.coachId);
	if (!terms?.bookable) return null;
	const horizon = now.getTime() + terms.availability.maxAdvanceDays * dayMs;
	const to = new Date(Math.min(now.getTime() + 14 * dayMs, horizon));
	const own = (range: { startsAt: Date; endsAt: Date }) =>
		range.startsAt.getTime() === booking.startsAt.getTime() && range.endsAt.getTime() === booking.endsAt.getTime();
	const booked = (await bookedRanges(booking.coachId, now, new Date(to.getTime() + dayMs))).filter((range) => !own(range));
	const slots = freeStartTimes({
		availability: terms.availability,
		durationMinutes: booking.durationMinutes,
		booked,
		now,
		from: now,
		to,
	}).filter((slot) => slot.startsAt.getTime() !== booking.startsAt.getTime());
	return {
		days: byShanghaiDay(slots),
		places: terms.places,
		online: terms.offerings.find((offering) => offering.id === booking.offeringId)?.online ?? false,
	};
}
