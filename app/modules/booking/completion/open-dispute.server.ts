import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { notifyStaff } from "~/modules/accounts/admin/staff-members.server";
import { bookingDisputes } from "../../../../db/schema";
import { tellBookingParties } from "../booking-news.server";
import { type Caller, lockBookingFor, notNow, transition } from "../booking-record.server";
import { type BookingView, presentBooking } from "../present.server";
import { mayDispute } from "./completion";
import { completionTerms } from "./completion-view.server";
import type { DisputeInput } from "./schema";

/**
 * The player or the coach reports a problem with a lesson under way (after its start) or completed
 * within the dispute window: the booking becomes disputed (so it no longer completes by itself),
 * the other side and the back office are told. One dispute per booking, decided by the back office.
 */
export async function openDispute(input: {
	caller: Caller;
	bookingId: string;
	dispute: DisputeInput;
	now?: Date;
}): Promise<BookingView> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "player" && party !== "coach") throw forbidden("booking.completion.errors.partiesOnly");
		const [earlier] = await tx
			.select({ id: bookingDisputes.id })
			.from(bookingDisputes)
			.where(eq(bookingDisputes.bookingId, booking.id))
			.limit(1);
		if (earlier) throw new AppError(409, "conflict", "booking.completion.errors.alreadyDisputed");
		if (booking.status !== "in_progress" && booking.status !== "completed") throw notNow(booking.status);
		if (!mayDispute(booking, completionTerms(), now))
			throw new AppError(409, "conflict", "booking.completion.errors.windowClosed", {
				params: { hours: completionTerms().disputeWindowHours },
			});
		await tx.insert(bookingDisputes).values({
			bookingId: booking.id,
			openedBy: party,
			openedById: input.caller.userId,
			category: input.dispute.category,
			text: input.dispute.text,
			fromStatus: booking.status,
			openedAt: now,
		});
		const disputed = await transition(
			tx,
			booking,
			"dispute",
			{ actor: party, actorId: input.caller.userId },
			{},
			{ category: input.dispute.category },
		);
		await tellBookingParties(tx, disputed, "disputed", { by: party });
		await notifyStaff({ kind: "bookingDisputeOpened", link: `/admin/bookings/${booking.id}` }, tx);
		return presentBooking(disputed, tx);
	});
}
