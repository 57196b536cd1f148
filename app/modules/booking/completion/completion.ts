import type { BookingStatus } from "../lifecycle";

/**
 * When a lesson completes and until when a problem can be reported, as pure functions of the
 * booking and the two settings, so the pages show exactly what the services and the job enforce.
 */
export const disputeCategories = ["no_lesson", "late_or_short", "not_as_described", "payment", "other"] as const;
export type DisputeCategory = (typeof disputeCategories)[number];

const hourMs = 3_600_000;

export interface CompletionTerms {
	autoCompleteHours: number;
	disputeWindowHours: number;
}

interface CompletionFacts {
	status: BookingStatus;
	endsAt: Date;
	finishedAt: Date | null;
	completedAt: Date | null;
}

/**
 * A lesson under way completes by itself a while after the coach finished it, or, if the coach
 * never did, the same while after its booked end. Null when nothing is waiting to complete.
 */
export function autoCompletesAt(booking: CompletionFacts, terms: CompletionTerms): Date | null {
	if (booking.status !== "in_progress") return null;
	return new Date((booking.finishedAt ?? booking.endsAt).getTime() + terms.autoCompleteHours * hourMs);
}

/** The last instant a completed lesson may still be disputed (inclusive). */
export function disputeWindowEndsAt(booking: CompletionFacts, terms: CompletionTerms): Date | null {
	if (booking.status !== "completed" || !booking.completedAt) return null;
	return new Date(booking.completedAt.getTime() + terms.disputeWindowHours * hourMs);
}

/** Whether the player may confirm now: the coach finished it, or its booked end has passed. */
export function playerMayConfirm(booking: CompletionFacts, now: Date): boolean {
	return booking.status === "in_progress" && (booking.finishedAt !== null || now >= booking.endsAt);
}

/** Whether a side may report a problem now (one dispute per booking; the caller checks for an earlier one). */
export function mayDispute(booking: CompletionFacts, terms: CompletionTerms, now: Date): boolean {
	if (booking.status === "in_progress") return true;
	const until = disputeWindowEndsAt(booking, terms);
	return until !== null && now.getTime() <= until.getTime();
}

/**
 * What a booking's player or coach may do after the lesson, from the booking as the pages get it
 * (the same rules as above, on the view's ISO times): confirm (the player only) and report a problem.
 */
export function completionChoices(
	booking: {
		status: BookingStatus;
		endsAt: string;
		completion: { finishedAt: string | null; disputeWindowEndsAt: string | null; dispute: unknown };
	},
	now: Date,
): { mayConfirm: boolean; mayDispute: boolean } {
	const mayConfirm =
		booking.status === "in_progress" && (booking.completion.finishedAt !== null || now >= new Date(booking.endsAt));
	const windowOpen =
		booking.status === "in_progress" ||
		(booking.status === "completed" &&
			booking.completion.disputeWindowEndsAt !== null &&
			now.getTime() <= Date.parse(booking.completion.disputeWindowEndsAt));
	return { mayConfirm, mayDispute: windowOpen && booking.completion.dispute === null };
}
