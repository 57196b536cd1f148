import { inArray } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import type { DbOrTx } from "~/lib/db.server";
import { bookingDisputes } from "../../../../db/schema";
import type { BookingRow } from "../booking-record.server";
import { autoCompletesAt, type CompletionTerms, type DisputeCategory, disputeWindowEndsAt } from "./completion";

export interface DisputeView {
	openedBy: "player" | "coach";
	category: DisputeCategory;
	text: string;
	openedAt: string;
	resolution: "for_coach" | "for_player" | null;
	resolvedAt: string | null;
	note: string | null;
	refundFen: number | null;
}

/** Where a lesson stands between the coach's finish and its completion, and its dispute if any. */
export interface CompletionView {
	finishedAt: string | null;
	completedAt: string | null;
	/** When the lesson under way completes by itself unless disputed; null when nothing waits. */
	autoCompletesAt: string | null;
	/** The last moment a completed lesson can still be disputed; null when not completed. */
	disputeWindowEndsAt: string | null;
	dispute: DisputeView | null;
}

export const completionTerms = (): CompletionTerms => ({
	autoCompleteHours: settings().BOOKING_AUTO_COMPLETE_HOURS,
	disputeWindowHours: settings().BOOKING_DISPUTE_WINDOW_HOURS,
});

/** The completion of each booking, with one read of the disputes for the whole list. */
export async function completionOf(rows: BookingRow[], tx: DbOrTx): Promise<Map<string, CompletionView>> {
	const disputes =
		rows.length === 0
			? []
			: await tx
					.select()
					.from(bookingDisputes)
					.where(
						inArray(
							bookingDisputes.bookingId,
							rows.map((row) => row.id),
						),
					);
	const byBooking = new Map(disputes.map((dispute) => [dispute.bookingId, dispute]));
	const terms = completionTerms();
	const views = new Map<string, CompletionView>();
	for (const row of rows) {
		const dispute = byBooking.get(row.id);
		views.set(row.id, {
			finishedAt: row.finishedAt?.toISOString() ?? null,
			completedAt: row.completedAt?.toISOString() ?? null,
			autoCompletesAt: autoCompletesAt(row, terms)?.toISOString() ?? null,
			disputeWindowEndsAt: disputeWindowEndsAt(row, terms)?.toISOString() ?? null,
			dispute: dispute
				? {
						openedBy: dispute.openedBy === "coach" ? "coach" : "player",
						category: dispute.category,
						text: dispute.text,
						openedAt: dispute.openedAt.toISOString(),
						resolution: dispute.resolution,
						resolvedAt: dispute.resolvedAt?.toISOString() ?? null,
						note: dispute.resolutionNote,
						refundFen: dispute.refundFen,
					}
				: null,
		});
	}
	return views;
}

export const noCompletion: CompletionView = {
	finishedAt: null,
	completedAt: null,
	autoCompletesAt: null,
	disputeWindowEndsAt: null,
	dispute: null,
};
