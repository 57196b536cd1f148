import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { bookingEvents, bookings } from "../../../db/schema";
import { lockBooking, recordBookingEvent } from "./booking-record.server";
import type { BookingStatus } from "./lifecycle";

/**
 * What the payments module may know of and do to a booking: the amounts to charge, and the money
 * facts it reports back (a balance paid, a tip). Payments never writes booking rows itself.
 */
export interface PayableBooking {
	id: string;
	playerId: string;
	coachId: string;
	status: BookingStatus;
	priceFen: number;
	depositFen: number;
	paidFen: number;
	paymentPlan: "deposit" | "full";
	payBy: Date | null;
	startsAt: Date;
	durationMinutes: number;
	courseType: string;
	cancellationPolicy: string;
	refundFen: number | null;
}

export async function payableBooking(bookingId: string, tx: DbOrTx): Promise<PayableBooking | null> {
	if (!/^[0-9a-f-]{36}$/i.test(bookingId)) return null;
	const [row] = await tx
		.select({
			id: bookings.id,
			playerId: bookings.playerId,
			coachId: bookings.coachId,
			status: bookings.status,
			priceFen: bookings.priceFen,
			depositFen: bookings.depositFen,
			paidFen: bookings.paidFen,
			paymentPlan: bookings.paymentPlan,
			payBy: bookings.payBy,
			startsAt: bookings.startsAt,
			durationMinutes: bookings.durationMinutes,
			courseType: bookings.courseType,
			cancellationPolicy: bookings.cancellationPolicy,
			refundFen: bookings.refundFen,
		})
		.from(bookings)
		.where(eq(bookings.id, bookingId))
		.limit(1);
	return row ?? null;
}

/** After the deposit, the rest may be paid while the lesson is ahead, under way or just done. */
export const balancePayableStatuses: readonly BookingStatus[] = ["pending_confirmation", "confirmed", "in_progress", "completed"];

/**
 * The balance of a booking was paid: adds it to what the booking has received, with a timeline
 * row. Answers `not_payable` (and changes nothing) when the booking can no longer take it (it was
 * cancelled meanwhile, or the amount is more than is owed), so payments refunds it.
 */
export async function markBalancePaid(
	tx: Transaction,
	input: { bookingId: string; amountFen: number; paymentId: string },
): Promise<"paid" | "not_payable"> {
	const booking = await lockBooking(tx, input.bookingId);
	if (!balancePayableStatuses.includes(booking.status)) return "not_payable";
	if (booking.paidFen + input.amountFen > booking.priceFen) return "not_payable";
	await tx
		.update(bookings)
		.set({ paidFen: booking.paidFen + input.amountFen, updatedAt: new Date() })
		.where(eq(bookings.id, booking.id));
	await recordBookingEvent(tx, {
		bookingId: booking.id,
		kind: "balance_paid",
		actor: "player",
		actorId: booking.playerId,
		detail: { amountFen: input.amountFen, paymentId: input.paymentId },
	});
	return "paid";
}

/** A tip reached the coach: a row in the booking's timeline (tips do not change what the lesson cost). */
export async function recordTip(tx: Transaction, input: { bookingId: string; amountFen: number; paymentId: string }) {
	const booking = await lockBooking(tx, input.bookingId);
	await recordBookingEvent(tx, {
		bookingId: booking.id,
		kind: "tip",
		actor: "player",
		actorId: booking.playerId,
		detail: { amountFen: input.amountFen, paymentId: input.paymentId },
	});
}

/**
 * How a booking that ended without its lesson divides what was paid, as decided when it ended
 * (the cancellation's outcome, a rejection's full refund, a dispute's decision): the refund to the
 * player, the coach's compensation and the platform's fee. Null while the booking has not ended so.
 */
export async function endingOf(
	bookingId: string,
	tx: DbOrTx,
): Promise<{ coachId: string; paidFen: number; refundFen: number; coachCompensationFen: number; platformFeeFen: number } | null> {
	const booking = await payableBooking(bookingId, tx);
	if (!booking || (booking.status !== "cancelled" && booking.status !== "rejected")) return null;
	const [ended] = await tx
		.select({ detail: bookingEvents.detail })
		.from(bookingEvents)
		.where(and(eq(bookingEvents.bookingId, bookingId), inArray(bookingEvents.toStatus, ["cancelled", "rejected"])))
		.orderBy(desc(bookingEvents.createdAt))
		.limit(1);
	const detail = (ended?.detail ?? {}) as { coachCompensationFen?: unknown; platformFeeFen?: unknown };
	const refundFen = Math.min(booking.refundFen ?? booking.paidFen, booking.paidFen);
	const kept = booking.paidFen - refundFen;
	const coachCompensationFen = typeof detail.coachCompensationFen === "number" ? Math.min(detail.coachCompensationFen, kept) : 0;
	return {
		coachId: booking.coachId,
		paidFen: booking.paidFen,
		refundFen,
		coachCompensationFen,
		// Whatever the outcome did not give the coach stays with the platform, so escrow always empties.
		platformFeeFen: kept - coachCompensationFen,
	};
}
