import { createSession } from "~/modules/accounts/sessions.server";
import { createUser } from "~/modules/accounts/users.server";
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
	options: { allDay?: boolean } = {},
) {
	const reviewer = await createReviewer();
	const coach = await createApprovedCoach({ displayName, point, reviewer });
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
