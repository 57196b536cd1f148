import type { APIRequestContext } from "@playwright/test";
import { createPlayer, sessionTokenFor } from "./fixtures";

/**
 * An approved coach of the spec's own, open every day 09:00–21:00 with one 60-minute lesson,
 * made through the services (the review included), so the demo coach's orders stay as they are.
 */
export async function createOrdersCoach(displayName: string, phone: string): Promise<{ coachId: string; userId: string }> {
	// Any fixture call first points the services at the e2e database.
	await createPlayer(phone, `${displayName}的连接`);
	const { bookableCoach } = await import("../support/bookings");
	const coach = await bookableCoach(displayName);
	return { coachId: coach.coachId, userId: coach.userId };
}

/**
 * Bookings for the coach orders spec, made the way they are made for real: the player books the
 * coach's first free time through the API, and the payment is confirmed through `markBookingPaid`,
 * the call payments will make (there is no payment provider yet). Kept apart from
 * booking-fixtures.ts, which the player booking spec owns.
 */
export async function bookAndPay(
	request: APIRequestContext,
	options: { coachId: string; playerId: string; note?: string },
): Promise<{ bookingId: string }> {
	const token = await sessionTokenFor(options.playerId);
	const asPlayer = { authorization: `Bearer ${token}` };
	const profile = await (await request.get(`/api/v1/coaches/${options.coachId}`)).json();
	const offeringId = profile.offerings?.[0]?.id as string;
	const placeId = profile.places?.[0]?.id as string;
	const slots = await request.get(`/api/v1/coaches/${options.coachId}/slots?offeringId=${offeringId}`);
	if (!slots.ok()) throw new Error(`free times: ${slots.status()} ${await slots.text()}`);
	const [slot] = (await slots.json()).slots as Array<{ startsAt: string }>;
	if (!slot) throw new Error(`coach ${options.coachId} has no free time`);
	const created = await request.post("/api/v1/bookings", {
		headers: asPlayer,
		data: {
			coachId: options.coachId,
			offeringId,
			startsAt: slot.startsAt,
			location: { kind: "venue", placeId },
			paymentPlan: "full",
			note: options.note,
		},
	});
	if (created.status() !== 201) throw new Error(`booking: ${created.status()} ${await created.text()}`);
	const booking = (await created.json()).booking as { id: string; depositFen: number };
	const { markBookingPaid } = await import("../../app/modules/booking/mark-booking-paid.server");
	const paid = await markBookingPaid({ bookingId: booking.id, paidFen: booking.depositFen, paymentId: `e2e-${booking.id}` });
	if (paid.outcome !== "paid") throw new Error(`paying ${booking.id}: ${paid.outcome}`);
	return { bookingId: booking.id };
}
