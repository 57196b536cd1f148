import { and, eq, inArray, sql } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import type { Transaction } from "~/lib/db.server";
import { lockSettlementFacts, type SettlementFacts } from "~/modules/booking/completion/settlement-facts.server";
import { venueOfPlace } from "~/modules/coaches/application/venue-of-place.server";
import { incomeSettlements, payments } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { accountBalance, postJournal } from "../ledger/post-journal.server";
import { releaseSettlement } from "./release-settlement.server";
import { splitLessonIncome } from "./split";

const hourMs = 3_600_000;

/** When a completed lesson's income becomes the coach's: after the dispute window, or at once when staff decided for the coach. */
export function availableAtOf(facts: SettlementFacts & { completedAt: Date }): Date {
	if (facts.dispute?.resolution === "for_coach" && facts.dispute.resolvedAt) return facts.dispute.resolvedAt;
	return new Date(facts.completedAt.getTime() + settings().BOOKING_DISPUTE_WINDOW_HOURS * hourMs);
}

/**
 * Settles what a completed lesson's escrow holds: each tip in full to the coach (`tip_settlement`),
 * then the lesson's money to the coach less the commission (`lesson_settlement`), both pending
 * until the dispute window closes. Called on `booking.completed` and when a tip or a late balance
 * arrives for a completed lesson; every posting is keyed, so any number of calls settle once. A
 * booking decided for the coach after a dispute is released at once (nothing is left to dispute).
 */
export async function settleBooking(
	tx: Transaction,
	bookingId: string,
	options: { paymentId?: string; now?: Date } = {},
): Promise<void> {
	const now = options.now ?? new Date();
	// The booking's row lock first (the order every booking change takes), so no dispute can open
	// or be decided while this settles; then one settlement of a booking at a time: two arrivals
	// (the event and a tip) read the escrow alike.
	const facts = await lockSettlementFacts(tx, bookingId);
	await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`settle:${bookingId}`}, 0))`);
	if (!facts?.completedAt || (facts.status !== "completed" && facts.status !== "disputed")) return;
	const completed = { ...facts, completedAt: facts.completedAt };
	const availableAt = availableAtOf(completed);
	const base = { coachId: facts.coachId, bookingId, availableAt };

	const settledTips = tx
		.select({ paymentId: incomeSettlements.paymentId })
		.from(incomeSettlements)
		.where(and(eq(incomeSettlements.bookingId, bookingId), eq(incomeSettlements.kind, "tip")));
	const tips = await tx
		.select()
		.from(payments)
		.where(
			and(
				eq(payments.bookingId, bookingId),
				eq(payments.purpose, "tip"),
				eq(payments.status, "succeeded"),
				sql`${payments.id} not in (${settledTips})`,
			),
		);
	for (const tip of tips) {
		const tipFen = tip.amountFen - tip.refundedFen;
		if (tipFen <= 0) continue;
		const journalKey = `tip-settlement:${tip.id}`;
		const posted = await postJournal(tx, {
			idempotencyKey: journalKey,
			kind: "tip_settlement",
			bookingId,
			paymentId: tip.id,
			lines: entries(tipFen, {
				debit: { account: "booking_escrow", ref: bookingId },
				credit: { account: "coach_pending", ref: facts.coachId },
			}),
		});
		if (!posted) continue;
		await tx.insert(incomeSettlements).values({
			...base,
			journalKey,
			kind: "tip",
			paymentId: tip.id,
			grossFen: tipFen,
			coachFen: tipFen,
			commissionFen: 0,
			// A tip paid after the window counts from its payment's completion, which has passed.
			earnedAt: tip.succeededAt ?? now,
		});
	}

	// Tips are out of the escrow now: what it still holds is the lesson's money.
	const heldFen = -(await accountBalance(tx, "booking_escrow", bookingId));
	if (heldFen > 0) {
		const [earlier] = await tx
			.select({ id: incomeSettlements.id })
			.from(incomeSettlements)
			.where(and(eq(incomeSettlements.bookingId, bookingId), eq(incomeSettlements.kind, "order")))
			.limit(1);
		// A balance paid after the lesson settled settles on its own, under its payment's key.
		const journalKey = !earlier
			? `settlement:${bookingId}`
			: options.paymentId
				? `settlement:${bookingId}:${options.paymentId}`
				: null;
		if (journalKey) {
			const venueId = facts.placeId ? await venueOfPlace(facts.placeId, tx) : null;
			await settleLesson(tx, { ...base, journalKey, grossFen: heldFen, earnedAt: completed.completedAt, venueId });
		}
	}

	// Decided for the coach (or a window long passed): what is pending is the coach's now.
	if (facts.status === "completed" && availableAt.getTime() <= now.getTime()) {
		const pending = await tx
			.select()
			.from(incomeSettlements)
			.where(and(eq(incomeSettlements.bookingId, bookingId), inArray(incomeSettlements.status, ["pending"])))
			.for("update");
		for (const settlement of pending) {
			if (settlement.availableAt.getTime() > availableAt.getTime()) {
				await tx.update(incomeSettlements).set({ availableAt }).where(eq(incomeSettlements.id, settlement.id));
			}
			await releaseSettlement(tx, { ...settlement, availableAt }, facts, now);
		}
	}
}

async function settleLesson(
	tx: Transaction,
	lesson: {
		coachId: string;
		bookingId: string;
		journalKey: string;
		grossFen: number;
		earnedAt: Date;
		availableAt: Date;
		venueId: string | null;
	},
): Promise<void> {
	// A lesson at a place linked to a verified venue owes the venue its share; elsewhere there is none.
	const split = splitLessonIncome(lesson.grossFen, {
		commissionBps: settings().PLATFORM_COMMISSION_BPS,
		venueShareBps: settings().VENUE_SHARE_BPS,
		atVenue: lesson.venueId !== null,
	});
	const posted = await postJournal(tx, {
		idempotencyKey: lesson.journalKey,
		kind: "lesson_settlement",
		bookingId: lesson.bookingId,
		lines: [
			{ account: "booking_escrow", ref: lesson.bookingId, amountFen: lesson.grossFen },
			{ account: "coach_pending", ref: lesson.coachId, amountFen: -split.coachFen },
			{ account: "platform_commission", amountFen: -split.commissionFen },
			...(lesson.venueId ? [{ account: "venue_payable" as const, ref: lesson.venueId, amountFen: -split.venueFen }] : []),
		],
	});
	if (!posted) return;
	await tx.insert(incomeSettlements).values({
		journalKey: lesson.journalKey,
		kind: "order",
		coachId: lesson.coachId,
		bookingId: lesson.bookingId,
		grossFen: lesson.grossFen,
		coachFen: split.coachFen,
		commissionFen: split.commissionFen,
		venueFen: split.venueFen,
		earnedAt: lesson.earnedAt,
		availableAt: lesson.availableAt,
	});
}
