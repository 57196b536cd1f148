import { eq } from "drizzle-orm";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { bookingDisputes, bookings } from "../../../../db/schema";
import type { BookingStatus } from "../lifecycle";
import { disputeWindowEndsAt } from "./completion";
import { completionTerms } from "./completion-view.server";

/**
 * What income settlement may know of a booking's completion (payments reads, never writes): whose
 * lesson it was, where it stands, when it completed, until when it may still be disputed (by the
 * current setting, as `openDispute` checks it), and how a dispute about it was decided.
 */
export interface SettlementFacts {
	coachId: string;
	status: BookingStatus;
	completedAt: Date | null;
	/** The coach's place the lesson was at (a venue's share may be due), or null (an address, online). */
	placeId: string | null;
	disputeWindowEndsAt: Date | null;
	dispute: { resolution: "for_coach" | "for_player" | null; resolvedAt: Date | null } | null;
}

export async function settlementFactsOf(bookingId: string, tx: DbOrTx): Promise<SettlementFacts | null> {
	return readFacts(bookingId, tx, null);
}

/**
 * The same facts with the booking's row locked for the rest of the transaction — the lock
 * `openDispute` and the dispute decisions take — so nothing can dispute, decide or cancel the
 * booking between payments reading the facts and its posting committing. With `skipLocked`, a
 * booking another transaction holds answers null (a scheduled run leaves it to the next one).
 */
export async function lockSettlementFacts(
	tx: Transaction,
	bookingId: string,
	options: { skipLocked?: boolean } = {},
): Promise<SettlementFacts | null> {
	return readFacts(bookingId, tx, options.skipLocked ? "skip" : "wait");
}

/**
 * Whether a completed lesson's income may become the coach's now: no dispute can be opened any
 * more — one was decided for the coach (one dispute per booking), or the window has passed
 * (`mayDispute` allows its last instant, so release only after it).
 */
export function lessonIncomeFinal(facts: SettlementFacts, now: Date): boolean {
	if (facts.status !== "completed") return false;
	if (facts.dispute) return facts.dispute.resolution === "for_coach";
	return facts.disputeWindowEndsAt !== null && now.getTime() > facts.disputeWindowEndsAt.getTime();
}

async function readFacts(bookingId: string, tx: DbOrTx, lock: "wait" | "skip" | null): Promise<SettlementFacts | null> {
	// One round trip (a tip's payment settles on its hot path); the lock is the booking row's only.
	const query = tx
		.select({
			booking: bookings,
			resolution: bookingDisputes.resolution,
			resolvedAt: bookingDisputes.resolvedAt,
			disputeId: bookingDisputes.id,
		})
		.from(bookings)
		.leftJoin(bookingDisputes, eq(bookingDisputes.bookingId, bookings.id))
		.where(eq(bookings.id, bookingId))
		.limit(1);
	const locked =
		lock === "skip"
			? query.for("update", { of: bookings, skipLocked: true })
			: lock
				? query.for("update", { of: bookings })
				: query;
	const [row] = await locked;
	if (!row) return null;
	return {
		coachId: row.booking.coachId,
		status: row.booking.status,
		completedAt: row.booking.completedAt,
		placeId: row.booking.locationKind === "venue" ? row.booking.placeId : null,
		disputeWindowEndsAt: disputeWindowEndsAt(row.booking, completionTerms()),
		dispute: row.disputeId ? { resolution: row.resolution, resolvedAt: row.resolvedAt } : null,
	};
}
