import { and, eq, isNotNull, lt } from "drizzle-orm";
import pg from "pg";
import { settings } from "../app/lib/config.server";
import { db, pool } from "../app/lib/db.server";
import { logger } from "../app/lib/logger.server";
import { domainEventReceipts, domainEvents } from "../db/schema";
import { boss } from "./boss";
import { type DomainEventName, domainEventSchemas } from "./events";
import { deliveryQueue, type Subscriber, subscribersOf, subscriptions } from "./subscriptions";

/**
 * The outbox dispatcher: moves recorded domain events into one pg-boss job per subscribing module,
 * in the same transaction that marks them dispatched, so an event is handed on exactly once per
 * dispatch however many workers run (rows are claimed with SKIP LOCKED). Delivery is at least
 * once; the receipts make it effectively once.
 */
export async function dispatchPendingEvents(batch = 100): Promise<number> {
	const client = await pool().connect();
	try {
		await client.query("begin");
		const { rows } = await client.query<{ id: string; name: string }>(
			"select id, name from domain_events where dispatched_at is null order by sequence limit $1 for update skip locked",
			[batch],
		);
		// pg-boss writes its jobs on this same connection, inside this transaction.
		const sameTransaction = { db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) } };
		for (const event of rows) {
			for (const subscriber of subscribersOf(event.name)) {
				await boss().send(deliveryQueue(subscriber), { eventId: event.id }, sameTransaction);
			}
		}
		if (rows.length > 0) {
			await client.query("update domain_events set dispatched_at = now() where id = any($1::uuid[])", [
				rows.map((row) => row.id),
			]);
		}
		await client.query("commit");
		return rows.length;
	} catch (error) {
		await client.query("rollback").catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

/**
 * One subscriber's reaction to one event, in a transaction that first writes the receipt: if the
 * receipt is already there the reaction ran before and nothing happens; if the reaction fails the
 * receipt rolls back with it and pg-boss retries the job.
 */
export async function deliverEvent(subscriber: Subscriber, eventId: string): Promise<"done" | "duplicate" | "gone"> {
	return db().transaction(async (tx) => {
		const [event] = await tx.select().from(domainEvents).where(eq(domainEvents.id, eventId)).limit(1);
		if (!event) return "gone";
		const fresh = await tx
			.insert(domainEventReceipts)
			.values({ eventId, subscriber })
			.onConflictDoNothing()
			.returning({ eventId: domainEventReceipts.eventId });
		if (fresh.length === 0) return "duplicate";
		const name = event.name as DomainEventName;
		const reaction = (subscriptions[subscriber] as Record<string, (payload: unknown, context: unknown) => Promise<void>>)[name];
		if (!reaction) return "done";
		const payload = domainEventSchemas[name].parse(event.payload);
		await reaction(payload, { tx, eventId, occurredAt: event.occurredAt });
		return "done";
	});
}

/** Dispatched events older than the retention, with their receipts (cascade). */
export async function pruneDispatchedEvents(retentionDays = 30): Promise<number> {
	const cutoff = new Date(Date.now() - retentionDays * 24 * 3600 * 1000);
	const removed = await db()
		.delete(domainEvents)
		.where(and(isNotNull(domainEvents.dispatchedAt), lt(domainEvents.dispatchedAt, cutoff)))
		.returning({ id: domainEvents.id });
	return removed.length;
}

/**
 * Runs the dispatcher in a worker process: woken by the NOTIFY the outbox sends on every commit
 * (so a suspension reaches search in well under a second), with a poll every few seconds as the
 * safety net for a lost notification or a dropped listening connection. Returns a stop function.
 */
export async function runDispatcher(options: { pollMs?: number } = {}): Promise<() => Promise<void>> {
	let stopped = false;
	let running: Promise<void> | null = null;
	let again = false;
	const drain = () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = (async () => {
			try {
				do {
					again = false;
					while ((await dispatchPendingEvents()) > 0 && !stopped) {}
				} while (again && !stopped);
			} catch (error) {
				logger.warn({ err: error instanceof Error ? error.message : String(error) }, "event dispatch failed; will retry");
			} finally {
				running = null;
			}
		})();
	};

	let listener: pg.Client | null = null;
	const listen = async () => {
		if (stopped) return;
		const client = new pg.Client({ connectionString: settings().DATABASE_URL, application_name: "cuepal-events" });
		client.on("notification", drain);
		client.on("error", (error) => {
			logger.warn({ err: error.message }, "event listener connection lost");
			listener = null;
			client.end().catch(() => {});
		});
		try {
			await client.connect();
			await client.query("listen domain_events");
			listener = client;
		} catch (error) {
			logger.warn({ err: error instanceof Error ? error.message : String(error) }, "event listener not connected; polling");
			await client.end().catch(() => {});
		}
	};
	await listen();
	const timer = setInterval(() => {
		if (!listener) void listen();
		drain();
	}, options.pollMs ?? 5_000);
	timer.unref();
	drain();

	return async () => {
		stopped = true;
		clearInterval(timer);
		await running;
		await listener?.end().catch(() => {});
	};
}
