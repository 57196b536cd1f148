import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { apiCall, fetchPage, postForm } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/** The back office's bookings: the list with its filters and pages, one booking, a cancellation with a reason. */
let app: TestApp;
const staff = { support: "", admin: "", adminId: "" };

const call = (method: string, path: string, token: string, body?: unknown) => apiCall(app, method, path, token, body);

const page = (path: string, token: string) => fetchPage(app, path, token);
const post = (path: string, token: string, fields: Record<string, string>) => postForm(app, path, token, fields);

type Coach = Awaited<ReturnType<typeof bookableCoach>>;
type Booking = { id: string; priceFen: number; startsAt: string; status: string };

/** `count` bookings of the coach by the player, two hours apart from tomorrow on, through the API. */
async function bookMany(coach: Coach, player: { token: string }, count: number): Promise<Booking[]> {
	const { slots } = (await (
		await fetch(`${app.url}/api/v1/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`)
	).json()) as { slots: { startsAt: string }[] };
	const made: Booking[] = [];
	let last = Date.now() + 24 * 3_600_000;
	for (const slot of slots) {
		if (made.length === count) break;
		const at = new Date(slot.startsAt).getTime();
		if (at < last + 2 * 3_600_000) continue;
		const created = await call("POST", "/bookings", player.token, {
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt: slot.startsAt,
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		});
		expect(created.status).toBe(201);
		made.push(created.body.booking);
		last = at;
	}
	expect(made.length).toBe(count);
	return made;
}

/** Staff sign in with the password and then the code of their authenticator app, as the back office requires. */
const signIn = (phone: string) => signInStaff(app.url, phone);

let coach: Coach;
let player: { userId: string; token: string };
let bookings: Booking[];

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staff.support = (await signIn("13800000004")).token;
	const admin = await signIn("13800000005");
	staff.admin = admin.token;
	staff.adminId = admin.user.id;
	coach = await bookableCoach("后台预约教练");
	player = await signedInUser("后台预约学员");
	bookings = await bookMany(coach, player, 21);
	const paid = bookings[0] as Booking;
	await markBookingPaid({ bookingId: paid.id, paidFen: paid.priceFen, paymentId: "pay-admin" });
	expect((await call("POST", `/bookings/${paid.id}/confirm`, coach.token)).status).toBe(200);
});
afterAll(async () => {
	await app.close();
});

describe("the back office's bookings over the API", () => {
	it("refuses players and coaches, and strangers' tokens never learn a booking exists", async () => {
		expect((await call("GET", "/admin/bookings", player.token)).status).toBe(403);
		expect((await call("GET", `/admin/bookings/${bookings[0]?.id}`, coach.token)).status).toBe(403);
		expect((await call("POST", `/admin/bookings/${bookings[1]?.id}/cancel`, player.token, { reason: "试试看" })).status).toBe(
			403,
		);
	});

	it("lists one coach's bookings newest lesson first, 20 a page, and the next page holds the rest without repeats", async () => {
		const first = await call("GET", `/admin/bookings?coachId=${coach.coachId}`, staff.support);
		expect(first.status).toBe(200);
		expect(first.body.bookings).toHaveLength(20);
		const starts = first.body.bookings.map((booking: Booking) => booking.startsAt);
		expect([...starts].sort().reverse()).toEqual(starts);
		const second = await call("GET", `/admin/bookings?coachId=${coach.coachId}&cursor=${first.body.nextCursor}`, staff.support);
		expect(second.body.bookings).toHaveLength(1);
		expect(second.body.nextCursor).toBeNull();
		const ids = [...first.body.bookings, ...second.body.bookings].map((booking: Booking) => booking.id).sort();
		expect(ids).toEqual(bookings.map((booking) => booking.id).sort());
	});

	it("filters by status, player and the lesson's day in China time", async () => {
		const confirmed = await call("GET", `/admin/bookings?status=confirmed&playerId=${player.userId}`, staff.support);
		expect(confirmed.body.bookings.map((booking: Booking) => booking.id)).toEqual([bookings[0]?.id]);
		const firstLesson = new Date((bookings[0] as Booking).startsAt);
		const day = new Date(firstLesson.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
		const onDay = await call("GET", `/admin/bookings?coachId=${coach.coachId}&from=${day}&to=${day}`, staff.support);
		expect(onDay.body.bookings.length).toBeGreaterThan(0);
		for (const booking of onDay.body.bookings as Booking[]) {
			expect(new Date(new Date(booking.startsAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(day);
		}
	});

	it("answers bad filters with the field named, in the caller's language", async () => {
		const bad = await call("GET", "/admin/bookings?coachId=abc&status=lost", staff.support);
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(["coachId", "status"]);
		const backwards = await call("GET", "/admin/bookings?from=2026-12-10&to=2026-12-01", staff.support);
		expect(backwards.status).toBe(400);
		expect(backwards.body.error.fields.to).toBe("结束日期不能早于开始日期");
	});

	it("shows one booking with its whole timeline", async () => {
		const detail = await call("GET", `/admin/bookings/${bookings[0]?.id}`, staff.support);
		expect(detail.status).toBe(200);
		expect(detail.body.booking.events.map((event: { kind: string }) => event.kind)).toEqual(["created", "pay", "confirm"]);
		expect((await call("GET", "/admin/bookings/00000000-0000-4000-8000-000000000000", staff.support)).status).toBe(404);
	});

	it("cancels for the platform only with a reason, refunds in full, tells both sides and writes the audit log", async () => {
		const target = bookings[0] as Booking;
		const noReason = await call("POST", `/admin/bookings/${target.id}/cancel`, staff.admin, { reason: " " });
		expect(noReason.status).toBe(400);
		expect((await call("GET", `/admin/bookings/${target.id}`, staff.admin)).body.booking.status).toBe("confirmed");

		const cancelled = await call("POST", `/admin/bookings/${target.id}/cancel`, staff.admin, { reason: "球厅临时停业" });
		expect(cancelled.status).toBe(200);
		expect(cancelled.body.booking).toMatchObject({ status: "cancelled", cancelledBy: "platform", refundFen: target.priceFen });
		expect(cancelled.body.outcome.refundFen).toBe(target.priceFen);
		expect((await listNotifications(player.userId))[0]).toMatchObject({ kind: "bookingCancelled" });
		expect((await listNotifications(coach.userId))[0]).toMatchObject({ kind: "bookingCancelled" });

		const audit = await call("GET", `/admin/audit?action=booking.cancelled&targetId=${target.id}`, staff.admin);
		expect(audit.body.entries).toHaveLength(1);
		expect(audit.body.entries[0]).toMatchObject({
			actor: { id: staff.adminId },
			targetType: "booking",
			reason: "球厅临时停业",
			detail: { fromStatus: "confirmed", refundFen: target.priceFen },
		});
		// A second cancellation changes nothing and writes nothing.
		expect((await call("POST", `/admin/bookings/${target.id}/cancel`, staff.admin, { reason: "再取消一次" })).status).toBe(409);
		expect(
			(await call("GET", `/admin/audit?action=booking.cancelled&targetId=${target.id}`, staff.admin)).body.entries,
		).toHaveLength(1);
	});
});

describe("the back office's booking pages", () => {
	it("lists bookings with their filters, and refuses a player", async () => {
		const list = await page(`/admin/bookings?coachId=${coach.coachId}`, staff.support);
		expect(list.status).toBe(200);
		const html = await list.text();
		expect(html).toContain("全部预约");
		expect(html).toContain("后台预约教练");
		expect(html).toContain(`/admin/bookings/${bookings[2]?.id}`);
		expect((await page("/admin/bookings", player.token)).status).toBe(403);
		const bad = await page("/admin/bookings?from=2026-12-10&to=2026-12-01", staff.support);
		expect(await bad.text()).toContain("结束日期不能早于开始日期");
	});

	it("shows the timeline, refuses a cancellation without a reason, and cancels with one", async () => {
		const target = bookings[3] as Booking;
		const detail = await page(`/admin/bookings/${target.id}`, staff.support);
		expect(detail.status).toBe(200);
		expect(await detail.text()).toContain("完整记录");

		const empty = await post(`/admin/bookings/${target.id}`, staff.support, { reason: "" });
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain("请说明原因");
		expect((await call("GET", `/admin/bookings/${target.id}`, staff.support)).body.booking.status).toBe("pending_payment");

		const done = await post(`/admin/bookings/${target.id}`, staff.support, { reason: "球员电话要求取消" });
		expect(done.status).toBe(302);
		expect(done.headers.get("location")).toBe(`/admin/bookings/${target.id}`);
		const after = (await call("GET", `/admin/bookings/${target.id}`, staff.support)).body.booking;
		expect(after).toMatchObject({ status: "cancelled", cancelledBy: "platform", cancelReason: "球员电话要求取消" });
		expect(await page(`/admin/bookings/${target.id}`, staff.support).then((response) => response.text())).toContain(
			"这个预约已结束或已取消",
		);
	});
});
