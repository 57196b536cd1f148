import { confirmBooking } from "~/modules/booking/answer-booking.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import { bookableCoach } from "./bookings";

const hourMs = 3_600_000;
const halfHour = 30 * 60_000;

/** A coach open all day whose one offering (60 minutes, basic) can be taught online; signed in. */
export async function onlineCoach(displayName: string) {
	const coach = await bookableCoach(displayName, undefined, { allDay: true });
	await saveOfferings({
		userId: coach.userId,
		update: {
			offerings: [{ courseType: "basic", durationMinutes: 60, priceFen: 20000, online: true }],
			cancellationPolicy: "moderate",
		},
	});
	const terms = await getCoachBookingTerms(coach.coachId);
	return { ...coach, offeringId: terms?.offerings[0]?.id as string };
}

/** The half hour the present falls in: a lesson starting then has its room open now. */
export const currentHalfHour = () => new Date(Math.floor(Date.now() / halfHour) * halfHour);

/**
 * A confirmed lesson of `coach` with `player` at `startsAt`, online or at the coach's place, made
 * through the booking services with `now` five hours earlier (so any time today can be booked):
 * booked, paid in full, confirmed.
 */
export async function confirmedLesson(
	coach: { userId: string; coachId: string; offeringId: string; placeId: string },
	player: { userId: string },
	startsAt: Date,
	kind: "online" | "venue" = "online",
): Promise<string> {
	const bookedAt = new Date(startsAt.getTime() - 5 * hourMs);
	const { booking } = await createBooking({
		caller: { userId: player.userId, roles: ["player"] },
		now: bookedAt,
		request: {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: startsAt.toISOString(),
			location: kind === "online" ? { kind: "online" } : { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		},
	});
	await markBookingPaid({
		bookingId: booking.id,
		paidFen: booking.depositFen,
		paymentId: `online-${booking.id}`,
		paidAt: bookedAt,
	});
	await confirmBooking({ caller: { userId: coach.userId, roles: ["player", "coach"] }, bookingId: booking.id });
	return booking.id;
}
