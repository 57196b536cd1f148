import type { BookingStatus } from "./lifecycle";

/** The tabs of the coach's inbox, in the order a coach works through them. */
export const orderTabs = ["to_confirm", "upcoming", "in_progress", "finished", "cancelled"] as const;
export type OrderTab = (typeof orderTabs)[number];

/** Unpaid bookings are the player's business until paid: the coach has nothing to answer yet. */
export const statusesOfTab: Record<OrderTab, readonly BookingStatus[]> = {
	to_confirm: ["pending_confirmation"],
	upcoming: ["confirmed"],
	in_progress: ["in_progress"],
	finished: ["completed", "no_show", "disputed"],
	cancelled: ["cancelled", "rejected", "expired"],
};

/** What is still ahead reads soonest first; what is over reads most recent first. */
export const soonestFirst: Record<OrderTab, boolean> = {
	to_confirm: true,
	upcoming: true,
	in_progress: true,
	finished: false,
	cancelled: false,
};

export const tabOf = (status: BookingStatus): OrderTab | null =>
	orderTabs.find((tab) => statusesOfTab[tab].includes(status)) ?? null;
