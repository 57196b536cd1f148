import type { Job } from "pg-boss";
import { logger } from "../app/lib/logger.server";
import { deliverMessage } from "../app/modules/accounts/messaging/deliver-message.server";
import { pruneExpired } from "../app/modules/accounts/prune-expired.server";
import { reencryptPersonalData } from "../app/modules/accounts/reencrypt.server";
import { boss, startQueues } from "./boss";
import { deadLetterQueue, type QueueName, type QueuePayload, queueNames, queues } from "./queues";

/** Each handler is a thin call into the module service that owns the work. */
const handlers: { [N in QueueName]: (payload: QueuePayload<N>) => Promise<unknown> } = {
	"maintenance.prune-expired": () => pruneExpired(),
	"messaging.deliver": ({ messageId }) => deliverMessage(messageId),
	"accounts.reencrypt": ({ keyId }) => reencryptPersonalData(keyId),
};

export async function startWorker(): Promise<void> {
	await startQueues();
	const instance = boss();
	for (const name of queueNames) {
		await instance.work(name, async (jobs: Job<object>[]) => {
			for (const job of jobs) {
				const payload = queues[name].payload.parse(job.data);
				await (handlers[name] as (payload: unknown) => Promise<unknown>)(payload);
			}
		});
		const cron = queues[name].cron;
		if (cron) await instance.schedule(name, cron, {}, { tz: "Asia/Shanghai" });
	}
	await instance.work(deadLetterQueue, async (jobs: Job<object>[]) => {
		for (const job of jobs) logger.error({ jobId: job.id, queue: job.name }, "job failed all its retries");
	});
	logger.info({ queues: queueNames.length }, "worker started");
}
