import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { suspendUser } from "~/modules/accounts/admin/suspend-user.server";
import { cancelUnansweredBookings } from "~/modules/booking/cancel-unanswered-bookings.server";
import { expireUnpaidBookings } from "~/modules/booking/expire-unpaid-bookings.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { bookings } from "../../db/schema";
import { bookableCoach, signedInUser } from "../support/bookings";
import { createReviewer } from "../support/coach-journey";
import { settleDomainEvents } from "../support/events";
import { startTestApp, type TestApp } from "../support/test-app";

let apps: TestApp[] = [];
const api = (path: string, app = apps[0] as TestApp) => `${app.url}/api/v1${path}`;

async function call(
	method: string,
	path: string,
	token: string | null,
	body?: unknown,
	headers: Record<string, string> = {},
	app?: TestApp,
) {
	const response = await fetch(api(path, app), {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { "content-type": "application/json" }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

type Slot = { startsAt: string; endsAt: string };
async function freeTimes(coach: { coachId: string; offeringId: string }): Promise<Slot[]> {
	const answer = await call("GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, null);
	expect(answer.status).toBe(200);
	return answer.body.slots;
}

/** "HH:MM" of an instant in Shanghai. */
const shanghaiTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
/** The first free time at a wall-clock time in Shanghai (tomorrow or later, so the whole day is open). */
function freeAt(slots: Slot[], time: string): Slot {
	const tomorrow = Date.now() + 24 * 3_600_000;
	const slot = slots.find(
		(candidate) => shanghaiTime(candidate.startsAt) === time && new Date(candidate.startsAt).getTime() > tomorrow,
	);
	if (!slot) throw new Error(`no free time at ${time}`);
	return slot;
}

const request = (coach: { coachId: string; offeringId: string; placeId: string }, startsAt: string, extra: object = {}) => ({
	coachId: coach.coachId,
	offeringId: coach.offeringId,
	startsAt,
	location: { kind: "venue", placeId: coach.placeId },
	paymentPlan: "deposit",
	...extra,
});

beforeAll(async () => {
	// Three instances on one database, as in production behind a load balancer.
	apps = [await startTestApp(), await startTestApp(), await startTestApp()];
});
afterAll(async () => {
	await Promise.all(apps.map((app) => app.close()));
});

describe("free times and booking", () => {
	it("books a free time with what was agreed copied on, takes it out of the free times, and answers a retry with the first booking", async () => {
		const coach = await bookableCoach("预约测试教练");
		const player = await signedInUser("预约学员");
		const slots = await freeTimes(coach);
		expect(slots.length).toBeGreaterThan(10);
		const chosen = freeAt(slots, "14:00");
		// Every free time is an instant on the half-hour grid, an hour long.
		expect(new Date(chosen.endsAt).getTime() - new Date(chosen.startsAt).getTime()).toBe(3_600_000);
		expect(slots.every((slot) => new Date(slot.startsAt).getUTCMinutes() % 30 === 0)).toBe(true);

		const key = { "idempotency-key": crypto.randomUUID() };
		const created = await call("POST", "/bookings", player.token, request(coach, chosen.startsAt, { note: "想练走位" }), key);
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body.booking).toMatchObject({
			status: "pending_payment",
			startsAt: new Date(chosen.startsAt).toISOString(),
			priceFen: 20_000,
			depositFen: 6_000,
			paymentPlan: "deposit",
			courseType: "basic",
			durationMinutes: 60,
			cancellationPolicy: "moderate",
			location: { kind: "venue", placeName: "测试台球俱乐部", address: null },
			note: "想练走位",
		});
		expect(new Date(created.body.booking.payBy).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

		const retried = await call("POST", "/bookings", player.token, request(coach, chosen.startsAt, { note: "想练走位" }), key);
		expect(retried.status).toBe(200);
		expect(retried.body.booking.id).toBe(created.body.booking.id);

		// 14:00–15:00 holds until 15:15 with the buffer; a lesson before it must end, with its own buffer, by 14:00.
		const sameDay = (await freeTimes(coach))
			.filter((slot) => slot.startsAt.slice(0, 10) === chosen.startsAt.slice(0, 10))
			.map((slot) => shanghaiTime(slot.startsAt));
		for (const taken of ["13:00", "13:30", "14:00", "14:30", "15:00"]) expect(sameDay).not.toContain(taken);
		for (const free of ["12:30", "15:30"]) expect(sameDay).toContain(free);
		const count = await db().select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.coachId, coach.coachId));
		expect(count[0]?.n).toBe(1);
	});

	it("never books a coach twice: of simultaneous requests for one time over three instances exactly one wins, the rest get slot_taken with alternatives", async () => {
		const coach = await bookableCoach("抢约测试教练");
		const players = await Promise.all(Array.from({ length: 15 }, (_, index) => signedInUser(`抢约学员${index}`)));
		const chosen = freeAt(await freeTimes(coach), "10:00");
		const answers = await Promise.all(
			players.map((player, index) =>
				call("POST", "/bookings", player.token, request(coach, chosen.startsAt), {}, apps[index % 3]),
			),
		);
		const statuses = answers.map((answer) => answer.status).sort();
		expect(statuses.filter((status) => status === 201)).toHaveLength(1);
		expect(statuses.filter((status) => status === 409)).toHaveLength(14);
		const loser = answers.find((answer) => answer.status === 409);
		expect(loser?.body.error.code).toBe("slot_taken");
		expect(loser?.body.error.message).toContain("约走");
		expect(loser?.body.error.alternatives.length).toBeGreaterThan(0);
		expect(loser?.body.error.alternatives.map((slot: Slot) => slot.startsAt)).not.toContain(
			new Date(chosen.startsAt).toISOString(),
		);
	});

	it("refuses bad requests with a clear message and leaves no booking behind", async () => {
		const coach = await bookableCoach("拒绝测试教练");
		const other = await bookableCoach("另一位教练");
		const player = await signedInUser("拒绝测试学员");
		const slot = (await freeTimes(coach))[0] as Slot;
		const offGrid = new Date(new Date(slot.startsAt).getTime() + 10 * 60_000).toISOString();
		const cases: Array<[string, object, number, string]> = [
			["a past time", request(coach, new Date(Date.now() - 3_600_000).toISOString()), 422, "slot_unavailable"],
			["a time off the grid", request(coach, offGrid), 422, "slot_unavailable"],
			["another coach's offering", request(coach, slot.startsAt, { offeringId: other.offeringId }), 400, "validation_failed"],
			[
				"another coach's place",
				request(coach, slot.startsAt, { location: { kind: "venue", placeId: other.placeId } }),
				400,
				"validation_failed",
			],
			[
				"online for an in-person lesson",
				request(coach, slot.startsAt, { location: { kind: "online" } }),
				400,
				"validation_failed",
			],
			[
				"an empty address",
				request(coach, slot.startsAt, { location: { kind: "address", address: " " } }),
				400,
				"validation_failed",
			],
			["an unknown coach", request(coach, slot.startsAt, { coachId: crypto.randomUUID() }), 404, "not_found"],
		];
		for (const [what, body, status, code] of cases) {
			const answer = await call("POST", "/bookings", player.token, body);
			expect(answer.status, what).toBe(status);
			expect(answer.body.error.code, what).toBe(code);
			expect(answer.body.error.message, what).not.toMatch(/error|undefined|booking\./i);
		}
		const own = await call("POST", "/bookings", coach.token, request(coach, slot.startsAt));
		expect(own.status).toBe(400);
		expect(own.body.error.message).toBe("不能预约自己的课程");
		expect((await call("POST", "/bookings", null, request(coach, slot.startsAt))).status).toBe(401);
		const count = await db().select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.coachId, coach.coachId));
		expect(count[0]?.n).toBe(0);
	});

	it("takes an address the player types, encrypted at rest, shown back to the booking's two people", async () => {
		const coach = await bookableCoach("上门测试教练");
		const player = await signedInUser("上门学员");
		const slot = (await freeTimes(coach))[1] as Slot;
		const address = "徐汇区漕溪北路 88 号 3 楼";
		const created = await call(
			"POST",
			"/bookings",
			player.token,
			request(coach, slot.startsAt, { location: { kind: "address", address } }),
		);
		expect(created.status).toBe(201);
		expect(created.body.booking.location).toEqual({ kind: "address", placeName: null, address });
		const [row] = await db().select().from(bookings).where(eq(bookings.id, created.body.booking.id));
		expect(row?.addressEnc).toMatch(/^v2\./);
		expect(row?.addressEnc).not.toContain("漕溪");
		const seenByCoach = await call("GET", `/bookings/${created.body.booking.id}`, coach.token);
		expect(seenByCoach.body.booking.location.address).toBe(address);
	});
});

describe("who may see and act on a booking", () => {
	it("shows a booking to its player and its coach only; strangers and staff on the player's routes get 404", async () => {
		const coach = await bookableCoach("权限测试教练");
		const player = await signedInUser("权限学员");
		const stranger = await signedInUser("路人");
		const slot = (await freeTimes(coach))[2] as Slot;
		const { body } = await call("POST", "/bookings", player.token, request(coach, slot.startsAt));
		const id = body.booking.id as string;
		expect((await call("GET", `/bookings/${id}`, player.token)).status).toBe(200);
		expect((await call("GET", `/bookings/${id}`, coach.token)).status).toBe(200);
		expect((await call("GET", `/bookings/${id}`, stranger.token)).status).toBe(404);
		expect((await call("POST", `/bookings/${id}/cancel`, stranger.token, {})).status).toBe(404);
		expect((await call("GET", `/bookings/${crypto.randomUUID()}`, player.token)).status).toBe(404);
		// The player cannot do the coach's part.
		await markBookingPaid({ bookingId: id, paidFen: body.booking.depositFen, paymentId: "test-pay-1" });
		expect((await call("POST", `/bookings/${id}/confirm`, player.token)).status).toBe(403);
		const mine = await call("GET", "/bookings?role=player", player.token);
		expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
		const orders = await call("GET", "/bookings?role=coach", coach.token);
		expect(orders.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
		expect((await call("GET", "/bookings?role=coach", stranger.token)).body.items).toEqual([]);
	});
});

describe("the life cycle", () => {
	it("goes from payment to confirmation to a finished lesson, every step on the timeline, and refuses a step twice", async () => {
		const coach = await bookableCoach("流程测试教练");
		const player = await signedInUser("流程学员");
		const slot = (await freeTimes(coach))[0] as Slot;
		const { body } = await call("POST", "/bookings", player.token, request(coach, slot.startsAt, { paymentPlan: "full" }));
		const id = body.booking.id as string;
		expect(body.booking.depositFen).toBe(20_000);
		expect((await call("POST", `/bookings/${id}/confirm`, coach.token)).status).toBe(409);

		expect(await markBookingPaid({ bookingId: id, paidFen: 20_000, paymentId: "p-1" })).toEqual({
			outcome: "paid",
			status: "pending_confirmation",
		});
		expect(await markBookingPaid({ bookingId: id, paidFen: 20_000, paymentId: "p-1" })).toMatchObject({
			outcome: "already_paid",
		});
		const confirmed = await call("POST", `/bookings/${id}/confirm`, coach.token);
		expect(confirmed.body.booking.status).toBe("confirmed");
		expect((await call("POST", `/bookings/${id}/confirm`, coach.token)).status).toBe(409);

		const detail = await call("GET", `/bookings/${id}`, player.token);
		expect(detail.body.booking.events.map((event: { kind: string }) => event.kind)).toEqual(["created", "pay", "confirm"]);
		expect(detail.body.booking.events[2]).toMatchObject({
			actor: "coach",
			fromStatus: "pending_confirmation",
			toStatus: "confirmed",
		});
	});

	it("cancels by the player with exactly the refund the quote showed, and frees the time", async () => {
		const coach = await bookableCoach("取消测试教练");
		const player = await signedInUser("取消学员");
		const slots = await freeTimes(coach);
		const slot = slots[1] as Slot;
		const { body } = await call("POST", "/bookings", player.token, request(coach, slot.startsAt, { paymentPlan: "full" }));
		const id = body.booking.id as string;
		await markBookingPaid({ bookingId: id, paidFen: 20_000, paymentId: "p-2" });
		const quote = await call("GET", `/bookings/${id}/cancellation`, player.token);
		expect(quote.status).toBe(200);
		// The lesson is within 24 hours under the moderate policy: half back.
		const hoursAway = (new Date(slot.startsAt).getTime() - Date.now()) / 3_600_000;
		expect(quote.body.tier).toBe(hoursAway >= 24 ? "full" : "partial");
		const cancelled = await call("POST", `/bookings/${id}/cancel`, player.token, { reason: "临时有事" });
		expect(cancelled.status).toBe(200);
		expect(cancelled.body.outcome).toEqual(quote.body);
		expect(cancelled.body.booking).toMatchObject({ status: "cancelled", cancelledBy: "player", refundFen: quote.body.refundFen });
		expect((await freeTimes(coach)).map((free) => free.startsAt)).toContain(slot.startsAt);
		expect((await call("POST", `/bookings/${id}/cancel`, player.token, {})).status).toBe(409);
	});

	it("refunds in full when the coach declines, and when the coach leaves a paid booking unanswered", async () => {
		const coach = await bookableCoach("婉拒测试教练");
		const player = await signedInUser("婉拒学员");
		const slots = await freeTimes(coach);
		const first = (await call("POST", "/bookings", player.token, request(coach, (slots[0] as Slot).startsAt))).body.booking;
		await markBookingPaid({ bookingId: first.id, paidFen: first.depositFen, paymentId: "p-3" });
		expect((await call("POST", `/bookings/${first.id}/reject`, coach.token, {})).status).toBe(400);
		const rejected = await call("POST", `/bookings/${first.id}/reject`, coach.token, { reason: "那天要比赛" });
		expect(rejected.body.booking).toMatchObject({ status: "rejected", refundFen: first.depositFen, cancelReason: "那天要比赛" });

		const second = (await call("POST", "/bookings", player.token, request(coach, (slots[8] as Slot).startsAt))).body.booking;
		await markBookingPaid({ bookingId: second.id, paidFen: second.depositFen, paymentId: "p-4" });
		expect(await cancelUnansweredBookings(new Date())).toBe(0);
		expect(await cancelUnansweredBookings(new Date(Date.now() + 13 * 3_600_000))).toBeGreaterThanOrEqual(1);
		const [row] = await db().select().from(bookings).where(eq(bookings.id, second.id));
		expect(row).toMatchObject({ status: "cancelled", cancelledBy: "system", refundFen: second.depositFen });
	});

	it("expires an unpaid booking after its deadline, frees the time, and ignores a payment that comes too late", async () => {
		const coach = await bookableCoach("过期测试教练");
		const player = await signedInUser("过期学员");
		const slot = (await freeTimes(coach))[3] as Slot;
		const { body } = await call("POST", "/bookings", player.token, request(coach, slot.startsAt));
		expect(await expireUnpaidBookings(new Date())).toBe(0);
		expect(await expireUnpaidBookings(new Date(Date.now() + 16 * 60_000))).toBeGreaterThanOrEqual(1);
		const [row] = await db().select().from(bookings).where(eq(bookings.id, body.booking.id));
		expect(row?.status).toBe("expired");
		expect((await freeTimes(coach)).map((free) => free.startsAt)).toContain(slot.startsAt);
		expect(await markBookingPaid({ bookingId: body.booking.id, paidFen: body.booking.depositFen, paymentId: "late" })).toEqual({
			outcome: "expired",
			status: "expired",
		});
	});

	it("cancels a suspended coach's future bookings with a full refund, through the domain events", async () => {
		const coach = await bookableCoach("停用预约教练");
		const player = await signedInUser("停用预约学员");
		const slot = (await freeTimes(coach))[5] as Slot;
		const { body } = await call("POST", "/bookings", player.token, request(coach, slot.startsAt));
		await markBookingPaid({ bookingId: body.booking.id, paidFen: body.booking.depositFen, paymentId: "p-5" });
		const staff = await createReviewer();
		await suspendUser({ actor: { id: staff.id, roles: ["admin"] }, userId: coach.userId, reason: "违规" });
		await settleDomainEvents();
		const [row] = await db().select().from(bookings).where(eq(bookings.id, body.booking.id));
		expect(row).toMatchObject({ status: "cancelled", cancelledBy: "platform", refundFen: body.booking.depositFen });
	});
});
