import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findUserByPhone, rolesOf } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { openDemoCoachHours } from "~/modules/coaches/demo/open-demo-hours.server";
import { bookings } from "../../../../db/schema";
import { confirmBooking, rejectBooking } from "../answer-booking.server";
import { proposeAdjustment } from "../booking-changes.server";
import type { Caller } from "../booking-record.server";
import { cancelBooking } from "../cancel-booking.server";
import { confirmCompletion } from "../completion/confirm-completion.server";
import { openDispute } from "../completion/open-dispute.server";
import { createBooking } from "../create-booking.server";
import { expireUnpaidBookings } from "../expire-unpaid-bookings.server";
import { progressLesson } from "../lesson-progress.server";
import { listFreeTimes } from "../list-free-times.server";
import { markBookingPaid } from "../mark-booking-paid.server";

const dayMs = 24 * 3600_000;

export type DemoPayer = (payment: { bookingId: string; playerId: string; amountFen: number; paidAt: Date }) => Promise<void>;

const payDirectly: DemoPayer = async (payment) => {
	await markBookingPaid({
		bookingId: payment.bookingId,
		paidFen: payment.amountFen,
		paymentId: `demo-${payment.bookingId}`,
		paidAt: payment.paidAt,
	});
};
const minuteMs = 60_000;

/**
 * The demo player (13800000001) books the demo coach (13800000002) into every state of the life
 * cycle, through the same services the app uses (past bookings are made with a `now` in the past),
 * so a fresh start shows a full inbox, history and timelines. Runs after the coaches' seed, outside
 * its transaction (each service commits its own); does nothing once the demo player has bookings.
 * `pay` is how a booking gets paid: the payments module's sandbox when the whole app seeds (so the
 * ledger holds every demo payment), `markBookingPaid` alone by default.
 */
export async function seedDemoBookings(options: { now?: Date; pay?: DemoPayer } = {}): Promise<number> {
	const now = options.now ?? new Date();
	const pay = options.pay ?? payDirectly;
	const playerUser = await findUserByPhone("+8613800000001");
	const coachUser = await findUserByPhone("+8613800000002");
	if (!playerUser || !coachUser) return 0;
	const [existing] = await db().select({ id: bookings.id }).from(bookings).where(eq(bookings.playerId, playerUser.id)).limit(1);
	if (existing) return 0;
	const coach = await findCoachOfUser(coachUser.id, db());
	const terms = coach ? await getCoachBookingTerms(coach.id) : undefined;
	const offering = terms?.offerings[0];
	const place = terms?.places[0];
	if (!terms?.bookable || !offering || !place) return 0;

	const player: Caller = { userId: playerUser.id, roles: (await rolesOf(playerUser.id)).roles };
	const coachCaller: Caller = { userId: coachUser.id, roles: (await rolesOf(coachUser.id)).roles };
	const lessonMs = offering.durationMinutes * minuteMs;

	/** Books the first free time after `after`, as if booked at `bookedAt`, and pays it unless told not to. */
	async function book(bookedAt: Date, after: Date, options: { pay?: boolean; before?: Date } = {}) {
		const { slots } = await listFreeTimes({ coachId: terms!.coachId, offeringId: offering!.id, now: bookedAt, from: after });
		const slot = options.before
			? slots.filter((candidate) => candidate.startsAt < (options.before as Date)).at(-1)
			: slots.find((candidate) => candidate.startsAt >= after);
		if (!slot) return null;
		const { booking } = await createBooking({
			caller: player,
			now: bookedAt,
			request: {
				coachId: terms!.coachId,
				offeringId: offering!.id,
				startsAt: slot.startsAt.toISOString(),
				location: { kind: "venue", placeId: place!.id },
				paymentPlan: "full",
				note: "想练习中杆走位和清台思路",
			},
		});
		if (options.pay !== false) {
			await pay({ bookingId: booking.id, playerId: player.userId, amountFen: booking.priceFen, paidAt: bookedAt });
		}
		return { id: booking.id, startsAt: slot.startsAt };
	}

	let made = 0;
	const days = (count: number) => new Date(now.getTime() + count * dayMs);

	// First, so no other demo booking takes its time: an online lesson whose video room is open from
	// the moment the demo data loads (it opens 10 minutes before the start) for well over an hour.
	const onlineOffering = terms.offerings.find((candidate) => candidate.online);
	if (onlineOffering) {
		const halfHourMs = 30 * minuteMs;
		const startsAt = new Date(Math.floor((now.getTime() + 10 * minuteMs) / halfHourMs) * halfHourMs);
		const endsAt = new Date(startsAt.getTime() + onlineOffering.durationMinutes * minuteMs);
		await openDemoCoachHours({ userId: coachUser.id, startsAt, endsAt });
		const bookedAt = days(-1);
		const { booking } = await createBooking({
			caller: player,
			now: bookedAt,
			request: {
				coachId: terms.coachId,
				offeringId: onlineOffering.id,
				startsAt: startsAt.toISOString(),
				location: { kind: "online" },
				paymentPlan: "full",
				note: "线上看我的出杆动作，我把手机架在球台边",
			},
		});
		await pay({ bookingId: booking.id, playerId: player.userId, amountFen: booking.priceFen, paidAt: bookedAt });
		await confirmBooking({ caller: coachCaller, bookingId: booking.id });
		made++;
	}

	const completed = await book(days(-12), days(-9));
	if (completed) {
		await confirmBooking({ caller: coachCaller, bookingId: completed.id });
		await progressLesson({ caller: coachCaller, bookingId: completed.id, step: "start", now: completed.startsAt });
		const end = new Date(completed.startsAt.getTime() + lessonMs);
		await progressLesson({ caller: coachCaller, bookingId: completed.id, step: "finish", now: end });
		await confirmCompletion({ caller: player, bookingId: completed.id, now: new Date(end.getTime() + 60 * minuteMs) });
		made++;
	}
	// Earlier lessons, confirmed weeks ago and long past their dispute window: settled and released
	// on every fresh start (payments' demo income), so the coach has income to see and withdraw.
	for (const [bookedDay, fromDay] of [
		[-27, -25],
		[-20, -18],
	] as const) {
		const earlier = await book(days(bookedDay), days(fromDay));
		if (!earlier) continue;
		await confirmBooking({ caller: coachCaller, bookingId: earlier.id });
		await progressLesson({ caller: coachCaller, bookingId: earlier.id, step: "start", now: earlier.startsAt });
		const end = new Date(earlier.startsAt.getTime() + lessonMs);
		await progressLesson({ caller: coachCaller, bookingId: earlier.id, step: "finish", now: end });
		await confirmCompletion({ caller: player, bookingId: earlier.id, now: new Date(end.getTime() + 30 * minuteMs) });
		made++;
	}
	// A lesson the player says was cut short: disputed instead of confirmed, waiting in the back office.
	const disputed = await book(days(-9), days(-7));
	if (disputed) {
		await confirmBooking({ caller: coachCaller, bookingId: disputed.id });
		await progressLesson({ caller: coachCaller, bookingId: disputed.id, step: "start", now: disputed.startsAt });
		const end = new Date(disputed.startsAt.getTime() + lessonMs);
		await progressLesson({ caller: coachCaller, bookingId: disputed.id, step: "finish", now: end });
		await openDispute({
			caller: player,
			bookingId: disputed.id,
			dispute: { category: "late_or_short", text: "教练晚到了半小时，结束时间没有顺延，实际只上了半小时。" },
			now: new Date(end.getTime() + 30 * minuteMs),
		});
		made++;
	}
	const noShow = await book(days(-10), days(-6));
	if (noShow) {
		await confirmBooking({ caller: coachCaller, bookingId: noShow.id });
		const late = new Date(noShow.startsAt.getTime() + 20 * minuteMs);
		await progressLesson({ caller: coachCaller, bookingId: noShow.id, step: "no_show", now: late });
		made++;
	}
	const rejected = await book(days(-6), days(-4));
	if (rejected) {
		await rejectBooking({ caller: coachCaller, bookingId: rejected.id, reason: "当天要参加比赛，抱歉" });
		made++;
	}
	if (await book(days(-5), days(-3), { pay: false })) {
		// Never paid: its deadline passed days ago, so the sweep expires it now.
		await expireUnpaidBookings(now);
		made++;
	}
	// A lesson that began before now and has not been finished yet.
	const inProgress = await book(days(-3), days(-2), { before: now });
	if (inProgress && inProgress.startsAt.getTime() > now.getTime() - dayMs) {
		await confirmBooking({ caller: coachCaller, bookingId: inProgress.id });
		await progressLesson({ caller: coachCaller, bookingId: inProgress.id, step: "start", now: inProgress.startsAt });
		made++;
	} else if (inProgress) {
		await cancelBooking({ caller: player, bookingId: inProgress.id, reason: "临时有事", now: days(-2) });
		made++;
	}

	// A lesson the coach finished: it waits for the player to confirm (or completes by itself a day
	// after the finish). The coach's hours may leave the last day empty, so the lesson may be older;
	// the finish is then recorded late, two hours ago, so the wait is still running on every start.
	const finished = await book(days(-8), days(-7), { before: new Date(now.getTime() - 2 * 3_600_000) });
	if (finished) {
		await confirmBooking({ caller: coachCaller, bookingId: finished.id });
		await progressLesson({ caller: coachCaller, bookingId: finished.id, step: "start", now: finished.startsAt });
		const end = new Date(finished.startsAt.getTime() + lessonMs);
		const finishedAt = new Date(Math.max(end.getTime(), now.getTime() - 2 * 3_600_000));
		await progressLesson({ caller: coachCaller, bookingId: finished.id, step: "finish", now: finishedAt });
		made++;
	}

	const pendingConfirmation = await book(now, days(1));
	if (pendingConfirmation) made++;
	if (await book(now, days(2), { pay: false })) made++;
	const cancelled = await book(now, days(3));
	if (cancelled) {
		await cancelBooking({ caller: player, bookingId: cancelled.id, reason: "临时要出差" });
		made++;
	}
	const confirmed = await book(now, days(4));
	if (confirmed) {
		await confirmBooking({ caller: coachCaller, bookingId: confirmed.id });
		made++;
	}
	// A paid booking the coach answered with another time and place, waiting for the player.
	const adjusted = await book(now, days(5));
	if (adjusted) {
		const { slots } = await listFreeTimes({ coachId: terms.coachId, offeringId: offering.id, from: days(6) });
		const later = slots.find((slot) => slot.startsAt.getTime() - adjusted.startsAt.getTime() > 3 * 3_600_000);
		await proposeAdjustment({
			caller: coachCaller,
			bookingId: adjusted.id,
			request: {
				...(later ? { startsAt: later.startsAt.toISOString() } : {}),
				location: { kind: "address", address: "徐汇区漕溪北路 88 号 3 楼台球室" },
				message: "那天上午我有比赛，改到这个时间可以吗？我可以到你那边上课。",
			},
		});
		made++;
	}
	return made;
}
