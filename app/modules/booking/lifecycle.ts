/**
 * The booking life cycle, as data: which states hold the coach's time, and which action may move a
 * booking from which state to which. Every service asks here before it changes a status, so a
 * transition that the diagram does not have cannot happen (a double-clicked "confirm", a cancel
 * after completion).
 *
 * pending_payment → pending_confirmation → confirmed → in_progress → completed, with the side exits
 * expired (unpaid in time), rejected (by the coach), cancelled (by either side or the platform),
 * no_show and disputed.
 *
 * The coach's "finish" leaves a lesson in_progress (with finished_at set): it completes when the
 * player confirms, or by itself a day later (also a lesson started and never finished, a day after
 * its booked end). Either side can dispute a lesson under way or completed (within a window after
 * completion); the back office decides a dispute for the coach (completed) or for the player
 * (cancelled, with the refund the staff set).
 */
export const bookingStatuses = [
	"pending_payment",
	"pending_confirmation",
	"confirmed",
	"in_progress",
	"completed",
	"expired",
	"rejected",
	"cancelled",
	"no_show",
	"disputed",
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** The states that hold the coach's time (the exclusion constraint's WHERE says the same). */
export const activeStatuses = [
	"pending_payment",
	"pending_confirmation",
	"confirmed",
	"in_progress",
] as const satisfies BookingStatus[];
export const isActive = (status: BookingStatus) => (activeStatuses as readonly BookingStatus[]).includes(status);

export type BookingAction =
	| "pay"
	| "expire"
	| "confirm"
	| "reject"
	| "cancel"
	| "start"
	| "finish"
	| "no_show"
	| "dispute"
	| "complete"
	| "resolve_for_coach"
	| "resolve_for_player";

const transitions: Record<BookingAction, { from: readonly BookingStatus[]; to: BookingStatus }> = {
	pay: { from: ["pending_payment"], to: "pending_confirmation" },
	expire: { from: ["pending_payment"], to: "expired" },
	confirm: { from: ["pending_confirmation"], to: "confirmed" },
	reject: { from: ["pending_confirmation"], to: "rejected" },
	cancel: { from: ["pending_payment", "pending_confirmation", "confirmed"], to: "cancelled" },
	start: { from: ["confirmed"], to: "in_progress" },
	// Finishing records finished_at and waits for the player; the services refuse a second finish.
	finish: { from: ["in_progress"], to: "in_progress" },
	complete: { from: ["in_progress"], to: "completed" },
	no_show: { from: ["confirmed", "in_progress"], to: "no_show" },
	dispute: { from: ["in_progress", "completed"], to: "disputed" },
	resolve_for_coach: { from: ["disputed"], to: "completed" },
	resolve_for_player: { from: ["disputed"], to: "cancelled" },
};

/** The state an action leads to from `status`, or null when the action is not possible there. */
export function nextStatus(status: BookingStatus, action: BookingAction): BookingStatus | null {
	const transition = transitions[action];
	return transition.from.includes(status) ? transition.to : null;
}
