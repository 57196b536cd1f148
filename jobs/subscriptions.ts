import type { EventReaction } from "../app/lib/events.server";
import { cancelBookingsOfClosedAccount } from "../app/modules/booking/account-events.server";
import { eraseCoachOfDeletedUser } from "../app/modules/coaches/account-events/erase-coach-of-deleted-user.server";
import { followAccountStatus } from "../app/modules/coaches/account-events/follow-account-status.server";
import { deleteFilesOfOwner } from "../app/modules/files/delete-files-of-owner.server";
import { reversePendingSettlement } from "../app/modules/payments/income/reverse-settlement.server";
import { settleBooking } from "../app/modules/payments/income/settle-booking.server";
import { settleEndedBooking } from "../app/modules/payments/refunds/settle-ended-booking.server";
import type { DomainEventName } from "./events";

/**
 * Who reacts to which domain event. Each subscriber is a module with a delivery queue of its own
 * (`events.<subscriber>` in jobs/queues.ts), so one module's failing reaction is retried without
 * holding up or repeating another's. A reaction is a thin call into the module that owns the work.
 */
type Reactions = { [N in DomainEventName]?: EventReaction<N> };

export const subscriptions = {
	booking: {
		"user.suspended": ({ userId }, { tx }) => cancelBookingsOfClosedAccount(userId, tx),
		"user.deleted": ({ userId }, { tx }) => cancelBookingsOfClosedAccount(userId, tx),
	},
	coaches: {
		"user.suspended": ({ userId }, { tx }) => followAccountStatus(userId, tx),
		"user.reinstated": ({ userId }, { tx }) => followAccountStatus(userId, tx),
		"user.deleted": ({ userId }, { tx }) => eraseCoachOfDeletedUser(userId, tx),
	},
	payments: {
		// A completed lesson cancelled by a dispute's decision first takes back its pending income.
		"booking.cancelled": async ({ bookingId }, { tx }) => {
			await reversePendingSettlement(tx, bookingId);
			await settleEndedBooking(bookingId, tx);
		},
		"booking.completed": ({ bookingId }, { tx }) => settleBooking(tx, bookingId),
	},
	files: {
		"user.deleted": ({ userId }, { tx }) => deleteFilesOfOwner(userId, tx),
	},
} satisfies Record<string, Reactions>;

export type Subscriber = keyof typeof subscriptions;
export const subscribers = Object.keys(subscriptions) as Subscriber[];

export const subscribersOf = (name: string): Subscriber[] =>
	subscribers.filter((subscriber) => name in subscriptions[subscriber]);

export const deliveryQueue = (subscriber: Subscriber) => `events.${subscriber}` as const;
