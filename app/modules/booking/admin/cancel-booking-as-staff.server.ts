import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import type { Caller } from "../booking-record.server";
import { cancelBooking } from "../cancel-booking.server";
import type { CancellationOutcome } from "../cancellation";
import type { BookingView } from "../present.server";

/**
 * The back office cancels a booking with a reason: the player is refunded in full (the platform
 * cancels, so the policy's full refund applies), both sides are told, and the audit log records
 * who did it and why, in the cancellation's own transaction.
 */
export async function cancelBookingAsStaff(input: {
	caller: Caller;
	bookingId: string;
	reason: string;
	now?: Date;
}): Promise<{ booking: BookingView; outcome: CancellationOutcome }> {
	return cancelBooking({
		caller: { ...input.caller, asStaff: true },
		bookingId: input.bookingId,
		reason: input.reason,
		now: input.now,
		within: async (tx, { booking, cancelled, outcome }) => {
			await recordAudit(tx, {
				actorId: input.caller.userId,
				action: "booking.cancelled",
				targetType: "booking",
				targetId: booking.id,
				reason: input.reason,
				detail: { fromStatus: booking.status, refundFen: outcome.refundFen, cancelledBy: cancelled.cancelledBy },
			});
		},
	});
}
