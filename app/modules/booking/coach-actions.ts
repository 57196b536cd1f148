import { type BookingStatus, nextStatus } from "./lifecycle";

/** A lesson may be started a little early (the player arrived); it may not be started days before. */
export const earlyStartMinutes = 30;

export type CoachAction = "confirm" | "reject" | "start" | "finish" | "no_show" | "cancel";

export interface CoachActionState {
	action: CoachAction;
	/** Shown but not yet possible: when it becomes possible. */
	from?: string;
}

/**
 * What the coach can do with a booking now, in the order the page offers it, from the same life
 * cycle and time rules the services enforce (so the page never offers what the service refuses).
 */
export function coachActionsFor(
	booking: { status: BookingStatus; startsAt: string; completion?: { finishedAt: string | null } },
	now: Date,
): CoachActionState[] {
	const startsAt = new Date(booking.startsAt);
	const startFrom = new Date(startsAt.getTime() - earlyStartMinutes * 60_000);
	const actions: CoachActionState[] = [];
	const possible = (action: "confirm" | "reject" | "start" | "finish" | "no_show" | "cancel") =>
		nextStatus(booking.status, action) !== null;
	if (possible("confirm")) actions.push({ action: "confirm" });
	if (possible("reject")) actions.push({ action: "reject" });
	if (possible("start"))
		actions.push(now >= startFrom ? { action: "start" } : { action: "start", from: startFrom.toISOString() });
	// Once finished, the lesson waits for the player: nothing more for the coach to press (a problem is a dispute).
	const finished = Boolean(booking.completion?.finishedAt);
	if (possible("finish") && !finished) actions.push({ action: "finish" });
	// A no-show can only be told once the lesson should have begun.
	if (possible("no_show") && !finished)
		actions.push(now >= startsAt ? { action: "no_show" } : { action: "no_show", from: startsAt.toISOString() });
	// Rejecting is how a coach declines a booking still waiting for an answer; cancelling is for one already accepted.
	if (possible("cancel") && booking.status === "confirmed") actions.push({ action: "cancel" });
	return actions;
}
