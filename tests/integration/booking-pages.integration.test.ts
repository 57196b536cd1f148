import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rereadSettings } from "~/lib/config.server";
import { saveAvailability } from "~/modules/coaches/availability/save-availability.server";
import { sandboxEnabled } from "~/modules/payments/methods.server";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The player's booking pages as a browser without JavaScript meets them: the profile's week strip,
 * the booking form's plain post (errors beside the fields, typed text kept, a double click answered
 * with the first booking, a just-taken time answered with the nearest free ones), the bookings list,
 * and the detail's test payment and quoted cancellation; strangers get the 404 page.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

type Coach = Awaited<ReturnType<typeof bookableCoach>>;

const page = async (path: string, token?: string) => {
	const response = await fetch(`${app.url}${path}`, {
		headers: token ? { cookie: `cp_session=${token}` } : {},
		redirect: "manual",
	});
	return { status: response.status, location: response.headers.get("location"), html: await response.text() };
};

const post = async (path: string, token: string, fields: Record<string, string>) => {
	const response = await fetch(`${app.url}${path}`, {
		method: "POST",
		headers: { cookie: `cp_session=${token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams(fields),
		redirect: "manual",
	});
	return { status: response.status, location: response.headers.get("location"), html: await response.text() };
};

const api = async (path: string, token: string, body?: unknown) => {
	const response = await fetch(`${app.url}/api/v1${path}`, {
		method: body === undefined ? "GET" : "POST",
		headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: await response.json() };
};

/** A free time at least three days ahead (so a player's cancellation is still refunded in full). */
async function laterFreeTime(coach: Coach, skip = 0): Promise<string> {
	const from = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
	const { body } = await api(
		`/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}&from=${encodeURIComponent(from)}`,
		coach.token,
	);
	const slot = body.slots[skip * 4] as { startsAt: string } | undefined;
	if (!slot) throw new Error("no free time");
	return slot.startsAt;
}

/** What the form posts, as the page's own fields would send it. */
const bookingFields = (coach: Coach, startsAt: string, extra: Record<string, string> = {}) => ({
	offeringId: coach.offeringId,
	startsAt,
	place: `venue:${coach.placeId}`,
	address: "",
	note: "",
	paymentPlan: "deposit",
	idempotencyKey: crypto.randomUUID(),
	...extra,
});

/** Pays the deposit as the sandbox cashier would, through the payments API. */
async function payDeposit(token: string, bookingId: string) {
	const started = await api(`/bookings/${bookingId}/payments`, token, { kind: "deposit", method: "sandbox" });
	expect(started.status).toBe(201);
	const done = await api(`/payments/${started.body.paymentId}/sandbox`, token, { outcome: "success" });
	expect(done.body.payment.status).toBe("succeeded");
}

const bookingIdOf = (location: string | null) => location?.match(/^\/me\/bookings\/([0-9a-f-]{36})$/)?.[1];

async function playerBookings(token: string) {
	return (await api("/bookings?role=player", token)).body.items as Array<{
		id: string;
		status: string;
		refundFen: number | null;
	}>;
}

describe("the coach profile", () => {
	it("shows the week's free times of the cheapest lesson, each a link into the booking form, and a Book button per lesson", async () => {
		const coach = await bookableCoach("周历教练");
		const { status, html } = await page(`/coaches/${coach.coachId}`);
		expect(status).toBe(200);
		expect(html).toContain("近 7 天可约时间");
		expect(html).toContain('data-testid="week-strip"');
		expect(html).toMatch(new RegExp(`href="/coaches/${coach.coachId}/book\\?offeringId=${coach.offeringId}&amp;startsAt=[^"]+"`));
		expect(html).toContain(`href="/coaches/${coach.coachId}/book?offeringId=${coach.offeringId}"`);
	});

	it("says 暂停接单 and offers no booking while the coach has paused bookings", async () => {
		const coach = await bookableCoach("暂停教练");
		await saveAvailability({
			userId: coach.userId,
			update: {
				weeklyHours: [{ weekday: 1, start: "09:00", end: "21:00" }],
				exceptions: [],
				bufferMinutes: 15,
				minNoticeHours: 2,
				maxAdvanceDays: 30,
				acceptingBookings: false,
			},
		});
		const { html } = await page(`/coaches/${coach.coachId}`);
		expect(html).toContain('data-testid="paused"');
		expect(html).toContain("暂停接单");
		expect(html).not.toContain(`/coaches/${coach.coachId}/book`);
	});
});

describe("the booking form", () => {
	it("sends a signed-out visitor to sign in and back", async () => {
		const coach = await bookableCoach("登录教练");
		const path = `/coaches/${coach.coachId}/book?offeringId=${coach.offeringId}`;
		const { status, location } = await page(path);
		expect(status).toBe(302);
		expect(location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
	});

	it("shows the lesson, free times, places, amounts of both plans, the policy in words and an idempotency key", async () => {
		const coach = await bookableCoach("表单教练");
		const player = await signedInUser("表单学员");
		const { status, html } = await page(`/coaches/${coach.coachId}/book?offeringId=${coach.offeringId}`, player.token);
		expect(status).toBe(200);
		expect(html).toContain('data-testid="free-times"');
		expect(html).toContain(`value="venue:${coach.placeId}"`);
		expect(html).toContain("付定金 ¥60");
		expect(html).toContain("付全款 ¥200");
		// The moderate preset, in the words the coach chose it by.
		expect(html).toContain("适中");
		expect(html).toMatch(/name="idempotencyKey" value="[0-9a-f-]{36}"/);
	});

	it("books with a plain post, and a double-clicked submit (same key) answers with the same booking", async () => {
		const coach = await bookableCoach("下单教练");
		const player = await signedInUser("下单学员");
		const fields = bookingFields(coach, await laterFreeTime(coach), { note: "想练走位" });
		const first = await post(`/coaches/${coach.coachId}/book`, player.token, fields);
		expect(first.status).toBe(302);
		const bookingId = bookingIdOf(first.location);
		expect(bookingId).toBeDefined();
		const again = await post(`/coaches/${coach.coachId}/book`, player.token, fields);
		expect(bookingIdOf(again.location)).toBe(bookingId);
		const mine = await playerBookings(player.token);
		expect(mine.map((booking) => [booking.id, booking.status])).toEqual([[bookingId, "pending_payment"]]);
	});

	it("refuses a missing time, an empty address and online for a lesson that is not online, beside the field, keeping what was typed", async () => {
		const coach = await bookableCoach("拒绝教练");
		const player = await signedInUser("拒绝学员");
		const path = `/coaches/${coach.coachId}/book`;

		const noTime = await post(path, player.token, bookingFields(coach, "", { note: "第一次上课" }));
		expect(noTime.status).toBe(400);
		expect(noTime.html).toContain('id="startsAt-error"');
		expect(noTime.html).toContain("请选择一个有效的上课时间");
		expect(noTime.html).toContain("第一次上课</textarea>");

		const noAddress = await post(
			path,
			player.token,
			bookingFields(coach, await laterFreeTime(coach), { place: "address", address: " " }),
		);
		expect(noAddress.status).toBe(400);
		expect(noAddress.html).toMatch(/id="address-error"[^>]*>请填写详细上课地址/);

		const online = await post(path, player.token, bookingFields(coach, await laterFreeTime(coach), { place: "online" }));
		expect(online.status).toBe(400);
		expect(online.html).toContain("这门课程不能线上上课");

		expect(await playerBookings(player.token)).toEqual([]);
	});

	it("answers a time just taken by someone else with 409 and the nearest free times to pick instead", async () => {
		const coach = await bookableCoach("抢约教练");
		const first = await signedInUser("先到学员");
		const second = await signedInUser("后到学员");
		const startsAt = await laterFreeTime(coach);
		const taken = await api("/bookings", first.token, {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt,
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		});
		expect(taken.status).toBe(201);
		const late = await post(`/coaches/${coach.coachId}/book`, second.token, bookingFields(coach, startsAt, { note: "晚了一步" }));
		expect(late.status).toBe(409);
		expect(late.html).toContain("手慢了");
		expect(late.html).toContain('data-testid="alternatives"');
		expect(
			(late.html.match(/data-testid="alternatives"[\s\S]*?<\/div><\/div>/)?.[0] ?? "").match(/name="startsAt"/g)?.length,
		).toBeGreaterThan(0);
		expect(late.html).toContain("晚了一步</textarea>");
		expect(await playerBookings(second.token)).toEqual([]);
	});
});

describe("the player's bookings", () => {
	async function booked() {
		const coach = await bookableCoach("订单教练");
		const player = await signedInUser("订单学员");
		const answer = await post(`/coaches/${coach.coachId}/book`, player.token, bookingFields(coach, await laterFreeTime(coach)));
		return { coach, player, bookingId: bookingIdOf(answer.location) as string };
	}

	it("lists an upcoming booking with its coach and status, and invites to find a coach where a tab is empty", async () => {
		const { player, bookingId } = await booked();
		const upcoming = await page("/me/bookings", player.token);
		expect(upcoming.html).toContain(`href="/me/bookings/${bookingId}"`);
		expect(upcoming.html).toContain("订单教练");
		expect(upcoming.html).toContain("待支付");
		const cancelled = await page("/me/bookings?tab=cancelled", player.token);
		expect(cancelled.html).toContain("没有取消的预约");
		expect(cancelled.html).toContain('href="/coaches"');
	});

	it("sends the player to the checkout while payment is due, then shows the payment in the timeline and the balance still owed", async () => {
		const { player, bookingId } = await booked();
		const before = await page(`/me/bookings/${bookingId}`, player.token);
		expect(before.html).toContain(`href="/me/bookings/${bookingId}/pay"`);
		expect(before.html).toContain("去支付");
		expect(before.html).toContain('data-testid="pay-countdown"');
		await payDeposit(player.token, bookingId);
		const after = await page(`/me/bookings/${bookingId}`, player.token);
		expect(after.html).toContain("待教练确认");
		expect(after.html).toContain("系统确认收到付款");
		expect(after.html).not.toContain("去支付");
		expect(after.html).toMatch(/data-testid="balance-due"[\s\S]*尾款 ¥140 待支付/);
	});

	it("quotes the refund and fee before cancelling, then refunds exactly that", async () => {
		const { player, bookingId } = await booked();
		await payDeposit(player.token, bookingId);
		const quoted = await page(`/me/bookings/${bookingId}?cancel=1`, player.token);
		expect(quoted.html).toContain('data-testid="cancel-panel"');
		// Three days ahead the moderate policy refunds the whole ¥60 deposit.
		expect(quoted.html).toMatch(/data-testid="quote-refund"[^>]*>¥60</);
		expect(quoted.html).toMatch(/data-testid="quote-fee"[^>]*>¥0</);
		expect(quoted.html).toContain('name="quotedRefundFen" value="6000"');

		const cancelled = await post(`/me/bookings/${bookingId}`, player.token, {
			intent: "cancel",
			quotedRefundFen: "6000",
			reason: "临时加班",
		});
		expect(cancelled.status).toBe(302);
		const [booking] = await playerBookings(player.token);
		expect(booking).toMatchObject({ id: bookingId, status: "cancelled", refundFen: 6000 });
		const detail = await page(`/me/bookings/${bookingId}`, player.token);
		expect(detail.html).toContain("你取消了预约");
		expect(detail.html).toContain("临时加班");
		expect((await page("/me/bookings?tab=cancelled", player.token)).html).toContain(`href="/me/bookings/${bookingId}"`);
	});

	it("does not cancel on terms other than those quoted", async () => {
		const { player, bookingId } = await booked();
		await payDeposit(player.token, bookingId);
		const stale = await post(`/me/bookings/${bookingId}`, player.token, { intent: "cancel", quotedRefundFen: "100", reason: "" });
		expect(stale.status).toBe(409);
		expect(stale.html).toContain("退款金额刚刚变了");
		expect(stale.html).toMatch(/data-testid="quote-refund"[^>]*>¥60</);
		const [booking] = await playerBookings(player.token);
		expect(booking?.status).toBe("pending_confirmation");
	});

	it("gives strangers, and the coach on the player's page, the 404 page and lets them change nothing", async () => {
		const { coach, player, bookingId } = await booked();
		const stranger = await signedInUser("路人");
		for (const token of [stranger.token, coach.token]) {
			expect((await page(`/me/bookings/${bookingId}`, token)).status).toBe(404);
			expect((await page(`/me/bookings/${bookingId}/pay`, token)).status).toBe(404);
			expect((await post(`/me/bookings/${bookingId}`, token, { intent: "cancel", quotedRefundFen: "6000" })).status).toBe(404);
		}
		expect((await page("/me/bookings/not-a-booking", player.token)).status).toBe(404);
		const [booking] = await playerBookings(player.token);
		expect(booking?.status).toBe("pending_payment");
	});
});

describe("the sandbox cashier in production", () => {
	it("is off unless PAYMENTS_SANDBOX=1 turns it on on purpose", async () => {
		// What a production deployment must have set, so the settings load as they would there.
		vi.stubEnv("APP_ENV", "production");
		vi.stubEnv("APP_URL", "https://cuepal.example");
		vi.stubEnv("SESSION_SECRET", "a-production-session-secret-of-enough-length-0001");
		vi.stubEnv("SMS_PROVIDER", "aliyun");
		vi.stubEnv("SMTP_URL", "smtp://mail.example:25");
		rereadSettings();
		try {
			expect(sandboxEnabled()).toBe(false);
			vi.stubEnv("PAYMENTS_SANDBOX", "1");
			rereadSettings();
			expect(sandboxEnabled()).toBe(true);
		} finally {
			vi.unstubAllEnvs();
			rereadSettings();
		}
	});
});
