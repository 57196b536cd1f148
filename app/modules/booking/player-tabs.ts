import type { BookingStatus } from "./lifecycle";

/** The player's bookings page splits bookings in three: still to come, done, and called off. */
export const playerTabs = ["upcoming", "past", "cancelled"] as const;
export type PlayerTab = (typeof playerTabs)[number];

const tabs: Record<BookingStatus, PlayerTab> = {
	pending_payment: "upcoming",
	pending_confirmation: "upcoming",
	confirmed: "upcoming",
	in_progress: "upcoming",
	completed: "past",
	no_show: "past",
	disputed: "past",
	cancelled: "cancelled",
	expired: "cancelled",
	rejected: "cancelled",
};

export const tabOf = (status: BookingStatus): PlayerTab => tabs[status];
