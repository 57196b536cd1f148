import { PgBoss } from "pg-boss";
import { settings } from "../app/lib/config.server";
import { singleton } from "../app/lib/singleton.server";
import { deadLetterQueue, type QueueName, type QueuePayload, queueNames, queues } from "./queues";

/** The one pg-boss instance of this process, on the application's own database. */
export const boss = (): PgBoss =>
	singleton(
		"boss",
		() =>
			new PgBoss({
				connectionString: settings().DATABASE_URL,
				schema: "pgboss",
				max: 4,
				application_name: "cuepal-jobs",
				// Only processes that run jobs supervise queues and run schedules.
				supervise: settings().ROLE !== "web",
				schedule: settings().ROLE !== "web",
			}),
	);

let started: Promise<void> | null = null;

/** Starts pg-boss and makes sure every queue (and the dead-letter queue) exists. Idempotent. */
export function startQueues(): Promise<void> {
	started ??= (async () => {
		const instance = boss();
		instance.on("error", (error: Error) => {
			// Imported lazily: the logger must not be a dependency of the queue definitions.
			import("../app/lib/logger.server").then(({ logger }) => logger.error({ err: error }, "job system error"));
		});
		await instance.start();
		await instance.createQueue(deadLetterQueue, { retentionSeconds: 14 * 24 * 3600 });
		for (const name of queueNames) {
			await instance.createQueue(name, { ...queues[name].options, deadLetter: deadLetterQueue });
		}
	})();
	return started;
}

const beforeStop: Array<() => Promise<void>> = [];

/** Work that feeds the queues (the event dispatcher) registers here to stop before pg-boss does. */
export function stopBeforeQueues(stop: () => Promise<void>): void {
	beforeStop.push(stop);
}

export async function stopQueues(): Promise<void> {
	for (const stop of beforeStop.splice(0)) await stop().catch(() => {});
	if (!started) return;
	await started.catch(() => {});
	started = null;
	await boss().stop({ graceful: true, timeout: 10_000, close: true });
}

/** Sends a job after checking its payload against the queue's schema. */
export async function enqueue<N extends QueueName>(name: N, payload: QueuePayload<N>): Promise<string | null> {
	const data = queues[name].payload.parse(payload);
	await startQueues();
	return boss().send(name, data);
}

export async function queueSizes(): Promise<Record<string, number>> {
	if (!started) return {};
	const results = await boss().getQueues([...queueNames, deadLetterQueue]);
	return Object.fromEntries(results.map((queue) => [queue.name, queue.queuedCount]));
}
