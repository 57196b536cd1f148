import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/modules/accounts/sessions.server";
import { createUser } from "~/modules/accounts/users.server";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const calendarOf = (bookingId: string, token: string | null) =>
	fetch(`${app.url}/api/v1/bookings/${bookingId}/calendar.ics`, {
		headers: token ? { authorization: `Bearer ${token}` } : {},
	});

/** "20261205T103000Z": an instant as iCalendar writes it in UTC. */
const icsUtc = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;

describe("a booking's calendar file", () => {
	it("gives the player and the coach the lesson in UTC, with the other side's name and the place, and no phone number", async () => {
		const coach = await bookableCoach("日历教练");
		const phone = "13900001234";
		const user = await createUser({ displayName: "日历学员", phone });
		const player = (await createSession(user.id, { ip: "127.0.0.1", userAgent: "tests" })).token;
		const { slots } = (await (
			await fetch(`${app.url}/api/v1/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`)
		).json()) as { slots: { startsAt: string; endsAt: string }[] };
		const slot = slots[3] as { startsAt: string; endsAt: string };
		const created = await fetch(`${app.url}/api/v1/bookings`, {
			method: "POST",
			headers: { authorization: `Bearer ${player}`, "content-type": "application/json" },
			body: JSON.stringify({
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: slot.startsAt,
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "full",
			}),
		});
		const bookingId = ((await created.json()) as { booking: { id: string } }).booking.id;

		const forPlayer = await calendarOf(bookingId, player);
		expect(forPlayer.status).toBe(200);
		expect(forPlayer.headers.get("content-type")).toContain("text/calendar");
		const text = await forPlayer.text();
		expect(text).toContain(`UID:${bookingId}@cuepal`);
		expect(text).toContain(`DTSTART:${icsUtc(slot.startsAt)}`);
		expect(text).toContain(`DTEND:${icsUtc(slot.endsAt)}`);
		expect(text).toContain("X-WR-TIMEZONE:Asia/Shanghai");
		expect(text).toContain("SUMMARY:台球课 · 教练 日历教练");
		expect(text).toContain("LOCATION:测试台球俱乐部");

		const forCoach = await (await calendarOf(bookingId, coach.token)).text();
		expect(forCoach).toContain("SUMMARY:台球课 · 学员 日历学员");
		expect(forCoach).not.toContain(phone);
		expect(forCoach).not.toContain("1234");
	});

	it("is refused to strangers (404, as if the booking did not exist) and to the signed out (401)", async () => {
		const coach = await bookableCoach("日历教练二");
		const player = await signedInUser("日历学员二");
		const stranger = await signedInUser("路人");
		const { slots } = (await (
			await fetch(`${app.url}/api/v1/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`)
		).json()) as { slots: { startsAt: string }[] };
		const created = await fetch(`${app.url}/api/v1/bookings`, {
			method: "POST",
			headers: { authorization: `Bearer ${player.token}`, "content-type": "application/json" },
			body: JSON.stringify({
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: slots[5]?.startsAt,
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "full",
			}),
		});
		const bookingId = ((await created.json()) as { booking: { id: string } }).booking.id;
		const refused = await calendarOf(bookingId, stranger.token);
		expect(refused.status).toBe(404);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("not_found");
		expect((await calendarOf(bookingId, null)).status).toBe(401);
		expect((await calendarOf("not-a-booking", player.token)).status).toBe(404);
	});
});

describe("the private calendar feed", () => {
	const post = (token: string, intent: string) =>
		fetch(`${app.url}/me/calendar`, {
			method: "POST",
			headers: { cookie: `cp_session=${token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ intent }),
			redirect: "manual",
		});
	const linkIn = (html: string) => /\/calendar\/([A-Za-z0-9_-]{43})\.ics/.exec(html)?.[0] ?? null;

	it("shows a secret link once, lists the person's upcoming lessons as player and as coach, and stops on renew and revoke", async () => {
		const coach = await bookableCoach("订阅教练");
		const player = await signedInUser("订阅学员");
		const { slots } = (await (
			await fetch(`${app.url}/api/v1/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`)
		).json()) as { slots: { startsAt: string }[] };
		const created = await fetch(`${app.url}/api/v1/bookings`, {
			method: "POST",
			headers: { authorization: `Bearer ${player.token}`, "content-type": "application/json" },
			body: JSON.stringify({
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: slots[2]?.startsAt,
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "full",
			}),
		});
		const bookingId = ((await created.json()) as { booking: { id: string } }).booking.id;

		const page = await fetch(`${app.url}/me/calendar`, { headers: { cookie: `cp_session=${player.token}` } });
		expect(await page.text()).toContain("你还没有日历订阅链接");
		const made = await post(player.token, "renew");
		expect(made.status).toBe(200);
		const link = linkIn(await made.text());
		expect(link).not.toBeNull();
		// Shown once: the page afterwards says a link exists without showing it.
		expect(
			linkIn(await (await fetch(`${app.url}/me/calendar`, { headers: { cookie: `cp_session=${player.token}` } })).text()),
		).toBeNull();

		const feed = await fetch(`${app.url}${link}`);
		expect(feed.status).toBe(200);
		expect(feed.headers.get("content-type")).toContain("text/calendar");
		expect(await feed.text()).toContain(`UID:${bookingId}@cuepal`);
		// The coach's own feed lists the same lesson from the coach's side.
		const coachLink = linkIn(await (await post(coach.token, "renew")).text());
		expect(await (await fetch(`${app.url}${coachLink}`)).text()).toContain("SUMMARY:台球课 · 学员 订阅学员");

		// Updated as bookings change: a cancelled lesson leaves the feed.
		await fetch(`${app.url}/api/v1/bookings/${bookingId}/cancel`, {
			method: "POST",
			headers: { authorization: `Bearer ${player.token}`, "content-type": "application/json" },
			body: "{}",
		});
		expect(await (await fetch(`${app.url}${link}`)).text()).not.toContain(bookingId);

		const renewed = linkIn(await (await post(player.token, "renew")).text());
		expect(renewed).not.toBe(link);
		expect((await fetch(`${app.url}${link}`)).status).toBe(404);
		expect((await fetch(`${app.url}${renewed}`)).status).toBe(200);
		await post(player.token, "revoke");
		expect((await fetch(`${app.url}${renewed}`)).status).toBe(404);
		expect((await fetch(`${app.url}/calendar/guess.ics`)).status).toBe(404);
	});
});
