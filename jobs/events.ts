import { z } from "zod";

/**
 * Every domain event and the shape of its payload, in one place beside the queues. A module that
 * changes something others care about records one of these in the same transaction as the change
 * (`recordEvent` in app/lib/events.server.ts); modules that care subscribe in jobs/subscriptions.ts.
 *
 * Payloads carry ids, never personal data: an event outlives the row it talks about, and a
 * subscriber that needs more asks the producing module.
 */
const id = z.string().uuid();

export const domainEventSchemas = {
	/** An account was suspended by staff; everything the person offers must stop being shown. */
	"user.suspended": z.object({ userId: id }).strict(),
	/** A suspension was lifted. */
	"user.reinstated": z.object({ userId: id }).strict(),
	/** The person deleted their account (PIPL art. 47): erase what identifies them, keep what must be kept. */
	"user.deleted": z.object({ userId: id }).strict(),
	/** A coach application was approved: the coach is public and bookable. */
	"coach.approved": z.object({ coachId: id, userId: id }).strict(),
	/** A lesson completed (the player confirmed, it completed by itself, or staff decided a dispute for the coach): what was paid settles. */
	"booking.completed": z.object({ bookingId: id }).strict(),
	/**
	 * A paid booking ended without its lesson (cancelled by anyone, rejected, left unanswered, a
	 * dispute decided for the player): payments refunds and splits what was paid as its outcome says.
	 */
	"booking.cancelled": z.object({ bookingId: id }).strict(),
} as const;

export type DomainEventName = keyof typeof domainEventSchemas;
export type DomainEventPayload<N extends DomainEventName> = z.infer<(typeof domainEventSchemas)[N]>;
export const domainEventNames = Object.keys(domainEventSchemas) as DomainEventName[];
