import type { BookingStatus } from "~/modules/booking/lifecycle";

export type PaymentKind = "deposit" | "full" | "balance" | "tip";

/** The largest tip one payment may carry (¥2,000): a typo of an extra zero should not empty a card. */
export const maxTipFen = 200_000;

export interface BookingAmounts {
	status: BookingStatus;
	priceFen: number;
	depositFen: number;
	paidFen: number;
	paymentPlan: "deposit" | "full";
}

export type AmountDue = { ok: true; amountFen: number } | { ok: false; reason: "already_paid" | "not_now" | "bad_amount" };

/**
 * What a payment of this kind must be for a booking now, from the booking's own facts (never from
 * the client): the deposit (or the whole price) while it waits for payment, the rest after a
 * deposit, a tip of the payer's choice after the lesson.
 */
export function amountDue(kind: PaymentKind, booking: BookingAmounts, tipFen?: number): AmountDue {
	switch (kind) {
		case "deposit":
		case "full": {
			if (booking.status !== "pending_payment") return { ok: false, reason: booking.paidFen > 0 ? "already_paid" : "not_now" };
			// A booking made with the whole price due has no deposit to pay.
			if (kind === "deposit" && booking.paymentPlan === "full") return { ok: false, reason: "not_now" };
			return { ok: true, amountFen: kind === "deposit" ? booking.depositFen : booking.priceFen };
		}
		case "balance": {
			const rest = booking.priceFen - booking.paidFen;
			if (booking.status === "pending_payment") return { ok: false, reason: "not_now" };
			if (rest <= 0) return { ok: false, reason: "already_paid" };
			if (!["pending_confirmation", "confirmed", "in_progress", "completed"].includes(booking.status))
				return { ok: false, reason: "not_now" };
			return { ok: true, amountFen: rest };
		}
		case "tip": {
			if (booking.status !== "completed") return { ok: false, reason: "not_now" };
			if (tipFen === undefined || !Number.isSafeInteger(tipFen) || tipFen < 100 || tipFen > maxTipFen)
				return { ok: false, reason: "bad_amount" };
			return { ok: true, amountFen: tipFen };
		}
	}
}

/** What is left to pay after a deposit, for the booking page's "pay the balance" (0 when nothing is). */
export function balanceDue(booking: BookingAmounts): number {
	const due = amountDue("balance", booking);
	return due.ok ? due.amountFen : 0;
}
