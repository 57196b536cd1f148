import type { Transaction } from "~/lib/db.server";
import { db } from "~/lib/db.server";
import type { QueuePayload } from "../../../jobs/queues";
import { sendJobIn } from "../../../jobs/send-in";
import { tellBookingParties } from "./booking-news.server";
import { type BookingRow, lockBooking } from "./booking-record.server";

const hourMs = 3600_000;
export const reminderLeads = { "24h": 24 * hourMs, "1h": hourMs } as const;
export type ReminderKind = keyof typeof reminderLeads;

/**
 * Schedules the 24-hour and 1-hour reminders of a confirmed lesson, in the transaction that
 * confirmed (or moved) it. Each job carries the start it was made for, so a job left over from an
 * earlier time finds the booking moved and stays silent; a reminder whose moment has passed is not
 * scheduled at all.
 */
export async function scheduleReminders(tx: Transaction, booking: BookingRow, now = new Date()): Promise<void> {
	const startsAt = booking.startsAt.toISOString();
	for (const kind of Object.keys(reminderLeads) as ReminderKind[]) {
		const remindAt = new Date(booking.startsAt.getTime() - reminderLeads[kind]);
		if (remindAt.getTime() <= now.getTime()) continue;
		await sendJobIn(
			tx,
			"booking.remind",
			{ bookingId: booking.id, kind, startsAt },
			// One job per booking, kind and start, however often the booking is confirmed or moved back.
			{ startAfter: remindAt, singletonKey: `${booking.id}:${kind}:${startsAt}` },
		);
	}
}

/**
 * A reminder job firing: it re-reads the booking and tells both people only when the lesson is
 * still confirmed and still starts when the reminder was made for. Cancelled, declined, moved or
 * already started lessons are never reminded of.
 */
export async function remindOfBooking(payload: QueuePayload<"booking.remind">): Promise<"sent" | "silent"> {
	return db().transaction(async (tx) => {
		const booking = await lockBooking(tx, payload.bookingId).catch(() => null);
		if (!booking || booking.status !== "confirmed") return "silent";
		if (booking.startsAt.getTime() !== new Date(payload.startsAt).getTime()) return "silent";
		await tellBookingParties(tx, booking, payload.kind === "24h" ? "reminder24h" : "reminder1h");
		return "sent";
	});
}
