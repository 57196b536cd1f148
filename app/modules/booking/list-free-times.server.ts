import { and, eq, gt, inArray, lt } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { type CoachBookingTerms, getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { bookings } from "../../../db/schema";
import { freeStartTimes, type TimeRange } from "./free-times";
import { activeStatuses } from "./lifecycle";

const dayMs = 24 * 3600_000;

/** Lessons holding a coach's time in a period (active bookings), as booked. */
export async function bookedRanges(coachId: string, from: Date, to: Date, tx: DbOrTx = db()): Promise<TimeRange[]> {
	return tx
		.select({ startsAt: bookings.startsAt, endsAt: bookings.endsAt })
		.from(bookings)
		.where(
			and(
				eq(bookings.coachId, coachId),
				inArray(bookings.status, [...activeStatuses]),
				// A lesson that ends (with its buffer) after `from` and starts before `to` matters.
				gt(bookings.holdsUntil, from),
				lt(bookings.startsAt, to),
			),
		);
}

export function offeringOf(terms: CoachBookingTerms, offeringId: string) {
	const offering = terms.offerings.find((candidate) => candidate.id === offeringId);
	if (!offering)
		throw new AppError(400, "validation_failed", "booking.errors.offering", {
			fields: { offeringId: "booking.errors.offering" },
		});
	return offering;
}

/**
 * A coach's free start times for one offering over a period (by default the next 14 days, at most
 * the booking horizon). Unknown or unapproved coaches answer 404, like their profile.
 */
export async function listFreeTimes(input: {
	coachId: string;
	offeringId: string;
	from?: Date;
	to?: Date;
	now?: Date;
}): Promise<{ slots: TimeRange[]; accepting: boolean; timeZone: "Asia/Shanghai" }> {
	const now = input.now ?? new Date();
	const terms = await getCoachBookingTerms(input.coachId);
	if (!terms?.bookable) throw notFound("booking.errors.coachNotFound");
	const offering = offeringOf(terms, input.offeringId);
	const from = input.from && input.from > now ? input.from : now;
	const horizonEnd = new Date(now.getTime() + terms.availability.maxAdvanceDays * dayMs);
	const requestedEnd = input.to ?? new Date(from.getTime() + 14 * dayMs);
	const to = requestedEnd < horizonEnd ? requestedEnd : horizonEnd;
	if (to.getTime() - from.getTime() > 62 * dayMs) {
		throw new AppError(400, "validation_failed", "booking.errors.periodTooLong", {
			fields: { to: "booking.errors.periodTooLong" },
		});
	}
	const booked = to > from ? await bookedRanges(terms.coachId, from, new Date(to.getTime() + dayMs)) : [];
	const slots = freeStartTimes({
		availability: terms.availability,
		durationMinutes: offering.durationMinutes,
		booked,
		now,
		from,
		to,
	});
	return { slots, accepting: terms.availability.acceptingBookings, timeZone: "Asia/Shanghai" };
}
