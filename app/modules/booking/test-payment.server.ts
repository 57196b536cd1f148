import { isProduction } from "~/lib/config.server";
import { AppError, notFound } from "~/lib/errors";
import type { Caller } from "./booking-record.server";
import { markBookingPaid } from "./mark-booking-paid.server";
import { getBooking } from "./read-bookings.server";

/**
 * Until payments exist, a booking waiting for payment can be paid with a clearly labelled test
 * button outside production. This is the one place that decides whether it exists: the page asks
 * it before showing the button and the action asks it again before paying.
 */
export const testPaymentAvailable = (): boolean => !isProduction();

/** Pays the amount due on the caller's own booking as a provider would, through `markBookingPaid`. */
export async function payBookingForTesting(input: { caller: Caller; bookingId: string }): Promise<void> {
	// In production the button does not exist, and neither does its action.
	if (!testPaymentAvailable()) throw notFound("booking.errors.notFound");
	const { booking, party } = await getBooking(input);
	if (party !== "player") throw notFound("booking.errors.notFound");
	const result = await markBookingPaid({
		bookingId: booking.id,
		paidFen: booking.depositFen,
		paymentId: `test-${crypto.randomUUID()}`,
	});
	if (result.outcome === "expired") throw new AppError(409, "conflict", "booking.player.pay.expired");
	if (result.outcome !== "paid") throw new AppError(409, "conflict", "booking.errors.notNow");
}
