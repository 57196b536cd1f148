import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { confirmBooking } from "~/modules/booking/answer-booking.server";
import { confirmCompletion } from "~/modules/booking/completion/confirm-completion.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { progressLesson } from "~/modules/booking/lesson-progress.server";
import { listFreeTimes } from "~/modules/booking/list-free-times.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { seedDemoLearning } from "~/modules/learning/demo/seed-demo-learning.server";
import { apiCall, pageGet, pagePost } from "../support/api-client";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Learning on a fresh start and through its pages as a browser without JavaScript meets them: the
 * demo coach's record of the demo player's lesson, the player's practice, progress with a chart and
 * a plan; the coach's tap counters answered by the server; the record on the player's booking.
 * Only the demo accounts and coaches are seeded (the whole demo is slow on two cores); the demo
 * player's completed lesson with the demo coach is made through the booking services, as the
 * reviews demo makes it on a real start.
 */
let app: TestApp;
let playerToken: string;
let coachToken: string;
const tokenOf = async (phone: string) => {
	const user = await findUserByPhone(phone);
	return (await createSession(user?.id as string, { ip: "127.0.0.1", userAgent: "tests" })).token;
};

const dayMs = 24 * 3_600_000;
async function demoLessonYesterday() {
	const player = await findUserByPhone("+8613800000001");
	const coachUser = await findUserByPhone("+8613800000002");
	const coach = await findCoachOfUser(coachUser?.id as string, db());
	const terms = await getCoachBookingTerms(coach?.id as string);
	const offering = terms?.offerings[0];
	const place = terms?.places[0];
	const after = new Date(Date.now() - 2 * dayMs);
	const bookedAt = new Date(after.getTime() - 2 * dayMs);
	const { slots } = await listFreeTimes({
		coachId: coach?.id as string,
		offeringId: offering?.id as string,
		now: bookedAt,
		from: after,
	});
	const slot = slots.find((candidate) => candidate.startsAt >= after && candidate.startsAt.getTime() < Date.now() - dayMs);
	const playerCaller = { userId: player?.id as string, roles: ["player" as const] };
	const coachCaller = { userId: coachUser?.id as string, roles: ["player" as const, "coach" as const] };
	const { booking } = await createBooking({
		caller: playerCaller,
		now: bookedAt,
		request: {
			coachId: coach?.id as string,
			offeringId: offering?.id as string,
			startsAt: slot?.startsAt.toISOString() as string,
			location: { kind: "venue", placeId: place?.id as string },
			paymentPlan: "full",
		},
	});
	await markBookingPaid({ bookingId: booking.id, paidFen: booking.depositFen, paymentId: "demo-learning", paidAt: bookedAt });
	await confirmBooking({ caller: coachCaller, bookingId: booking.id });
	const startsAt = slot?.startsAt as Date;
	await progressLesson({ caller: coachCaller, bookingId: booking.id, step: "start", now: startsAt });
	const end = new Date(startsAt.getTime() + (offering?.durationMinutes ?? 60) * 60_000);
	await progressLesson({ caller: coachCaller, bookingId: booking.id, step: "finish", now: end });
	await confirmCompletion({ caller: playerCaller, bookingId: booking.id, now: new Date(end.getTime() + 60_000) });
}

beforeAll(async () => {
	await db().transaction(async (tx) => (await seedDemoAccounts(tx)) + (await seedDemoCoaches(tx)));
	await demoLessonYesterday();
	await seedDemoLearning();
	app = await startTestApp();
	playerToken = await tokenOf("+8613800000001");
	coachToken = await tokenOf("+8613800000002");
	return () => app.close();
});

describe("demo learning", () => {
	it("gives the demo player a lesson record, practice, rates with n, a chart and an explained plan, once", async () => {
		const progress = await apiCall(app, "GET", "/me/progress?discipline=chinese_8_ball", playerToken);
		expect(progress.status).toBe(200);
		expect(progress.body.lessonsCompleted).toBe(1);
		// Record: drills 8/10 + 5/10, shots 16/20 + 11/24 + 6/14 + 7/12; practice 37/70.
		expect(progress.body.potRate).toEqual({ made: 8 + 5 + 16 + 11 + 6 + 7 + 37, attempted: 20 + 70 + 70 });
		expect(progress.body.plan.length).toBeGreaterThan(0);
		expect(progress.body.plan[0].reason).toMatch(/命中率 \d+%（\d+ 次），低于你的平均 \d+%/);

		const page = await pageGet(app, "/me/progress", playerToken);
		expect(page.status).toBe(200);
		expect(page.html).toContain("<svg");
		expect(page.html).toContain("数据不足");
		expect(page.html).toContain(`${progress.body.potRate.made}/${progress.body.potRate.attempted}`);

		expect(await seedDemoLearning()).toBe(0);
		const again = await apiCall(app, "GET", "/me/progress?discipline=chinese_8_ball", playerToken);
		expect(again.body.potRate).toEqual(progress.body.potRate);
	});

	it("lets the coach count shots with the tap buttons without JavaScript, save, and the player read it on the booking", async () => {
		const bookings = await apiCall(app, "GET", "/bookings?status=completed&role=player", playerToken);
		const lesson = (bookings.body.items as { id: string; status: string }[]).find((b) => b.status === "completed");
		expect(lesson).toBeDefined();
		const path = `/coach/orders/${lesson?.id}/record`;
		const form = await pageGet(app, path, coachToken);
		expect(form.status).toBe(200);
		expect(form.html).toContain("出杆后身体起得太早");

		// A tap on 切球 进球 comes back with the count moved (and attempts following), nothing saved.
		const tapped = await pagePost(app, path, coachToken, {
			discipline: "chinese_8_ball",
			"shot.cut_shots.attempts": "3",
			"shot.cut_shots.made": "3",
			intent: "tap:shot.cut_shots.made:1",
		});
		expect(tapped.status).toBe(200);
		expect(tapped.html).toMatch(/name="shot\.cut_shots\.made"[^>]*value="4"/);
		expect(tapped.html).toMatch(/name="shot\.cut_shots\.attempts"[^>]*value="4"/);

		const refused = await pagePost(app, path, coachToken, {
			discipline: "chinese_8_ball",
			"shot.cut_shots.attempts": "3",
			"shot.cut_shots.made": "5",
			intent: "save",
		});
		expect(refused.status).toBe(400);
		expect(refused.html).toContain("进球数不能多于出杆数。");

		const saved = await pagePost(app, path, coachToken, {
			discipline: "chinese_8_ball",
			"shot.cut_shots.attempts": "4",
			"shot.cut_shots.made": "4",
			"error.foul": "2",
			notes: "今天切球很稳",
			homework: "c8-cut-30",
			intent: "save",
		});
		expect(saved.status).toBe(302);
		const booking = await pageGet(app, `/me/bookings/${lesson?.id}`, playerToken);
		expect(booking.html).toContain("今天切球很稳");
		expect(booking.html).toContain("4/4");

		// Another player's page and a stranger coach get nothing.
		const stranger = await pageGet(app, path, playerToken);
		expect(stranger.status).toBe(404);
	});
});
