import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { resolveDispute } from "~/modules/booking/admin/resolve-dispute.server";
import { confirmBooking, rejectBooking } from "~/modules/booking/answer-booking.server";
import { cancelBooking } from "~/modules/booking/cancel-booking.server";
import { cancelUnansweredBookings } from "~/modules/booking/cancel-unanswered-bookings.server";
import { openDispute } from "~/modules/booking/completion/open-dispute.server";
import { reviewableLesson } from "~/modules/booking/completion/reviewable-lesson.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { progressLesson } from "~/modules/booking/lesson-progress.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { refreshAllCoachStandings } from "~/modules/booking/reliability/refresh-reliability.server";
import { writeReview } from "~/modules/coaches/reviews/write-review.server";
import { apiCall, fetchPage } from "../support/api-client";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { demoStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Coach reliability over 90 days from crafted bookings (payment and answer times given), read
 * where players and clients meet it (GET /api/v1/coaches/:id and the profile page), and the
 * 优选教练 badge given and taken by the daily recomputation as a coach crosses each bar.
 */
let app: TestApp;
const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const halfHour = 30 * minuteMs;
let slot = 0;

type Coach = Awaited<ReturnType<typeof bookableCoach>>;
const coachCaller = (coach: Coach) => ({ userId: coach.userId, roles: ["player" as const, "coach" as const] });

/** A booking request paid 20 hours before its start, a few days back (each one two hours apart). */
async function paidRequest(coach: Coach, player: { userId: string }) {
	slot += 1;
	const startsAt = new Date(Math.floor((Date.now() - 3 * 24 * hourMs) / halfHour) * halfHour - slot * 2 * hourMs);
	const paidAt = new Date(startsAt.getTime() - 20 * hourMs);
	const { booking } = await createBooking({
		caller: { userId: player.userId, roles: ["player"] },
		now: paidAt,
		request: {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: startsAt.toISOString(),
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		},
	});
	await markBookingPaid({ bookingId: booking.id, paidFen: booking.depositFen, paymentId: `reliability-${slot}`, paidAt });
	return { id: booking.id, startsAt, paidAt };
}

const confirmedAfter = async (coach: Coach, request: { id: string; paidAt: Date }, minutes: number) =>
	confirmBooking({
		caller: coachCaller(coach),
		bookingId: request.id,
		now: new Date(request.paidAt.getTime() + minutes * minuteMs),
	});

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("coach reliability", () => {
	it("counts acceptance, the median answer, cancellations and no-shows of the coach exactly, on the API and the profile", async () => {
		const coach = await bookableCoach("守时教练", undefined, { allDay: true });
		const player = await signedInUser("可靠性学员");
		const staff = await findUserByPhone(demoStaff("13800000004").phone);
		if (!staff) throw new Error("staff");

		const fresh = await apiCall(app, "GET", `/coaches/${coach.coachId}`, null);
		expect(fresh.body.reliability).toEqual({
			acceptanceRate: null,
			medianAnswerMinutes: null,
			coachCancellations: 0,
			coachNoShows: 0,
			bookings90d: 0,
			enoughData: false,
		});
		expect(await (await fetchPage(app, `/coaches/${coach.coachId}`)).text()).toContain("履约数据不足");

		// Answered after 30, 90 and 10 minutes; one declined after 60; one never answered.
		for (const minutes of [30, 90, 10]) await confirmedAfter(coach, await paidRequest(coach, player), minutes);
		const declined = await paidRequest(coach, player);
		await rejectBooking({
			caller: coachCaller(coach),
			bookingId: declined.id,
			reason: "那天有比赛",
			now: new Date(declined.paidAt.getTime() + 60 * minuteMs),
		});
		await paidRequest(coach, player);
		expect(await cancelUnansweredBookings()).toBe(1);
		// Accepted after 20 minutes, then cancelled by the coach.
		const cancelled = await paidRequest(coach, player);
		await confirmedAfter(coach, cancelled, 20);
		await cancelBooking({
			caller: coachCaller(coach),
			bookingId: cancelled.id,
			reason: "临时有事",
			now: new Date(cancelled.startsAt.getTime() - 5 * hourMs),
		});
		// Accepted after 40 minutes; the coach never came: the back office decides the player's dispute for the player.
		const absent = await paidRequest(coach, player);
		await confirmedAfter(coach, absent, 40);
		await progressLesson({ caller: coachCaller(coach), bookingId: absent.id, step: "start", now: absent.startsAt });
		await openDispute({
			caller: { userId: player.userId, roles: ["player"] },
			bookingId: absent.id,
			dispute: { category: "no_lesson", text: "教练没有来球房" },
			now: new Date(absent.startsAt.getTime() + 30 * minuteMs),
		});
		await resolveDispute({
			caller: { userId: staff.id, roles: ["support"] },
			bookingId: absent.id,
			decision: { decision: "for_player", note: "球房证实教练未到" },
		});

		// 7 requests: 5 accepted; answers 10, 20, 30, 40, 60, 90 minutes (median 35); kept by the events, no job run.
		const profile = await apiCall(app, "GET", `/coaches/${coach.coachId}`, null);
		expect(profile.status, profile.text).toBe(200);
		expect(profile.body.reliability).toEqual({
			acceptanceRate: 0.71,
			medianAnswerMinutes: 35,
			coachCancellations: 1,
			coachNoShows: 1,
			bookings90d: 7,
			enoughData: true,
		});
		const html = await (await fetchPage(app, `/coaches/${coach.coachId}`)).text();
		expect(html).toContain("通常 1 小时内确认");
		expect(html).toContain("接单率 71%");
		expect(html).toContain("近 90 天 1 次爽约");
		expect(html).toContain("近 90 天教练取消 1 次");
	});
});

describe("the 优选教练 badge", () => {
	it("is given by the daily recomputation past every bar, and taken when the coach no longer clears one", async () => {
		const coach = await bookableCoach("优选教练候选", undefined, { allDay: true });
		const badgesOf = async () => {
			const profile = await apiCall(app, "GET", `/coaches/${coach.coachId}`, null);
			expect(profile.status).toBe(200);
			return profile.body.badges as string[];
		};
		// 19 lessons answered within half an hour, each reviewed 5 stars: one lesson short.
		const players = await Promise.all(Array.from({ length: 20 }, (_, n) => signedInUser(`优选学员${n}`)));
		const reviewed = async (player: { userId: string }) => {
			const bookingId = await completedLesson(coach, player, 3);
			const lesson = await reviewableLesson(bookingId, player.userId);
			await writeReview({
				lesson,
				review: { overall: 5, aspects: { attitude: 5, skill: 5, service: 5 }, tags: [], text: undefined, anonymous: true },
			});
		};
		for (const player of players.slice(0, 19)) await reviewed(player);
		await refreshAllCoachStandings();
		expect(await badgesOf()).not.toContain("preferred");

		const twentieth = players[19];
		if (!twentieth) throw new Error("players");
		await reviewed(twentieth);
		// Not before the daily recomputation: the badge is decided once a day.
		expect(await badgesOf()).not.toContain("preferred");
		await refreshAllCoachStandings();
		expect(await badgesOf()).toContain("preferred");
		const card = await apiCall(app, "GET", `/coaches?city=shanghai&sort=rating`, null);
		expect(card.status, card.text).toBe(200);
		const listed = (card.body.items as Array<{ id: string; badges: string[] }>).find((item) => item.id === coach.coachId);
		expect(listed?.badges).toContain("preferred");
		expect(await (await fetchPage(app, `/coaches/${coach.coachId}`)).text()).toContain("优选教练");

		// A cancellation by the coach: 1 of 21 requests is under 5 %, the badge stays.
		const player = players[0];
		if (!player) throw new Error("players");
		const first = await paidRequest(coach, player);
		await confirmedAfter(coach, first, 15);
		await cancelBooking({
			caller: coachCaller(coach),
			bookingId: first.id,
			reason: "生病",
			now: new Date(first.startsAt.getTime() - 5 * hourMs),
		});
		await refreshAllCoachStandings();
		expect(await badgesOf()).toContain("preferred");
		// A second one: 2 of 22 is over 5 %, the badge is lost.
		const second = await paidRequest(coach, player);
		await confirmedAfter(coach, second, 15);
		await cancelBooking({
			caller: coachCaller(coach),
			bookingId: second.id,
			reason: "生病",
			now: new Date(second.startsAt.getTime() - 5 * hourMs),
		});
		await refreshAllCoachStandings();
		expect(await badgesOf()).not.toContain("preferred");
	});
});
