import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { bookings } from "../../db/schema";
import { apiCall } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Booking creation no longer looks for lapsed unpaid bookings before every insert: it asks only
 * when the insert is refused. A time held by a booking whose payment time ran out must still be
 * bookable at once, before the expiry job runs, and a time really taken must still answer 409.
 */
let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

describe("a time held by an unpaid booking past its deadline", () => {
	it("is booked at once by the next player, the lapsed booking expired in the same step; a paid-for time stays taken", async () => {
		const coach = await bookableCoach("逾期占用教练");
		const first = await signedInUser("逾期未付学员");
		const second = await signedInUser("接着预约学员");
		const slots = await call("GET", `/coaches/${coach.coachId}/slots?offeringId=${coach.offeringId}`, null);
		const [lapsedTime, takenTime] = [slots.body.slots[4].startsAt, slots.body.slots[8].startsAt] as [string, string];
		const request = (startsAt: string) => ({
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt,
			location: { kind: "address", address: "上海市黄浦区人民大道 100 号" },
			paymentPlan: "deposit",
		});

		const unpaid = await call("POST", "/bookings", first.token, request(lapsedTime));
		expect(unpaid.status).toBe(201);
		const held = await call("POST", "/bookings", first.token, request(takenTime));
		expect(held.status).toBe(201);
		// Its 15 minutes to pay have passed (the expiry job has not run yet).
		await db()
			.update(bookings)
			.set({ payBy: new Date(Date.now() - 60_000) })
			.where(eq(bookings.id, unpaid.body.booking.id));

		const rebooked = await call("POST", "/bookings", second.token, request(lapsedTime));
		expect(rebooked.status, JSON.stringify(rebooked.body)).toBe(201);
		const [expired] = await db().select().from(bookings).where(eq(bookings.id, unpaid.body.booking.id));
		expect(expired?.status).toBe("expired");

		const refused = await call("POST", "/bookings", second.token, request(takenTime));
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe("slot_taken");
		expect(refused.body.error.message).toBeTruthy();
	});
});
