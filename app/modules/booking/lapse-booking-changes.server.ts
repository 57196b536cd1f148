import { and, eq, isNotNull, lte } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { bookingProposals, bookings } from "../../../db/schema";
import { recordBookingEvent } from "./booking-record.server";
import { refreshCoachFreeDays } from "./free-days.server";
import type { BookingStatus } from "./lifecycle";

const clearedProposal = { proposedStartsAt: null, proposedEndsAt: null, proposedHoldsUntil: null } as const;

/** The states a proposal can be made in (an adjustment, a reschedule): only leaving one can lapse it. */
export const proposalStates: readonly BookingStatus[] = ["pending_confirmation", "confirmed"];

/**
 * A proposal is answered in the state it was made in (an adjustment while the booking waits for
 * the coach, a reschedule while it is confirmed). When the booking moves on (confirmed, cancelled,
 * started…), its open proposal lapses and the time it held is freed, in the same transaction.
 * Returns whether a proposed time was freed (the caller's free-days refresh covers it then).
 */
export async function lapseOpenProposal(
	tx: Transaction,
	booking: { id: string; proposedStartsAt: Date | null },
	reason: "state" | "time" = "state",
): Promise<boolean> {
	const lapsed = await tx
		.update(bookingProposals)
		.set({ status: "lapsed", answeredAt: new Date() })
		.where(and(eq(bookingProposals.bookingId, booking.id), eq(bookingProposals.status, "open")))
		.returning({ id: bookingProposals.id, kind: bookingProposals.kind });
	for (const proposal of lapsed) {
		await recordBookingEvent(tx, {
			bookingId: booking.id,
			kind: "change_lapsed",
			actor: "system",
			actorId: null,
			detail: { changeId: proposal.id, change: proposal.kind, reason },
		});
	}
	if (!booking.proposedStartsAt) return false;
	await tx.update(bookings).set(clearedProposal).where(eq(bookings.id, booking.id));
	return true;
}

/**
 * The sweep for proposals whose proposed time has come unanswered: they lapse, and the time they
 * held is freed (search's free days follow). Returns how many lapsed.
 */
export async function lapsePassedProposals(now = new Date()): Promise<number> {
	return db().transaction(async (tx) => {
		const passed = await tx
			.select({
				id: bookings.id,
				coachId: bookings.coachId,
				proposedStartsAt: bookings.proposedStartsAt,
				proposedHoldsUntil: bookings.proposedHoldsUntil,
			})
			.from(bookings)
			.where(and(isNotNull(bookings.proposedStartsAt), lte(bookings.proposedStartsAt, now)))
			.limit(500)
			.for("update", { skipLocked: true });
		if (passed.length === 0) return 0;
		for (const booking of passed) {
			await lapseOpenProposal(tx, booking, "time");
			// Only the days around the freed time are summarised again.
			if (booking.proposedStartsAt && booking.proposedHoldsUntil) {
				await refreshCoachFreeDays(tx, booking.coachId, now, [
					{ startsAt: booking.proposedStartsAt, endsAt: booking.proposedHoldsUntil },
				]);
			}
		}
		return passed.length;
	});
}
