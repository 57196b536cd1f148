import { domainEvents } from "../../db/schema";
import { type DomainEventName, type DomainEventPayload, domainEventSchemas } from "../../jobs/events";
import type { Transaction } from "./db.server";

/**
 * Records a domain event in the caller's transaction (the outbox): it commits with the change it
 * announces or not at all, so a subscriber never hears of a change that was rolled back and never
 * misses one that was made. The dispatcher delivers it after commit.
 */
export async function recordEvent<N extends DomainEventName>(
	tx: Transaction,
	name: N,
	payload: DomainEventPayload<N>,
): Promise<void> {
	const checked = domainEventSchemas[name].parse(payload);
	await tx.insert(domainEvents).values({ name, payload: checked });
}

/** What a subscriber's reaction runs in: the transaction that also records its receipt. */
export interface EventContext {
	tx: Transaction;
	eventId: string;
	occurredAt: Date;
}

export type EventReaction<N extends DomainEventName> = (
	payload: DomainEventPayload<N>,
	context: EventContext,
) => Promise<unknown>;
