import { and, eq, isNull } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, badRequest, forbidden } from "~/lib/errors";
import { recordEvent } from "~/lib/events.server";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { bookingDisputes } from "../../../../db/schema";
import { tellBookingParties } from "../booking-news.server";
import { type Caller, lockBookingFor, notNow, transition } from "../booking-record.server";
import type { ResolveDisputeInput } from "../completion/schema";
import { type BookingView, presentBooking } from "../present.server";
import { refreshCoachReliability } from "../reliability/refresh-reliability.server";

/**
 * The back office decides a dispute, with a note both sides read: for the coach, the lesson is
 * completed (and settles like any completed lesson); for the player, the platform cancels it and
 * refunds what the staff entered (0 to everything paid, by default everything). Audited like the
 * back office's cancellation, in the decision's own transaction.
 */
export async function resolveDispute(input: {
	caller: Caller;
	bookingId: string;
	decision: ResolveDisputeInput;
	now?: Date;
}): Promise<BookingView> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, { ...input.caller, asStaff: true });
		// Staff never decide a case they are a side of.
		if (party !== "staff") throw forbidden("booking.completion.errors.ownBooking");
		if (booking.status !== "disputed") throw notNow(booking.status);
		const [dispute] = await tx
			.select()
			.from(bookingDisputes)
			.where(and(eq(bookingDisputes.bookingId, booking.id), isNull(bookingDisputes.resolvedAt)))
			.limit(1);
		if (!dispute) throw notNow(booking.status);
		const { decision, note } = input.decision;
		const refundFen = decision === "for_player" ? (input.decision.refundFen ?? booking.paidFen) : null;
		if (refundFen !== null && refundFen > booking.paidFen)
			throw new AppError(400, "validation_failed", "booking.completion.errors.refundTooHigh", {
				fields: { refundFen: "booking.completion.errors.refundTooHigh" },
				params: { paidFen: booking.paidFen },
			});
		if (decision === "for_coach" && input.decision.refundFen !== undefined)
			throw badRequest("booking.completion.errors.noRefundForCoach", { refundFen: "booking.completion.errors.noRefundForCoach" });
		const by = { actor: "platform" as const, actorId: input.caller.userId };
		const resolved =
			decision === "for_coach"
				? await transition(tx, booking, "resolve_for_coach", by, { completedAt: booking.completedAt ?? now }, { reason: note })
				: await transition(
						tx,
						booking,
						"resolve_for_player",
						by,
						{ cancelledBy: "platform", cancelReason: note, refundFen },
						{ reason: note, refundFen },
					);
		await tx
			.update(bookingDisputes)
			.set({ resolution: decision, resolvedById: input.caller.userId, resolvedAt: now, resolutionNote: note, refundFen })
			.where(eq(bookingDisputes.id, dispute.id));
		// Decided for the player on "the lesson did not happen", it is a no-show of the coach.
		await refreshCoachReliability(tx, booking.coachId, now);
		// Decided for the coach, the lesson counts as completed: what was paid settles as for any other.
		if (decision === "for_coach") await recordEvent(tx, "booking.completed", { bookingId: booking.id });
		await recordAudit(tx, {
			actorId: input.caller.userId,
			action: "booking.dispute.resolved",
			targetType: "booking",
			targetId: booking.id,
			reason: note,
			detail: { decision, refundFen, fromStatus: dispute.fromStatus, category: dispute.category },
		});
		await tellBookingParties(tx, resolved, "disputeResolved", { reason: note });
		return presentBooking(resolved, tx);
	});
}
