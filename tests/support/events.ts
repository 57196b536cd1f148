import { and, eq, isNull } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { domainEventReceipts, domainEvents } from "../../db/schema";
import { deliverEvent } from "../../jobs/dispatcher";
import { subscribersOf } from "../../jobs/subscriptions";

/**
 * For tests that run without a worker: delivers every recorded event to its subscribers now, as
 * the dispatcher would, through the same idempotent delivery (a worker started later finds the
 * receipts and changes nothing).
 */
export async function settleDomainEvents(): Promise<void> {
	const pending = await db().select().from(domainEvents).where(isNull(domainEvents.dispatchedAt)).orderBy(domainEvents.sequence);
	for (const event of pending) {
		for (const subscriber of subscribersOf(event.name)) {
			const [receipt] = await db()
				.select()
				.from(domainEventReceipts)
				.where(and(eq(domainEventReceipts.eventId, event.id), eq(domainEventReceipts.subscriber, subscriber)));
			if (!receipt) await deliverEvent(subscriber, event.id);
		}
	}
}
