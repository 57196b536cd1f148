import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindOfBooking } from "~/modules/booking/booking-reminders.server";
import { lapsePassedProposals } from "~/modules/booking/lapse-booking-changes.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { boss } from "../../jobs/boss";
import type { QueuePayload } from "../../jobs/queues";
import { apiCall, fetchPage, postForm } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Changing a booking by agreement, through the API and the pages: the coach's adjustment of a
 * booking waiting for their answer, either side's reschedule of a confirmed lesson, and the
 * answers. A proposed time is held by the no-double-booking constraint like a booking.
 */
let apps: TestApp[] = [];
const app = () => apps[0] as TestApp;

beforeAll(async () => {
	// Two instances on one database: the races below go to both.
	apps = [await startTestApp(), await startTestApp()];
});
afterAll(async () => {
	await Promise.all(apps.map((each) => each.close()));
});

type Coach = Awaited<ReturnType<typeof bookableCoach>>;
type Person = { userId: string; token: string };
type Slot = { startsAt: string; endsAt: string };

const call = (method: string, path: string, token: string | null, body?: unknown, on = app()) =>
	apiCall(on, method, path, token, body);

const page = (path: string, token: string) => fetchPage(app(), path, token);
const post = (path: string, token: string, fields: Record<string, string>) => postForm(app(), path, token, fields);

const freeTimes = async (coach: Coach): Promise<Slot[]> =>
	(await call("GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, null)).body.slots;

/** "HH:MM" in Shanghai. */
const shanghaiTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
const hours = (iso: string, count: number) => new Date(new Date(iso).getTime() + count * 3_600_000).toISOString();

/** A free time at a Shanghai wall-clock time, `daysAhead` days or more from now. */
async function freeAt(coach: Coach, time: string, daysAhead = 2): Promise<Slot> {
	const after = Date.now() + daysAhead * 24 * 3_600_000;
	const slot = (await freeTimes(coach)).find(
		(candidate) => shanghaiTime(candidate.startsAt) === time && new Date(candidate.startsAt).getTime() > after,
	);
	if (!slot) throw new Error(`no free time at ${time}`);
	return slot;
}

async function book(coach: Coach, player: Person, startsAt: string) {
	const created = await call("POST", "/bookings", player.token, {
		coachId: coach.coachId,
		offeringId: coach.offeringId,
		startsAt,
		location: { kind: "venue", placeId: coach.placeId },
		paymentPlan: "full",
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	return created.body.booking as { id: string; priceFen: number; startsAt: string };
}

/** A paid booking waiting for the coach's answer. */
async function waiting(coach: Coach, player: Person, startsAt: string) {
	const booking = await book(coach, player, startsAt);
	expect(
		(await markBookingPaid({ bookingId: booking.id, paidFen: booking.priceFen, paymentId: `pay-${booking.id}` })).outcome,
	).toBe("paid");
	return booking;
}

async function confirmed(coach: Coach, player: Person, startsAt: string) {
	const booking = await waiting(coach, player, startsAt);
	expect((await call("POST", `/bookings/${booking.id}/confirm`, coach.token)).status).toBe(200);
	return booking;
}

const bookingOf = async (bookingId: string, token: string) => (await call("GET", `/bookings/${bookingId}`, token)).body.booking;
const isFree = async (coach: Coach, startsAt: string) =>
	(await freeTimes(coach)).some((slot) => new Date(slot.startsAt).getTime() === new Date(startsAt).getTime());

const reminderJobs = async (bookingId: string) =>
	await boss().findJobs<QueuePayload<"booking.remind">>("booking.remind", { data: { bookingId } });

describe("the coach's adjustment", () => {
	let coach: Coach;
	let player: Person;
	beforeAll(async () => {
		coach = await bookableCoach("调整测试教练");
		player = await signedInUser("调整测试学员");
	});

	it("holds the proposed time, shows the proposal to the player, and on acceptance moves the booking to the new time and place and confirms it", async () => {
		const original = await freeAt(coach, "10:00");
		const booking = await waiting(coach, player, original.startsAt);
		const proposed = await freeAt(coach, "16:00");
		const adjusted = await call("POST", `/bookings/${booking.id}/adjustments`, coach.token, {
			startsAt: proposed.startsAt,
			location: { kind: "address", address: "徐汇区漕溪北路 88 号 3 楼" },
			message: "上午有比赛，下午可以吗？",
		});
		expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
		expect(adjusted.body.booking.status).toBe("pending_confirmation");

		const seen = await bookingOf(booking.id, player.token);
		expect(seen.pendingChange).toMatchObject({
			kind: "adjust",
			by: "coach",
			startsAt: new Date(proposed.startsAt).toISOString(),
			endsAt: new Date(proposed.endsAt).toISOString(),
			location: { kind: "address", address: "徐汇区漕溪北路 88 号 3 楼" },
			message: "上午有比赛，下午可以吗？",
			from: { startsAt: new Date(original.startsAt).toISOString(), location: { kind: "venue", placeName: "测试台球俱乐部" } },
		});
		expect(seen.events.map((event: { kind: string }) => event.kind)).toContain("adjusted");
		// The proposed time is held like a booking: nobody else is offered it, and the original is still held too.
		expect(await isFree(coach, proposed.startsAt)).toBe(false);
		expect(await isFree(coach, original.startsAt)).toBe(false);

		const accepted = await call("POST", `/bookings/${booking.id}/changes/${seen.pendingChange.id}/accept`, player.token);
		expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
		expect(accepted.body.booking).toMatchObject({
			status: "confirmed",
			startsAt: new Date(proposed.startsAt).toISOString(),
			location: { kind: "address", address: "徐汇区漕溪北路 88 号 3 楼" },
			pendingChange: null,
		});
		expect(await isFree(coach, original.startsAt)).toBe(true);
		expect(await isFree(coach, proposed.startsAt)).toBe(false);
		const timeline = (await bookingOf(booking.id, coach.token)).events.map((event: { kind: string }) => event.kind);
		expect(timeline.slice(-3)).toEqual(["adjusted", "change_accepted", "confirm"]);
		// Confirmed at the new time: reminders for it, none for the old one.
		const jobs = await reminderJobs(booking.id);
		expect(jobs.length).toBeGreaterThan(0);
		expect(jobs.every((job) => new Date(job.data.startsAt).getTime() === new Date(proposed.startsAt).getTime())).toBe(true);
	});

	it("declined, sends the booking back to waiting for the coach, frees the proposed time, and the coach may confirm the original", async () => {
		const original = await freeAt(coach, "11:00", 3);
		const booking = await waiting(coach, player, original.startsAt);
		const proposed = await freeAt(coach, "18:00", 3);
		const adjusted = await call("POST", `/bookings/${booking.id}/adjustments`, coach.token, { startsAt: proposed.startsAt });
		expect(adjusted.status).toBe(201);
		const changeId = adjusted.body.booking.pendingChange.id;

		expect((await call("POST", `/bookings/${booking.id}/changes/${changeId}/accept`, coach.token)).status).toBe(403);
		const declined = await call("POST", `/bookings/${booking.id}/changes/${changeId}/decline`, player.token);
		expect(declined.status).toBe(200);
		expect(declined.body.booking).toMatchObject({
			status: "pending_confirmation",
			startsAt: new Date(original.startsAt).toISOString(),
			pendingChange: null,
		});
		expect(await isFree(coach, proposed.startsAt)).toBe(true);
		// Answered once: a second answer changes nothing.
		expect((await call("POST", `/bookings/${booking.id}/changes/${changeId}/accept`, player.token)).status).toBe(409);
		expect((await call("POST", `/bookings/${booking.id}/confirm`, coach.token)).body.booking.status).toBe("confirmed");
	});

	it("changes only the place when no time is proposed, and refuses what the coach may not propose", async () => {
		const original = await freeAt(coach, "12:00", 4);
		const booking = await waiting(coach, player, original.startsAt);
		const stranger = await signedInUser("路人");
		const elsewhere = await freeAt(coach, "19:00", 4);
		const path = `/bookings/${booking.id}/adjustments`;

		expect((await call("POST", path, stranger.token, { startsAt: elsewhere.startsAt })).status).toBe(404);
		expect((await call("POST", path, player.token, { startsAt: elsewhere.startsAt })).status).toBe(403);
		expect((await call("POST", path, null, { startsAt: elsewhere.startsAt })).status).toBe(401);
		const nothing = await call("POST", path, coach.token, { message: "再说" });
		expect(nothing.status).toBe(400);
		expect(nothing.body.error.fields).toEqual({ startsAt: "请选择新的时间或地点" });
		const offGrid = await call("POST", path, coach.token, { startsAt: hours(elsewhere.startsAt, 0.25) });
		expect(offGrid.status).toBe(422);
		expect(offGrid.body.error.code).toBe("slot_unavailable");
		const past = await call("POST", path, coach.token, { startsAt: new Date(Date.now() - 3_600_000).toISOString() });
		expect(past.status).toBe(422);
		expect((await call("POST", path, coach.token, { location: { kind: "online" } })).status).toBe(400);
		expect((await call("POST", path, coach.token, { startsAt: original.startsAt })).status).toBe(400);

		const placeOnly = await call("POST", path, coach.token, { location: { kind: "address", address: "静安区南京西路 1 号" } });
		expect(placeOnly.status).toBe(201);
		expect(placeOnly.body.booking.pendingChange).toMatchObject({ startsAt: null, location: { kind: "address" } });
		// One open proposal per booking.
		const second = await call("POST", path, coach.token, { startsAt: elsewhere.startsAt });
		expect(second.status).toBe(409);
		expect(second.body.error.message).toBe("已有一个待答复的调整，请先等对方答复或撤回");

		const accepted = await call(
			"POST",
			`/bookings/${booking.id}/changes/${placeOnly.body.booking.pendingChange.id}/accept`,
			player.token,
		);
		expect(accepted.body.booking).toMatchObject({
			status: "confirmed",
			startsAt: new Date(original.startsAt).toISOString(),
			location: { kind: "address", placeName: null, address: "静安区南京西路 1 号" },
		});
		// Confirmed now: an adjustment is only for a booking waiting for the coach.
		expect((await call("POST", path, coach.token, { startsAt: elsewhere.startsAt })).status).toBe(409);
	});
});

describe("a reschedule of a confirmed lesson", () => {
	let coach: Coach;
	let player: Person;
	beforeAll(async () => {
		coach = await bookableCoach("改期测试教练");
		player = await signedInUser("改期测试学员");
	});

	it("asked by the player and accepted by the coach, moves the lesson and keeps it confirmed; the old time's reminder stays silent", async () => {
		const original = await freeAt(coach, "10:00", 3);
		const booking = await confirmed(coach, player, original.startsAt);
		const oldReminders = await reminderJobs(booking.id);
		expect(oldReminders.length).toBe(2);
		const proposed = await freeAt(coach, "15:00", 5);

		const requested = await call("POST", `/bookings/${booking.id}/reschedule-requests`, player.token, {
			startsAt: proposed.startsAt,
			message: "那天要加班",
		});
		expect(requested.status, JSON.stringify(requested.body)).toBe(201);
		const change = requested.body.booking.pendingChange;
		expect(change).toMatchObject({ kind: "reschedule", by: "player", startsAt: new Date(proposed.startsAt).toISOString() });
		expect(await isFree(coach, proposed.startsAt)).toBe(false);
		expect((await call("POST", `/bookings/${booking.id}/changes/${change.id}/accept`, player.token)).status).toBe(403);

		const accepted = await call("POST", `/bookings/${booking.id}/changes/${change.id}/accept`, coach.token);
		expect(accepted.status).toBe(200);
		expect(accepted.body.booking).toMatchObject({
			status: "confirmed",
			startsAt: new Date(proposed.startsAt).toISOString(),
			endsAt: new Date(proposed.endsAt).toISOString(),
			pendingChange: null,
		});
		expect(await isFree(coach, original.startsAt)).toBe(true);
		// The reminders made for the old time find the lesson moved; the new ones are for the new time.
		for (const job of oldReminders) expect(await remindOfBooking(job.data)).toBe("silent");
		const newReminders = (await reminderJobs(booking.id)).filter(
			(job) => new Date(job.data.startsAt).getTime() === new Date(proposed.startsAt).getTime(),
		);
		expect(newReminders.length).toBe(2);
		const events = (await bookingOf(booking.id, player.token)).events.map((event: { kind: string }) => event.kind);
		expect(events.slice(-2)).toEqual(["reschedule_requested", "change_accepted"]);
	});

	it("asked by the coach and declined by the player changes nothing; the proposer may withdraw, and only the proposer", async () => {
		const original = await freeAt(coach, "11:00", 6);
		const booking = await confirmed(coach, player, original.startsAt);
		const proposed = await freeAt(coach, "17:00", 6);
		const path = `/bookings/${booking.id}/reschedule-requests`;
		const stranger = await signedInUser("改期路人");
		expect((await call("POST", path, stranger.token, { startsAt: proposed.startsAt })).status).toBe(404);

		const first = await call("POST", path, coach.token, { startsAt: proposed.startsAt });
		expect(first.status).toBe(201);
		const firstId = first.body.booking.pendingChange.id;
		expect((await call("POST", `/bookings/${booking.id}/changes/${firstId}/decline`, stranger.token)).status).toBe(404);
		const declined = await call("POST", `/bookings/${booking.id}/changes/${firstId}/decline`, player.token);
		expect(declined.body.booking).toMatchObject({ status: "confirmed", startsAt: new Date(original.startsAt).toISOString() });
		expect(await isFree(coach, proposed.startsAt)).toBe(true);

		const second = await call("POST", path, coach.token, { startsAt: proposed.startsAt, message: "换个时间？" });
		const secondId = second.body.booking.pendingChange.id;
		expect((await call("POST", `/bookings/${booking.id}/changes/${secondId}/withdraw`, player.token)).status).toBe(403);
		const withdrawn = await call("POST", `/bookings/${booking.id}/changes/${secondId}/withdraw`, coach.token);
		expect(withdrawn.status).toBe(200);
		expect(withdrawn.body.booking.pendingChange).toBeNull();
		expect(await isFree(coach, proposed.startsAt)).toBe(true);
		const events = (await bookingOf(booking.id, coach.token)).events.map((event: { kind: string }) => event.kind);
		expect(events.slice(-4)).toEqual(["reschedule_requested", "change_declined", "reschedule_requested", "change_withdrawn"]);
	});

	it("is refused for a booking that is not confirmed", async () => {
		const booking = await waiting(coach, player, (await freeAt(coach, "12:00", 7)).startsAt);
		const answer = await call("POST", `/bookings/${booking.id}/reschedule-requests`, player.token, {
			startsAt: (await freeAt(coach, "18:00", 7)).startsAt,
		});
		expect(answer.status).toBe(409);
	});
});

describe("the proposed time is held by the no-double-booking constraint", () => {
	let coach: Coach;
	let players: Person[];
	beforeAll(async () => {
		coach = await bookableCoach("占位测试教练");
		players = await Promise.all([0, 1, 2].map((index) => signedInUser(`占位学员${index}`)));
	});

	it("of two simultaneous proposals for overlapping time of one coach, exactly one succeeds; the other gets slot_taken with alternatives", async () => {
		const first = await confirmed(coach, players[0] as Person, (await freeAt(coach, "09:00", 3)).startsAt);
		const second = await confirmed(coach, players[1] as Person, (await freeAt(coach, "12:00", 3)).startsAt);
		const target = await freeAt(coach, "15:00", 3);
		const answers = await Promise.all([
			call(
				"POST",
				`/bookings/${first.id}/reschedule-requests`,
				(players[0] as Person).token,
				{ startsAt: target.startsAt },
				apps[0],
			),
			// Half an hour later: overlapping, not equal.
			call(
				"POST",
				`/bookings/${second.id}/reschedule-requests`,
				(players[1] as Person).token,
				{ startsAt: hours(target.startsAt, 0.5) },
				apps[1],
			),
		]);
		expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
		const loser = answers.find((answer) => answer.status === 409);
		expect(loser?.body.error.code).toBe("slot_taken");
		expect(loser?.body.error.alternatives.length).toBeGreaterThan(0);
	});

	it("of a proposal and a new booking for the same time, exactly one succeeds", async () => {
		const booking = await confirmed(coach, players[0] as Person, (await freeAt(coach, "09:00", 4)).startsAt);
		const target = await freeAt(coach, "14:00", 4);
		const answers = await Promise.all([
			call("POST", `/bookings/${booking.id}/reschedule-requests`, coach.token, { startsAt: target.startsAt }, apps[0]),
			call(
				"POST",
				"/bookings",
				(players[2] as Person).token,
				{
					coachId: coach.coachId,
					offeringId: coach.offeringId,
					startsAt: target.startsAt,
					location: { kind: "venue", placeId: coach.placeId },
					paymentPlan: "deposit",
				},
				apps[1],
			),
		]);
		expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
		expect(answers.find((answer) => answer.status === 409)?.body.error.code).toBe("slot_taken");
	});

	it("lets a booking propose a time overlapping its own current time", async () => {
		const original = await freeAt(coach, "10:00", 5);
		const booking = await confirmed(coach, players[0] as Person, original.startsAt);
		const halfAnHourLater = hours(original.startsAt, 0.5);
		const requested = await call("POST", `/bookings/${booking.id}/reschedule-requests`, coach.token, {
			startsAt: halfAnHourLater,
		});
		expect(requested.status, JSON.stringify(requested.body)).toBe(201);
		const accepted = await call(
			"POST",
			`/bookings/${booking.id}/changes/${requested.body.booking.pendingChange.id}/accept`,
			(players[0] as Person).token,
		);
		expect(accepted.body.booking.startsAt).toBe(new Date(halfAnHourLater).toISOString());
	});
});

describe("a proposal lapses", () => {
	let coach: Coach;
	let player: Person;
	beforeAll(async () => {
		coach = await bookableCoach("失效测试教练");
		player = await signedInUser("失效测试学员");
	});

	it("when the booking leaves the state it was made in: the coach confirms the original instead, and the proposed time is freed", async () => {
		const booking = await waiting(coach, player, (await freeAt(coach, "10:00", 3)).startsAt);
		const proposed = await freeAt(coach, "16:00", 3);
		const adjusted = await call("POST", `/bookings/${booking.id}/adjustments`, coach.token, { startsAt: proposed.startsAt });
		const changeId = adjusted.body.booking.pendingChange.id;
		const confirmedOriginal = await call("POST", `/bookings/${booking.id}/confirm`, coach.token);
		expect(confirmedOriginal.body.booking).toMatchObject({ status: "confirmed", pendingChange: null });
		expect(await isFree(coach, proposed.startsAt)).toBe(true);
		const late = await call("POST", `/bookings/${booking.id}/changes/${changeId}/accept`, player.token);
		expect(late.status).toBe(409);
		expect(late.body.error.message).toBe("这个调整已经不再有效（已答复、撤回或失效）");
		const events = (await bookingOf(booking.id, player.token)).events.map((event: { kind: string }) => event.kind);
		expect(events).toContain("change_lapsed");
	});

	it("when its proposed time passes unanswered: the sweep frees the time and an answer is refused", async () => {
		const booking = await confirmed(coach, player, (await freeAt(coach, "11:00", 4)).startsAt);
		const proposed = await freeAt(coach, "17:00", 4);
		const requested = await call("POST", `/bookings/${booking.id}/reschedule-requests`, player.token, {
			startsAt: proposed.startsAt,
		});
		const changeId = requested.body.booking.pendingChange.id;
		// The sweep as it runs once the proposed time has come.
		expect(await lapsePassedProposals(new Date(new Date(proposed.startsAt).getTime() + 60_000))).toBeGreaterThanOrEqual(1);
		const seen = await bookingOf(booking.id, player.token);
		expect(seen.pendingChange).toBeNull();
		expect(seen.startsAt).toBe(new Date(booking.startsAt).toISOString());
		expect(await isFree(coach, proposed.startsAt)).toBe(true);
		expect((await call("POST", `/bookings/${booking.id}/changes/${changeId}/accept`, coach.token)).status).toBe(409);
	});
});

describe("the pages", () => {
	let coach: Coach;
	let player: Person;
	beforeAll(async () => {
		coach = await bookableCoach("页面调整教练");
		player = await signedInUser("页面调整学员");
	});

	it("the coach adjusts from the order page, the player sees the proposal on the booking page and accepts it there", async () => {
		const original = await freeAt(coach, "10:00", 3);
		const booking = await waiting(coach, player, original.startsAt);
		const orderPage = await page(`/coach/orders/${booking.id}`, coach.token);
		expect(orderPage.status).toBe(200);
		expect(await orderPage.text()).toContain("调整时间/地点");

		const proposed = await freeAt(coach, "15:30", 3);
		const sent = await post(`/coach/orders/${booking.id}`, coach.token, {
			intent: "adjust",
			startsAt: proposed.startsAt,
			place: "keep",
			message: "下午更合适",
		});
		expect(sent.status).toBe(302);
		expect((await bookingOf(booking.id, player.token)).pendingChange).toMatchObject({ message: "下午更合适" });

		const playerPage = await page(`/me/bookings/${booking.id}`, player.token);
		const html = await playerPage.text();
		expect(html).toContain("教练提议调整");
		expect(html).toContain("下午更合适");
		const changeId = (await bookingOf(booking.id, player.token)).pendingChange.id;
		// Another person's page action on it is refused without a change.
		const stranger = await signedInUser("页面路人");
		expect((await post(`/me/bookings/${booking.id}`, stranger.token, { intent: "accept-change", changeId })).status).toBe(404);
		const accepted = await post(`/me/bookings/${booking.id}`, player.token, { intent: "accept-change", changeId });
		expect(accepted.status).toBe(302);
		expect(await bookingOf(booking.id, player.token)).toMatchObject({
			status: "confirmed",
			startsAt: new Date(proposed.startsAt).toISOString(),
		});
	});

	it("shows a time that is no longer free as a message beside the picker, and changes nothing", async () => {
		const booking = await confirmed(coach, player, (await freeAt(coach, "11:00", 5)).startsAt);
		const answer = await post(`/me/bookings/${booking.id}`, player.token, {
			intent: "reschedule",
			startsAt: new Date(Date.now() - 3_600_000).toISOString(),
		});
		expect(answer.status).toBe(422);
		expect(await answer.text()).toContain("这个时间已经过去了，请另选时间");
		expect((await bookingOf(booking.id, player.token)).pendingChange).toBeNull();
	});
});
