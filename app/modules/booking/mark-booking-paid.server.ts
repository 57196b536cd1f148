import { db, type Transaction } from "~/lib/db.server";
import { tellBookingParties } from "./booking-news.server";
import { lockBooking, transition } from "./booking-record.server";
import type { BookingStatus } from "./lifecycle";

export interface PaidOutcome {
	outcome: "paid" | "already_paid" | "expired" | "not_payable";
	status: BookingStatus;
}

/**
 * What payments calls when a booking's payment is confirmed by the provider: the booking leaves
 * `pending_payment` for the coach to answer, and the coach is told. Idempotent for the same payment
 * (a repeated notification answers `already_paid`); a payment for a booking that expired meanwhile
 * changes nothing here and answers `expired`, so payments refunds it.
 */
export async function markBookingPaid(input: {
	bookingId: string;
	paidFen: number;
	paymentId: string;
	paidAt?: Date;
	/** The payment's own transaction: the booking is paid exactly when the payment is recorded. */
	tx?: Transaction;
}): Promise<PaidOutcome> {
	const pay = async (tx: Transaction): Promise<PaidOutcome> => {
		const booking = await lockBooking(tx, input.bookingId);
		if (booking.status !== "pending_payment") {
			const outcome = booking.paidAt ? "already_paid" : booking.status === "expired" ? "expired" : "not_payable";
			return { outcome, status: booking.status };
		}
		if (input.paidFen < booking.depositFen) return { outcome: "not_payable" as const, status: booking.status };
		const paid = await transition(
			tx,
			booking,
			"pay",
			{ actor: "system", actorId: null },
			{ paidFen: input.paidFen, paidAt: input.paidAt ?? new Date(), payBy: null },
			{ paidFen: input.paidFen, paymentId: input.paymentId },
		);
		await tellBookingParties(tx, paid, "paid");
		return { outcome: "paid" as const, status: paid.status };
	};
	return input.tx ? pay(input.tx) : db().transaction(pay);
}
