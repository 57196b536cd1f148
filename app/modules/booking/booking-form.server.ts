import { settings } from "~/lib/config.server";
import { notFound } from "~/lib/errors";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { amountDueFen } from "./amounts.server";
import { shanghaiDate } from "./free-times";
import { listFreeTimes } from "./list-free-times.server";

const dayMs = 24 * 3600_000;

export interface FreeDay {
	/** YYYY-MM-DD in Asia/Shanghai. */
	date: string;
	times: Array<{ startsAt: string; endsAt: string }>;
}

export function byShanghaiDay(slots: Array<{ startsAt: Date; endsAt: Date }>): FreeDay[] {
	const days = new Map<string, FreeDay>();
	for (const slot of slots) {
		const date = shanghaiDate(slot.startsAt);
		const day = days.get(date) ?? { date, times: [] };
		day.times.push({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });
		days.set(date, day);
	}
	return [...days.values()];
}

/** The cheapest offering (the first of equals), which the profile and the form start from. */
function cheapestOf<T extends { priceFen: number }>(offerings: T[]): T | undefined {
	return offerings.reduce<T | undefined>((low, item) => (!low || item.priceFen < low.priceFen ? item : low), undefined);
}

/**
 * The profile's week strip: the next seven days' free times of one offering (the cheapest unless
 * the viewer picked another), or null when the coach offers nothing bookable.
 */
export async function weekOfFreeTimes(input: { coachId: string; offeringId?: string; now?: Date }) {
	const now = input.now ?? new Date();
	const terms = await getCoachBookingTerms(input.coachId);
	if (!terms?.bookable) return null;
	const offering = terms.offerings.find((item) => item.id === input.offeringId) ?? cheapestOf(terms.offerings);
	if (!offering) return null;
	if (!terms.availability.acceptingBookings) return { offeringId: offering.id, accepting: false, days: [] };
	const { slots } = await listFreeTimes({
		coachId: terms.coachId,
		offeringId: offering.id,
		now,
		to: new Date(now.getTime() + 7 * dayMs),
	});
	return { offeringId: offering.id, accepting: true, days: byShanghaiDay(slots) };
}

/**
 * What the booking form shows: the coach's offerings with what each costs now (deposit or all),
 * the chosen offering's free times over the next two weeks by day, the places and the policy.
 * Unknown or unapproved coaches answer 404, like their profile.
 */
export async function loadBookingForm(input: { coachId: string; offeringId?: string; now?: Date }) {
	const now = input.now ?? new Date();
	const terms = await getCoachBookingTerms(input.coachId);
	if (!terms?.bookable) throw notFound("booking.errors.coachNotFound");
	const offering = terms.offerings.find((item) => item.id === input.offeringId) ?? cheapestOf(terms.offerings);
	const days =
		offering && terms.availability.acceptingBookings
			? byShanghaiDay((await listFreeTimes({ coachId: terms.coachId, offeringId: offering.id, now })).slots)
			: [];
	return {
		coach: { id: terms.coachId, userId: terms.userId, displayName: terms.displayName },
		accepting: terms.availability.acceptingBookings,
		offerings: terms.offerings.map((item) => ({
			...item,
			depositFen: amountDueFen(item.priceFen, "deposit"),
		})),
		offeringId: offering?.id ?? null,
		days,
		places: terms.places,
		cancellationPolicy: terms.cancellationPolicy,
		depositPercent: settings().BOOKING_DEPOSIT_PERCENT,
		paymentMinutes: settings().BOOKING_PAYMENT_MINUTES,
	};
}
