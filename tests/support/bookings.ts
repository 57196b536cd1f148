import { createSession } from "~/modules/accounts/sessions.server";
import { createUser } from "~/modules/accounts/users.server";
import { confirmBooking } from "~/modules/booking/answer-booking.server";
import { confirmCompletion } from "~/modules/booking/completion/confirm-completion.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { progressLesson } from "~/modules/booking/lesson-progress.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { saveAvailability } from "~/modules/coaches/availability/save-availability.server";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { createApprovedCoach, createReviewer } from "./coach-journey";

/** A signed-in person for API calls: their id and a bearer token, made through the services. */
export async function signedInUser(displayName: string): Promise<{ userId: string; token: string }> {
	const user = await createUser({ displayName });
	const session = await createSession(user.id, { ip: "127.0.0.1", userAgent: "tests" });
	return { userId: user.id, token: session.token };
}

/**
 * An approved coach open every day from 09:00 to 21:00 (Shanghai), with a 15-minute buffer, two
 * hours' notice (so no free time a test picks can pass while it runs) and a 30-day horizon, signed
 * in; its one offering is 60 minutes of basic lessons. `allDay` opens every hour of every day, for
 * tests that need a lesson close to the present whatever the time of day.
 */
export async function bookableCoach(
	displayName: string,
	point = { latitude: 31.23, longitude: 121.47 },
	options: { allDay?: boolean; styleTags?: string[] } = {},
) {
	const reviewer = await createReviewer();
	const coach = await createApprovedCoach({ displayName, point, reviewer, styleTags: options.styleTags });
	await saveAvailability({
		userId: coach.userId,
		update: {
			weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
				options.allDay ? { weekday, start: "00:00", end: "24:00" } : { weekday, start: "09:00", end: "21:00" },
			),
			exceptions: [],
			bufferMinutes: 15,
			minNoticeHours: 2,
			maxAdvanceDays: 30,
			acceptingBookings: true,
		},
	});
	const terms = await getCoachBookingTerms(coach.coachId);
	const session = await createSession(coach.userId, { ip: "127.0.0.1", userAgent: "tests" });
	return {
		...coach,
		token: session.token,
		offeringId: terms?.offerings[0]?.id as string,
		placeId: terms?.places[0]?.id as string,
	};
}

const hourMs = 3_600_000;
const halfHour = 30 * 60_000;
let pastLessons = 0;

/**
 * A lesson of `coach` with `player` about `daysAgo` days back — each one two hours before the last,
 * so several never overlap — made through the booking services with `now` in the past: booked,
 * paid in full and confirmed by the coach half an hour later.
 */
export async function bookedLesson(
	coach: { userId: string; coachId: string; offeringId: string; placeId: string },
	player: { userId: string },
	daysAgo = 2,
): Promise<{ id: string; startsAt: Date }> {
	pastLessons += 1;
	const startsAt = new Date(Math.floor((Date.now() - daysAgo * 24 * hourMs) / halfHour) * halfHour - pastLessons * 2 * hourMs);
	const bookedAt = new Date(startsAt.getTime() - 5 * hourMs);
	const { booking } = await createBooking({
		caller: { userId: player.userId, roles: ["player"] },
		now: bookedAt,
		request: {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: startsAt.toISOString(),
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		},
	});
	await markBookingPaid({
		bookingId: booking.id,
		paidFen: booking.depositFen,
		paymentId: `past-lesson-${pastLessons}`,
		paidAt: bookedAt,
	});
	// Answered half an hour after the payment, as a prompt coach would (reliability times the answer).
	await confirmBooking({
		caller: { userId: coach.userId, roles: ["player", "coach"] },
		bookingId: booking.id,
		now: new Date(bookedAt.getTime() + halfHour),
	});
	return { id: booking.id, startsAt };
}

/** bookedLesson, then taken: the coach starts and finishes it, and the player confirms it completed. Answers its id. */
export async function completedLesson(
	coach: { userId: string; coachId: string; offeringId: string; placeId: string },
	player: { userId: string },
	daysAgo = 2,
): Promise<string> {
	const { id, startsAt } = await bookedLesson(coach, player, daysAgo);
	const coachCaller = { userId: coach.userId, roles: ["player" as const, "coach" as const] };
	await progressLesson({ caller: coachCaller, bookingId: id, step: "start", now: startsAt });
	await progressLesson({ caller: coachCaller, bookingId: id, step: "finish", now: new Date(startsAt.getTime() + hourMs) });
	await confirmCompletion({
		caller: { userId: player.userId, roles: ["player"] },
		bookingId: id,
		now: new Date(startsAt.getTime() + hourMs + 60_000),
	});
	return id;
}
