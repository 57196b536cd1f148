import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { autoCompleteLessons } from "~/modules/booking/completion/auto-complete-lessons.server";
import { openDispute } from "~/modules/booking/completion/open-dispute.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { domainEvents } from "../../db/schema";
import { apiCall, fetchPage, postForm } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * After the lesson: the coach's finish waits for the player, who confirms it took place (or it
 * completes by itself a day later), either side reports a problem, and the back office decides.
 * Through the API and the pages, as a player, a coach and staff meet it; the job's handler is
 * called with a `now` in the future instead of waiting a day.
 */
let app: TestApp;
const staff = { token: "", userId: "" };

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

const page = (path: string, token: string) => fetchPage(app, path, token);
const post = (path: string, token: string, fields: Record<string, string>) => postForm(app, path, token, fields);

const hourMs = 3_600_000;
const halfHour = 30 * 60_000;
let lessons = 0;

/**
 * A paid, confirmed and started lesson of its own coach, beginning at the next half hour (so the
 * coach may start it now): booked as if chosen three hours ago, paid in full, confirmed and
 * started over the API.
 */
async function lessonUnderWay() {
	lessons += 1;
	const coach = await bookableCoach(`完成课教练${lessons}`, undefined, { allDay: true });
	const player = await signedInUser(`完成课学员${lessons}`);
	const startsAt = new Date(Math.ceil(Date.now() / halfHour) * halfHour);
	const made = await createBooking({
		caller: { userId: player.userId, roles: ["player"] },
		now: new Date(Date.now() - 3 * hourMs),
		request: {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: startsAt.toISOString(),
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		},
	});
	const id = made.booking.id;
	await markBookingPaid({ bookingId: id, paidFen: made.booking.depositFen, paymentId: `completion-${lessons}` });
	expect((await call("POST", `/bookings/${id}/confirm`, coach.token)).status).toBe(200);
	expect((await call("POST", `/bookings/${id}/start`, coach.token)).status).toBe(200);
	return { id, coach, player, paidFen: made.booking.depositFen as number, endsAt: new Date(made.booking.endsAt) };
}

type Lesson = Awaited<ReturnType<typeof lessonUnderWay>>;

async function finished(): Promise<Lesson & { finishedAt: Date }> {
	const lesson = await lessonUnderWay();
	const answer = await call("POST", `/bookings/${lesson.id}/complete`, lesson.coach.token);
	expect(answer.status).toBe(200);
	return { ...lesson, finishedAt: new Date(answer.body.booking.completion.finishedAt) };
}

async function confirmed(): Promise<Lesson & { completedAt: Date }> {
	const lesson = await finished();
	const answer = await call("POST", `/bookings/${lesson.id}/confirm-completion`, lesson.player.token);
	expect(answer.status).toBe(200);
	return { ...lesson, completedAt: new Date(answer.body.booking.completion.completedAt) };
}

const statusOf = async (lesson: Lesson) => (await call("GET", `/bookings/${lesson.id}`, lesson.player.token)).body.booking;
const completedEvents = (bookingId: string) =>
	db()
		.select()
		.from(domainEvents)
		.where(and(eq(domainEvents.name, "booking.completed"), sql`${domainEvents.payload}->>'bookingId' = ${bookingId}`));
const auditOf = async (bookingId: string) =>
	(await call("GET", `/admin/audit?action=booking.dispute.resolved&targetId=${bookingId}`, staff.token)).body.entries;
const problem = { category: "late_or_short", text: "教练迟到了四十分钟，课只上了二十分钟" };

beforeAll(async () => {
	// The back office is told of disputes: the demo support and admin accounts are who hears.
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	const admin = await signInStaff(app.url, "13800000005");
	staff.token = admin.token;
	staff.userId = admin.user.id;
});
afterAll(async () => {
	await app.close();
});

describe("the coach's finish and the player's confirmation", () => {
	it("keeps a finished lesson in progress with a finish on the timeline, and asks the player to confirm", async () => {
		const lesson = await lessonUnderWay();
		// Before the finish and the lesson's end, there is nothing to confirm yet.
		const early = await call("POST", `/bookings/${lesson.id}/confirm-completion`, lesson.player.token);
		expect(early.status).toBe(409);
		expect(early.body.error.message).toBe("教练还没有结束课程，课程时间也还没过，暂时不能确认");

		const answer = await call("POST", `/bookings/${lesson.id}/complete`, lesson.coach.token);
		expect(answer.status).toBe(200);
		const finishedAt = new Date(answer.body.booking.completion.finishedAt);
		expect(answer.body.booking).toMatchObject({
			status: "in_progress",
			completion: { completedAt: null, autoCompletesAt: new Date(finishedAt.getTime() + 24 * hourMs).toISOString() },
		});
		const booking = await statusOf(lesson);
		expect(booking.events.map((event: { kind: string }) => event.kind)).toEqual(["created", "pay", "confirm", "start", "finish"]);
		expect(booking.events[4]).toMatchObject({ actor: "coach", fromStatus: "in_progress", toStatus: "in_progress" });
		expect((await listNotifications(lesson.player.userId))[0]).toMatchObject({
			kind: "lessonAwaitingConfirmation",
			link: `/me/bookings/${lesson.id}`,
		});
		expect(await completedEvents(lesson.id)).toHaveLength(0);

		// Finished is finished: no second finish, and no no-show for a lesson the coach said took place.
		expect((await call("POST", `/bookings/${lesson.id}/complete`, lesson.coach.token)).status).toBe(409);
		expect((await call("POST", `/bookings/${lesson.id}/no-show`, lesson.coach.token)).status).toBe(409);
		expect((await statusOf(lesson)).status).toBe("in_progress");
	});

	it("completes when the player confirms, records booking.completed, tells the coach; the coach and strangers cannot", async () => {
		const lesson = await finished();
		const stranger = await signedInUser("完成课路人");
		const byStranger = await call("POST", `/bookings/${lesson.id}/confirm-completion`, stranger.token);
		expect(byStranger.status).toBe(404);
		const byCoach = await call("POST", `/bookings/${lesson.id}/confirm-completion`, lesson.coach.token);
		expect(byCoach.status).toBe(403);
		expect(byCoach.body.error.message).toBe("只有这节课的学员可以确认上课");
		expect((await statusOf(lesson)).status).toBe("in_progress");

		const answer = await call("POST", `/bookings/${lesson.id}/confirm-completion`, lesson.player.token);
		expect(answer.status).toBe(200);
		expect(answer.body.booking).toMatchObject({ status: "completed", completion: { autoCompletesAt: null } });
		const completedAt = new Date(answer.body.booking.completion.completedAt);
		expect(answer.body.booking.completion.disputeWindowEndsAt).toBe(new Date(completedAt.getTime() + 72 * hourMs).toISOString());
		const events = (await statusOf(lesson)).events;
		expect(events.at(-1)).toMatchObject({ kind: "complete", actor: "player", fromStatus: "in_progress", toStatus: "completed" });
		expect((await completedEvents(lesson.id)).map((event) => event.payload)).toEqual([{ bookingId: lesson.id }]);
		expect((await listNotifications(lesson.coach.userId))[0]).toMatchObject({ kind: "lessonCompleted" });
		// A second confirmation changes nothing and records nothing.
		expect((await call("POST", `/bookings/${lesson.id}/confirm-completion`, lesson.player.token)).status).toBe(409);
		expect(await completedEvents(lesson.id)).toHaveLength(1);
	});
});

describe("the automatic completion", () => {
	it("completes a finished lesson 24 h after the finish and not a moment before", async () => {
		const lesson = await finished();
		await autoCompleteLessons(new Date(lesson.finishedAt.getTime() + 24 * hourMs - 1000));
		expect((await statusOf(lesson)).status).toBe("in_progress");
		expect(await completedEvents(lesson.id)).toHaveLength(0);

		await autoCompleteLessons(new Date(lesson.finishedAt.getTime() + 24 * hourMs));
		const booking = await statusOf(lesson);
		expect(booking.status).toBe("completed");
		expect(booking.events.at(-1)).toMatchObject({ kind: "complete", actor: "system", detail: { how: "automatic" } });
		expect(await completedEvents(lesson.id)).toHaveLength(1);
		// Nobody confirmed: both sides hear it completed.
		expect((await listNotifications(lesson.player.userId))[0]).toMatchObject({ kind: "lessonFinished" });
		expect((await listNotifications(lesson.coach.userId))[0]).toMatchObject({ kind: "lessonCompleted" });
	});

	it("completes a lesson started and never finished 24 h after its booked end", async () => {
		const lesson = await lessonUnderWay();
		expect((await statusOf(lesson)).completion.autoCompletesAt).toBe(
			new Date(lesson.endsAt.getTime() + 24 * hourMs).toISOString(),
		);
		await autoCompleteLessons(new Date(lesson.endsAt.getTime() + 23 * hourMs));
		expect((await statusOf(lesson)).status).toBe("in_progress");
		await autoCompleteLessons(new Date(lesson.endsAt.getTime() + 24 * hourMs + 60_000));
		expect((await statusOf(lesson)).status).toBe("completed");
	});
});

describe("disputes", () => {
	it("a dispute after the finish stops the automatic completion and tells the coach and the back office", async () => {
		const lesson = await finished();
		const stranger = await signedInUser("争议路人");
		expect((await call("POST", `/bookings/${lesson.id}/disputes`, stranger.token, problem)).status).toBe(404);
		const bad = await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, { category: "late", text: "短" });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual({ category: "请选择问题类型", text: "请写下具体情况（至少 5 个字）" });
		expect((await statusOf(lesson)).status).toBe("in_progress");

		const answer = await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, problem);
		expect(answer.status).toBe(201);
		expect(answer.body.booking).toMatchObject({
			status: "disputed",
			completion: { autoCompletesAt: null, dispute: { openedBy: "player", ...problem, resolution: null } },
		});
		expect((await listNotifications(lesson.coach.userId))[0]).toMatchObject({ kind: "lessonDisputed" });
		expect((await listNotifications(staff.userId))[0]).toMatchObject({
			kind: "bookingDisputeOpened",
			link: `/admin/bookings/${lesson.id}`,
		});
		// The day passes: the dispute holds it.
		await autoCompleteLessons(new Date(lesson.finishedAt.getTime() + 48 * hourMs));
		expect((await statusOf(lesson)).status).toBe("disputed");
		expect(await completedEvents(lesson.id)).toHaveLength(0);
		// One dispute per booking, from either side.
		const again = await call("POST", `/bookings/${lesson.id}/disputes`, lesson.coach.token, problem);
		expect(again.status).toBe(409);
		expect(again.body.error.message).toBe("这个预约已经申请过平台介入，平台的处理结果为最终结果");
	});

	it("the coach can report a problem too, which the player hears of; not before the lesson is under way", async () => {
		const lesson = await lessonUnderWay();
		const answer = await call("POST", `/bookings/${lesson.id}/disputes`, lesson.coach.token, {
			category: "payment",
			text: "学员说好现场补付余款，结果没有付",
		});
		expect(answer.status).toBe(201);
		expect(answer.body.booking.completion.dispute.openedBy).toBe("coach");
		expect((await listNotifications(lesson.player.userId))[0]).toMatchObject({ kind: "lessonDisputed" });

		const coach = await bookableCoach("未开课争议教练");
		const player = await signedInUser("未开课争议学员");
		const { slots } = (await call("GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, null)).body;
		const created = await call("POST", "/bookings", player.token, {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: slots[4].startsAt,
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		});
		expect((await call("POST", `/bookings/${created.body.booking.id}/disputes`, player.token, problem)).status).toBe(409);
	});

	it("a completed lesson can be disputed until exactly 72 h after its completion, not a moment later", async () => {
		const inTime = await confirmed();
		const late = await confirmed();
		const caller = (lesson: Lesson) => ({ userId: lesson.player.userId, roles: ["player" as const] });
		const lastMoment = (lesson: Lesson & { completedAt: Date }) => new Date(lesson.completedAt.getTime() + 72 * hourMs);

		await expect(
			openDispute({
				caller: caller(late),
				bookingId: late.id,
				dispute: { category: "not_as_described", text: "说好的一对一变成了三个人" },
				now: new Date(lastMoment(late).getTime() + 1),
			}),
		).rejects.toMatchObject({ status: 409, messageKey: "booking.completion.errors.windowClosed" });
		expect((await statusOf(late)).status).toBe("completed");

		const disputed = await openDispute({
			caller: caller(inTime),
			bookingId: inTime.id,
			dispute: { category: "not_as_described", text: "说好的一对一变成了三个人" },
			now: lastMoment(inTime),
		});
		expect(disputed.status).toBe("disputed");
	});
});

describe("the back office decides", () => {
	it("for the coach: the lesson is completed, booking.completed recorded, audited, both sides told", async () => {
		const lesson = await finished();
		expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, problem)).status).toBe(201);
		const decision = { decision: "for_coach", note: "球厅监控显示按时上课满一小时" };
		// Neither side may decide their own case.
		expect((await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, lesson.player.token, decision)).status).toBe(
			403,
		);
		expect((await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, lesson.coach.token, decision)).status).toBe(
			403,
		);
		const refundForCoach = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staff.token, {
			...decision,
			refundFen: 100,
		});
		expect(refundForCoach.status).toBe(400);
		expect(refundForCoach.body.error.fields.refundFen).toBe("支持教练时不退款");
		expect((await statusOf(lesson)).status).toBe("disputed");

		const answer = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staff.token, decision);
		expect(answer.status).toBe(200);
		expect(answer.body.booking).toMatchObject({
			status: "completed",
			completion: { dispute: { resolution: "for_coach", note: decision.note, refundFen: null } },
		});
		expect(await completedEvents(lesson.id)).toHaveLength(1);
		expect(await auditOf(lesson.id)).toEqual([
			expect.objectContaining({
				actor: expect.objectContaining({ id: staff.userId }),
				targetType: "booking",
				reason: decision.note,
				detail: expect.objectContaining({ decision: "for_coach", fromStatus: "in_progress", category: "late_or_short" }),
			}),
		]);
		expect((await listNotifications(lesson.player.userId))[0]).toMatchObject({ kind: "disputeResolved" });
		expect((await listNotifications(lesson.coach.userId))[0]).toMatchObject({ kind: "disputeResolved" });
		// Decided once: no second decision, no second dispute, one audit row.
		expect((await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staff.token, decision)).status).toBe(409);
		expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, problem)).status).toBe(409);
		expect(await auditOf(lesson.id)).toHaveLength(1);
	});

	it("for the player: cancelled by the platform with the refund entered (never more than paid), audited", async () => {
		const lesson = await confirmed();
		expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, problem)).status).toBe(201);
		const tooMuch = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staff.token, {
			decision: "for_player",
			refundFen: lesson.paidFen + 1,
			note: "退款",
		});
		expect(tooMuch.status).toBe(400);
		expect(tooMuch.body.error.fields.refundFen).toBe("退款不能超过已付金额");
		expect((await statusOf(lesson)).status).toBe("disputed");

		const note = "教练承认迟到，退一半";
		const answer = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staff.token, {
			decision: "for_player",
			refundFen: lesson.paidFen / 2,
			note,
		});
		expect(answer.status).toBe(200);
		expect(answer.body.booking).toMatchObject({
			status: "cancelled",
			cancelledBy: "platform",
			cancelReason: note,
			refundFen: lesson.paidFen / 2,
			completion: { dispute: { resolution: "for_player", refundFen: lesson.paidFen / 2 } },
		});
		expect((await statusOf(lesson)).events.at(-1)).toMatchObject({ kind: "resolve_for_player", actor: "platform" });
		expect(await auditOf(lesson.id)).toEqual([
			expect.objectContaining({
				reason: note,
				detail: expect.objectContaining({ decision: "for_player", refundFen: lesson.paidFen / 2, fromStatus: "completed" }),
			}),
		]);
	});

	it("refunds everything paid when the staff leave the amount out", async () => {
		const lesson = await finished();
		await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, problem);
		const answer = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staff.token, {
			decision: "for_player",
			note: "教练未到场",
		});
		expect(answer.body.booking).toMatchObject({ status: "cancelled", refundFen: lesson.paidFen });
	});
});

describe("the pages", () => {
	it("the player confirms on the booking page; the coach's order says it waits for the player", async () => {
		const lesson = await finished();
		const coachPage = await (await page(`/coach/orders/${lesson.id}`, lesson.coach.token)).text();
		expect(coachPage).toContain("等待学员确认");
		expect(coachPage).not.toContain('value="finish"');

		const playerPage = await (await page(`/me/bookings/${lesson.id}`, lesson.player.token)).text();
		expect(playerPage).toContain("确认已上课");
		expect(playerPage).toContain("有问题？申请介入");
		const inEnglish = await fetch(`${app.url}/me/bookings/${lesson.id}`, {
			headers: { cookie: `cp_session=${lesson.player.token}`, "accept-language": "en" },
		});
		const english = await inEnglish.text();
		expect(english).toContain("Confirm the lesson took place");
		expect(english).toContain("A problem? Ask us to step in");

		const byPage = await post(`/me/bookings/${lesson.id}`, lesson.player.token, { intent: "confirm-completion" });
		expect(byPage.status).toBe(302);
		expect((await statusOf(lesson)).status).toBe("completed");
	});

	it("the player reports a problem with the form, which refuses a missing text and changes nothing", async () => {
		const lesson = await finished();
		const refused = await post(`/me/bookings/${lesson.id}?dispute=1`, lesson.player.token, {
			intent: "dispute",
			category: "no_lesson",
			text: "",
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain("请写下具体情况（至少 5 个字）");
		expect((await statusOf(lesson)).status).toBe("in_progress");

		const sent = await post(`/me/bookings/${lesson.id}`, lesson.player.token, {
			intent: "dispute",
			category: "no_lesson",
			text: "教练没有来，等了一个小时",
		});
		expect(sent.status).toBe(302);
		expect((await statusOf(lesson)).status).toBe("disputed");
		expect(await (await page(`/me/bookings/${lesson.id}`, lesson.player.token)).text()).toContain("争议处理中");
	});

	it("the back office lists disputed bookings and decides one on the booking page", async () => {
		const lesson = await finished();
		await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, problem);
		const list = await (await page("/admin/bookings?status=disputed", staff.token)).text();
		expect(list).toContain(`/admin/bookings/${lesson.id}`);
		expect(list).toContain("有争议");
		const detail = await (await page(`/admin/bookings/${lesson.id}`, staff.token)).text();
		expect(detail).toContain("处理争议");
		expect(detail).toContain(problem.text);

		const noNote = await post(`/admin/bookings/${lesson.id}`, staff.token, {
			intent: "resolve-dispute",
			decision: "for_coach",
			note: "",
		});
		expect(noNote.status).toBe(400);
		expect(await noNote.text()).toContain("请写下处理说明");
		const done = await post(`/admin/bookings/${lesson.id}`, staff.token, {
			intent: "resolve-dispute",
			decision: "for_player",
			refundYuan: "50",
			note: "核实后退一半",
		});
		expect(done.status).toBe(302);
		expect((await statusOf(lesson)).completion.dispute).toMatchObject({ resolution: "for_player", refundFen: 5_000 });
	});
});
