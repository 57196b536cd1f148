import { createPlayer } from "./fixtures";

/**
 * A lesson of the spec's own that its coach has just finished, reached through the services as
 * for real: booked (as if three hours ago) for the next half hour with a coach open all day, paid
 * through `markBookingPaid`, confirmed, started and finished by the coach. The player then sees
 * the card asking them to confirm; the demo accounts' bookings are left alone.
 */
export async function finishedLesson(options: {
	playerPhone: string;
	coachName: string;
}): Promise<{ bookingId: string; playerId: string; coachUserId: string }> {
	const playerId = await createPlayer(options.playerPhone, "完课球友");
	const { bookableCoach } = await import("../support/bookings");
	const { createBooking } = await import("../../app/modules/booking/create-booking.server");
	const { markBookingPaid } = await import("../../app/modules/booking/mark-booking-paid.server");
	const { confirmBooking } = await import("../../app/modules/booking/answer-booking.server");
	const { progressLesson } = await import("../../app/modules/booking/lesson-progress.server");
	const coach = await bookableCoach(options.coachName, undefined, { allDay: true });
	const halfHour = 30 * 60_000;
	const { booking } = await createBooking({
		caller: { userId: playerId, roles: ["player"] },
		now: new Date(Date.now() - 3 * 3_600_000),
		request: {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: new Date(Math.ceil(Date.now() / halfHour) * halfHour).toISOString(),
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		},
	});
	await markBookingPaid({ bookingId: booking.id, paidFen: booking.depositFen, paymentId: `e2e-${booking.id}` });
	const coachCaller = { userId: coach.userId, roles: ["player" as const, "coach" as const] };
	await confirmBooking({ caller: coachCaller, bookingId: booking.id });
	await progressLesson({ caller: coachCaller, bookingId: booking.id, step: "start" });
	await progressLesson({ caller: coachCaller, bookingId: booking.id, step: "finish" });
	return { bookingId: booking.id, playerId, coachUserId: coach.userId };
}

/** A finished lesson its player disputed (through the service the page calls), for the back office to decide. */
export async function disputedLesson(options: { playerPhone: string; coachName: string }): Promise<{ bookingId: string }> {
	const lesson = await finishedLesson(options);
	const { openDispute } = await import("../../app/modules/booking/completion/open-dispute.server");
	await openDispute({
		caller: { userId: lesson.playerId, roles: ["player"] },
		bookingId: lesson.bookingId,
		dispute: { category: "no_lesson", text: "等了一个小时教练也没有来" },
	});
	return { bookingId: lesson.bookingId };
}
