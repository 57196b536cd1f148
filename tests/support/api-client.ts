import { expect } from "vitest";
import type { TestApp } from "./test-app";

/** One JSON API call against a test app, answering the status and the parsed body (or the text, when not JSON). */
export async function apiCall(
	app: TestApp,
	method: string,
	path: string,
	token: string | null,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: any; text: string }> {
	const response = await fetch(`${app.url}/api/v1${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { "content-type": "application/json" }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		parsed = null;
	}
	return { status: response.status, body: parsed, text };
}

/**
 * Books the coach's first free time at least `fromHours` ahead (default a day) through the API, as
 * the player, and answers the booking (status pending_payment). `offset` picks a later free time,
 * for several bookings of one coach.
 */
export async function bookThroughApi(
	app: TestApp,
	coach: { coachId: string; offeringId: string; placeId: string },
	player: { token: string },
	options: { paymentPlan?: "deposit" | "full"; offset?: number; fromHours?: number } = {},
) {
	const { paymentPlan = "deposit", offset = 0, fromHours = 24 } = options;
	const slots = await apiCall(app, "GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, null);
	expect(slots.status).toBe(200);
	const from = Date.now() + fromHours * 3_600_000;
	const free = (slots.body.slots as Array<{ startsAt: string }>).filter((slot) => new Date(slot.startsAt).getTime() > from);
	// Every third time: an hour's lesson plus its buffer never overlaps the next one picked.
	const chosen = free[offset * 3];
	if (!chosen) throw new Error("no free time to book");
	const created = await apiCall(app, "POST", "/bookings", player.token, {
		coachId: coach.coachId,
		offeringId: coach.offeringId,
		startsAt: chosen.startsAt,
		location: { kind: "venue", placeId: coach.placeId },
		paymentPlan,
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	return created.body.booking as { id: string; priceFen: number; depositFen: number; status: string; startsAt: string };
}

/** A page as a browser without JavaScript meets it, signed in by the session cookie when a token is given. */
export const fetchPage = (app: TestApp, path: string, token?: string | null) =>
	fetch(`${app.url}${path}`, { headers: token ? { cookie: `cp_session=${token}` } : {}, redirect: "manual" });

/** A page's form posted as the browser would (same origin), answering the redirect rather than following it. */
export const postForm = (app: TestApp, path: string, token: string, fields: Record<string, string>) =>
	fetch(`${app.url}${path}`, {
		method: "POST",
		headers: { cookie: `cp_session=${token}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams(fields),
		redirect: "manual",
	});

/** fetchPage, read: the status, where it redirects and the HTML. */
export async function pageGet(app: TestApp, path: string, token?: string) {
	const response = await fetchPage(app, path, token);
	return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

/** postForm, read: the status, where it redirects and the HTML. */
export async function pagePost(app: TestApp, path: string, token: string, fields: Record<string, string>) {
	const response = await postForm(app, path, token, fields);
	return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}
