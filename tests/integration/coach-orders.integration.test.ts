import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The coach's orders in the browser: the inbox and its tabs, the order page's actions as plain
 * form posts (what a browser without JavaScript sends), who may see and act, and the live feed
 * that carries a booking made on one app instance to a coach's page open on another.
 */
let apps: TestApp[] = [];
const [first, second] = [() => apps[0] as TestApp, () => apps[1] as TestApp];

beforeAll(async () => {
	// Two instances on one database, as behind the Ingress: each has its own listening connection.
	apps = [await startTestApp(), await startTestApp()];
});
afterAll(async () => {
	await Promise.all(apps.map((app) => app.close()));
});

type Coach = Awaited<ReturnType<typeof bookableCoach>>;
type Slot = { startsAt: string; endsAt: string };

async function api(method: string, path: string, token: string, body?: unknown, app = first()) {
	const response = await fetch(`${app.url}/api/v1${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: await response.json() };
}

const page = (path: string, token: string | null, app = first()) =>
	fetch(`${app.url}${path}`, { headers: token ? { cookie: `cp_session=${token}` } : {}, redirect: "manual" });

const post = (path: string, token: string, fields: Record<string, string>, app = first()) =>
	fetch(`${app.url}${path}`, {
		method: "POST",
		headers: {
			cookie: `cp_session=${token}`,
			origin: app.url,
			"content-type": "application/x-www-form-urlencoded",
		},
		body: new URLSearchParams(fields).toString(),
		redirect: "manual",
	});

const slotsTaken = new Map<string, number>();
/** A later free time of the coach each call, so bookings in one test never compete for a slot. */
async function nextFreeTime(coach: Coach): Promise<Slot> {
	const { body } = await api("GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, coach.token);
	const index = slotsTaken.get(coach.coachId) ?? 0;
	slotsTaken.set(coach.coachId, index + 3);
	return body.slots[index + 3] as Slot;
}

async function book(coach: Coach, player: { token: string }, note = "想练低杆和走位", app = first()) {
	const slot = await nextFreeTime(coach);
	const created = await api(
		"POST",
		"/bookings",
		player.token,
		{
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: slot.startsAt,
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
			note,
		},
		app,
	);
	expect(created.status).toBe(201);
	return created.body.booking as { id: string; priceFen: number; depositFen: number };
}

async function paidBooking(coach: Coach, player: { token: string }, note?: string) {
	const booking = await book(coach, player, note);
	expect(
		(await markBookingPaid({ bookingId: booking.id, paidFen: booking.depositFen, paymentId: `pay-${booking.id}` })).outcome,
	).toBe("paid");
	return booking;
}

const statusOf = async (bookingId: string, token: string) =>
	(await api("GET", `/bookings/${bookingId}`, token)).body.booking.status as string;

let coach: Coach;
let player: { userId: string; token: string };
beforeAll(async () => {
	coach = await bookableCoach("订单页教练");
	player = await signedInUser("订单页学员");
});

describe("the inbox", () => {
	it("lists a paid booking under “to confirm” with its player, note and amounts, counts each tab, and badges the coach desk", async () => {
		const booking = await paidBooking(coach, player, "第一次上课，想练低杆");
		const response = await page("/coach/orders", coach.token);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain("订单页学员");
		expect(html).toContain("第一次上课，想练低杆");
		expect(html).toContain(`/coach/orders/${booking.id}`);
		expect(html).toMatch(/data-testid="count-to_confirm"[^>]*>1</);
		expect(html).toMatch(/data-testid="count-upcoming"[^>]*>0</);
		// The navigation's coach desk carries the number waiting for an answer.
		expect(html).toMatch(/工作台<span[^>]*>1</);

		const upcoming = await (await page("/coach/orders?tab=upcoming", coach.token)).text();
		expect(upcoming).toContain("还没有待上的课");
		expect(upcoming).not.toContain(`/coach/orders/${booking.id}`);
	});

	it("invites someone who is not a coach to apply instead", async () => {
		const stranger = await signedInUser("路过的人");
		const html = await (await page("/coach/orders", stranger.token)).text();
		expect(html).toContain('href="/coach/apply"');
		expect(html).not.toContain("订单页学员");
	});
});

describe("the order page", () => {
	it("confirms a paid booking with a plain form post", async () => {
		const booking = await paidBooking(coach, player);
		const detail = await (await page(`/coach/orders/${booking.id}`, coach.token)).text();
		expect(detail).toContain("确认接单");
		expect(detail).toContain("球员下单");
		expect(detail).toContain("球员已付款");

		const answer = await post(`/coach/orders/${booking.id}`, coach.token, { intent: "confirm" });
		expect(answer.status).toBe(302);
		expect(answer.headers.get("location")).toBe(`/coach/orders/${booking.id}`);
		expect(await statusOf(booking.id, player.token)).toBe("confirmed");
		const after = await (await page(`/coach/orders/${booking.id}`, coach.token)).text();
		expect(after).toContain("教练确认接单");
	});

	it("refuses to decline without a reason, beside the field, and declines with one", async () => {
		const booking = await paidBooking(coach, player);
		const refused = await post(`/coach/orders/${booking.id}`, coach.token, { intent: "reject", reason: " " });
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain("请说明原因");
		expect(html).toMatch(/<details open=""/);
		expect(await statusOf(booking.id, player.token)).toBe("pending_confirmation");

		const declined = await post(`/coach/orders/${booking.id}`, coach.token, { intent: "reject", reason: "那天临时要参加比赛" });
		expect(declined.status).toBe(302);
		const seen = (await api("GET", `/bookings/${booking.id}`, player.token)).body.booking;
		expect(seen.status).toBe("rejected");
		expect(seen.refundFen).toBe(booking.depositFen);
	});

	it("says a lesson cannot start hours early, and changes nothing", async () => {
		const booking = await paidBooking(coach, player);
		expect((await post(`/coach/orders/${booking.id}`, coach.token, { intent: "confirm" })).status).toBe(302);
		const detail = await (await page(`/coach/orders/${booking.id}`, coach.token)).text();
		expect(detail).toContain("开课前 30 分钟起可以开始");
		const early = await post(`/coach/orders/${booking.id}`, coach.token, { intent: "start" });
		expect(early.status).toBe(409);
		expect(await early.text()).toContain("还没到上课时间");
		expect(await statusOf(booking.id, player.token)).toBe("confirmed");
	});

	it("tells the coach a cancellation refunds the player in full and counts against them, then cancels with that refund", async () => {
		const booking = await paidBooking(coach, player);
		expect((await post(`/coach/orders/${booking.id}`, coach.token, { intent: "confirm" })).status).toBe(302);
		const detail = await (await page(`/coach/orders/${booking.id}`, coach.token)).text();
		const refund = `¥${booking.depositFen / 100}`;
		expect(detail).toContain(`球员将获得全额退款 ${refund}，这次取消会计入你的教练记录`);

		const cancelled = await post(`/coach/orders/${booking.id}`, coach.token, { intent: "cancel", reason: "手伤" });
		expect(cancelled.status).toBe(302);
		const seen = (await api("GET", `/bookings/${booking.id}`, player.token)).body.booking;
		expect(seen).toMatchObject({ status: "cancelled", cancelledBy: "coach", refundFen: booking.depositFen });
	});

	it("answers 404 to strangers and to another coach, and to the booking's own player acting as its coach", async () => {
		const booking = await paidBooking(coach, player);
		const stranger = await signedInUser("陌生人");
		const otherCoach = await bookableCoach("别的教练");
		for (const token of [stranger.token, otherCoach.token, player.token]) {
			expect((await page(`/coach/orders/${booking.id}`, token)).status).toBe(404);
			expect((await post(`/coach/orders/${booking.id}`, token, { intent: "confirm" })).status).toBe(404);
			expect((await post(`/coach/orders/${booking.id}`, token, { intent: "reject", reason: "不想上" })).status).toBe(404);
		}
		expect((await page(`/coach/orders/not-a-booking`, coach.token)).status).toBe(404);
		expect(await statusOf(booking.id, player.token)).toBe("pending_confirmation");
	});

	it("sends someone signed out to the login page", async () => {
		const response = await page("/coach/orders", null);
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toMatch(/^\/login/);
	});
});

/** Reads Server-Sent Events from a response body, one parsed event at a time. */
function eventReader(response: Response) {
	const reader = (response.body as ReadableStream<Uint8Array>).getReader();
	const decoder = new TextDecoder();
	let buffer = "";
	return {
		async next(): Promise<{ event: string | null; data: string | null; comment: string | null }> {
			for (;;) {
				const end = buffer.indexOf("\n\n");
				if (end >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const field = (name: string) =>
						block
							.split("\n")
							.find((line) => line.startsWith(`${name}:`))
							?.slice(name.length + 1)
							.trim() ?? null;
					return { event: field("event"), data: field("data"), comment: field("") };
				}
				const { value, done } = await reader.read();
				if (done) throw new Error("the live feed ended");
				buffer += decoder.decode(value, { stream: true });
			}
		},
		/** The next booking change, skipping heartbeats. */
		async nextChange(): Promise<Record<string, unknown>> {
			for (;;) {
				const message = await this.next();
				if (message.event === "booking_changes" && message.data) return JSON.parse(message.data);
			}
		},
	};
}

async function connectFeed(token: string | null, app: TestApp, signal: AbortSignal) {
	return fetch(`${app.url}/coach/orders/live`, {
		headers: { accept: "text/event-stream", ...(token ? { cookie: `cp_session=${token}` } : {}) },
		signal,
	});
}

describe("the live feed", () => {
	const connections = new AbortController();
	afterAll(() => connections.abort());

	it("carries a booking made through one instance to the coach's feed open on the other, ids only, unbuffered", async () => {
		const liveCoach = await bookableCoach("实时教练");
		const feed = await connectFeed(liveCoach.token, second(), connections.signal);
		expect(feed.status).toBe(200);
		expect(feed.headers.get("content-type")).toMatch(/^text\/event-stream/);
		expect(feed.headers.get("x-accel-buffering")).toBe("no");
		expect(feed.headers.get("cache-control")).toContain("no-transform");
		expect(feed.headers.get("content-encoding")).toBeNull();
		const events = eventReader(feed);
		// The first block says the feed listens: anything committed from now on reaches it.
		expect((await events.next()).comment).toBe("connected");

		const booking = await book(liveCoach, player, "实时测试", first());
		expect(await events.nextChange()).toEqual({
			coachId: liveCoach.coachId,
			playerId: player.userId,
			bookingId: booking.id,
			status: "pending_payment",
		});
		await markBookingPaid({ bookingId: booking.id, paidFen: booking.depositFen, paymentId: `pay-${booking.id}` });
		expect(await events.nextChange()).toMatchObject({ bookingId: booking.id, status: "pending_confirmation" });
		const confirmed = await post(`/coach/orders/${booking.id}`, liveCoach.token, { intent: "confirm" }, first());
		expect(confirmed.status).toBe(302);
		expect(await events.nextChange()).toMatchObject({ bookingId: booking.id, status: "confirmed" });
	});

	it("gives each coach only their own bookings' changes", async () => {
		const [one, two] = [await bookableCoach("甲教练"), await bookableCoach("乙教练")];
		const feedOfTwo = eventReader(await connectFeed(two.token, first(), connections.signal));
		expect((await feedOfTwo.next()).comment).toBe("connected");
		await book(one, player, "给甲", second());
		const ofTwo = await book(two, player, "给乙", second());
		// Notifications arrive in commit order: had coach two's feed heard coach one's booking, it would come first.
		expect(await feedOfTwo.nextChange()).toMatchObject({ coachId: two.coachId, bookingId: ofTwo.id });
	});

	it("refuses the signed-out and people without a coach record", async () => {
		expect((await connectFeed(null, first(), connections.signal)).status).toBe(401);
		const stranger = await signedInUser("没有教练身份");
		expect((await connectFeed(stranger.token, first(), connections.signal)).status).toBe(404);
	});
});
