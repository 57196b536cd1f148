import { and, eq, gt, inArray, lt, or } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { type CoachBookingTerms, getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { bookings } from "../../../db/schema";
import { freeStartTimes, type TimeRange } from "./free-times";
import { activeStatuses } from "./lifecycle";

const dayMs = 24 * 3600_000;

/**
 * Lessons holding a coach's time in a period (active bookings), as booked, and the times open
 * proposals would move them to: a proposal holds its time like a booking until it is answered.
 */
export async function bookedRanges(coachId: string, from: Date, to: Date, tx: DbOrTx = db()): Promise<TimeRange[]> {
	const rows = await tx
		.select({
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			proposedStartsAt: bookings.proposedStartsAt,
			proposedEndsAt: bookings.proposedEndsAt,
		})
		.from(bookings)
		.where(
			and(
				eq(bookings.coachId, coachId),
				inArray(bookings.status, [...activeStatuses]),
				// A lesson (or proposal) that ends, with its buffer, after `from` and starts before `to` matters.
				or(
					and(gt(bookings.holdsUntil, from), lt(bookings.startsAt, to)),
					and(gt(bookings.proposedHoldsUntil, from), lt(bookings.proposedStartsAt, to)),
				),
			),
		);
	return rows.flatMap((row) => {
		const lesson = { startsAt: row.startsAt, endsAt: row.endsAt };
		return row.proposedStartsAt && row.proposedEndsAt
			? [lesson, { startsAt: row.proposedStartsAt, endsAt: row.proposedEndsAt }]
			: [lesson];
	});
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
