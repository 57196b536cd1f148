import { createPlayer } from "./fixtures";

/**
 * A booking of the spec's own waiting for its deposit, for a lesson at the next half hour, so the
 * whole journey (pay, confirm, start, finish, balance, tip) fits in one run: its coach is open all
 * day with no minimum notice. Made through the services, as the booking form would.
 */
export async function bookingToPay(options: { playerPhone: string; coachName: string }) {
	const playerId = await createPlayer(options.playerPhone, "付款球友");
	const { bookableCoach } = await import("../support/bookings");
	const { saveAvailability } = await import("../../app/modules/coaches/availability/save-availability.server");
	const { createBooking } = await import("../../app/modules/booking/create-booking.server");
	const coach = await bookableCoach(options.coachName, undefined, { allDay: true });
	await saveAvailability({
		userId: coach.userId,
		update: {
			weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
			exceptions: [],
			bufferMinutes: 0,
			minNoticeHours: 0,
			maxAdvanceDays: 30,
			acceptingBookings: true,
		},
	});
	// The next half hour: never more than 30 minutes ahead, so the coach may start it at once.
	const halfHour = 30 * 60_000;
	const { booking } = await createBooking({
		caller: { userId: playerId, roles: ["player"] },
		request: {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: new Date(Math.ceil((Date.now() + 1_000) / halfHour) * halfHour).toISOString(),
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "deposit",
		},
	});
	return { bookingId: booking.id, playerId, coachUserId: coach.userId, startsAt: new Date(booking.startsAt) };
}

/**
 * A lesson of the spec's own that took place: its deposit paid in the sandbox (through the payment
 * services, as the cashier page does), confirmed, given and finished by the coach, and confirmed by
 * the player — so the balance is due and a tip may be given.
 */
export async function completedLessonWithDeposit(options: { playerPhone: string; coachName: string }) {
	const lesson = await bookingToPay(options);
	const player = { userId: lesson.playerId, roles: ["player" as const] };
	const coach = { userId: lesson.coachUserId, roles: ["player" as const, "coach" as const] };
	const { startPayment } = await import("../../app/modules/payments/start-payment.server");
	const { completeSandboxPayment } = await import("../../app/modules/payments/sandbox.server");
	const { confirmBooking } = await import("../../app/modules/booking/answer-booking.server");
	const { progressLesson } = await import("../../app/modules/booking/lesson-progress.server");
	const { confirmCompletion } = await import("../../app/modules/booking/completion/confirm-completion.server");
	const deposit = await startPayment({
		caller: player,
		bookingId: lesson.bookingId,
		kind: "deposit",
		method: "sandbox",
		device: { phone: false, inWeChat: false },
	});
	await completeSandboxPayment({ caller: player, paymentId: deposit.paymentId, outcome: "success" });
	await confirmBooking({ caller: coach, bookingId: lesson.bookingId });
	// Started at its booked time, whichever second of the half hour the run began in.
	await progressLesson({ caller: coach, bookingId: lesson.bookingId, step: "start", now: lesson.startsAt });
	await progressLesson({ caller: coach, bookingId: lesson.bookingId, step: "finish" });
	await confirmCompletion({ caller: player, bookingId: lesson.bookingId });
	return lesson;
}

/** The ledger's own check, as `npm run ledger:verify` runs it: the breaks it finds (none is good). */
export async function ledgerBreaks(): Promise<unknown[]> {
	const { db } = await import("../../app/lib/db.server");
	const { verifyLedger } = await import("../../app/modules/payments/ledger/verify-ledger.server");
	return (await verifyLedger(db())).breaks;
}
