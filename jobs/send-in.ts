import { sql } from "drizzle-orm";
import { fromDrizzle, type SendOptions } from "pg-boss";
import type { Transaction } from "../app/lib/db.server";
import { boss, startQueues } from "./boss";
import { type QueueName, type QueuePayload, queues } from "./queues";

/** Sends a job in the caller's transaction, so it exists exactly when the change that asks for it commits. */
export async function sendJobIn<N extends QueueName>(
	tx: Transaction,
	name: N,
	payload: QueuePayload<N>,
	options: Omit<SendOptions, "db"> = {},
): Promise<void> {
	const data = queues[name].payload.parse(payload);
	await startQueues();
	await boss().send(name, data, { ...options, db: fromDrizzle(tx, sql) });
}
