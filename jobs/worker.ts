import type { Job } from "pg-boss";
import { logger } from "../app/lib/logger.server";
import { reencryptPersonalData } from "../app/lib/reencrypt.server";
import { deliverMessage } from "../app/modules/accounts/messaging/deliver-message.server";
import { pruneExpired } from "../app/modules/accounts/prune-expired.server";
import { remindOfBooking } from "../app/modules/booking/booking-reminders.server";
import { cancelUnansweredBookings } from "../app/modules/booking/cancel-unanswered-bookings.server";
import { autoCompleteLessons } from "../app/modules/booking/completion/auto-complete-lessons.server";
import { expireUnpaidBookings } from "../app/modules/booking/expire-unpaid-bookings.server";
import { lapsePassedProposals } from "../app/modules/booking/lapse-booking-changes.server";
import { deleteExpiredRecordings } from "../app/modules/booking/online-lesson/recording/recordings.server";
import { refreshAllCoachStandings } from "../app/modules/booking/reliability/refresh-reliability.server";
import { refreshAllFreeDays } from "../app/modules/coaches/search/refresh-free-days.server";
import { resealLocalUploads } from "../app/modules/files/storage.server";
import { sweepUnattachedFiles } from "../app/modules/files/sweep-unattached.server";
import { releaseDueSettlements } from "../app/modules/payments/income/release-settlement.server";
import { executeWithdrawal } from "../app/modules/payments/payouts/execute-withdrawal.server";
import { redriveStuckWithdrawals } from "../app/modules/payments/payouts/redrive-withdrawals.server";
import { pollPendingPayments } from "../app/modules/payments/poll-pending-payments.server";
import { reconcilePayments } from "../app/modules/payments/reconciliation/reconcile-payments.server";
import { executeRefund } from "../app/modules/payments/refunds/execute-refund.server";
import { boss, startQueues, stopBeforeQueues } from "./boss";
import { deliverEvent, pruneDispatchedEvents, runDispatcher } from "./dispatcher";
import { deadLetterQueue, type QueueName, type QueuePayload, queueNames, queues } from "./queues";

/** Each handler is a thin call into the module service that owns the work. */
const handlers: { [N in QueueName]: (payload: QueuePayload<N>) => Promise<unknown> } = {
	"maintenance.prune-expired": () => pruneExpired(),
	"files.sweep-unattached": () => sweepUnattachedFiles(),
	"messaging.deliver": ({ messageId }) => deliverMessage(messageId),
	// Columns, then the local folder's stored objects (a bucket encrypts its own).
	"platform.reencrypt": async ({ keyId }) => [await reencryptPersonalData(keyId), await resealLocalUploads(keyId)],
	"events.booking": ({ eventId }) => deliverEvent("booking", eventId),
	"events.coaches": ({ eventId }) => deliverEvent("coaches", eventId),
	"booking.expire-unpaid": () => expireUnpaidBookings(),
	"booking.cancel-unanswered": () => cancelUnansweredBookings(),
	"booking.auto-complete": () => autoCompleteLessons(),
	"booking.lapse-changes": () => lapsePassedProposals(),
	"booking.remind": (payload) => remindOfBooking(payload),
	"events.files": ({ eventId }) => deliverEvent("files", eventId),
	"events.payments": ({ eventId }) => deliverEvent("payments", eventId),
	"payments.refund": ({ refundId }) => executeRefund(refundId),
	"payments.withdraw": ({ withdrawalId }) => executeWithdrawal(withdrawalId),
	"payments.redrive-withdrawals": () => redriveStuckWithdrawals(),
	"payments.poll-pending": () => pollPendingPayments(),
	"payments.release-income": () => releaseDueSettlements(),
	"payments.reconcile": ({ billDate }) => reconcilePayments({ billDate }),
	"events.prune": () => pruneDispatchedEvents(),
	"coaches.refresh-free-days": () => refreshAllFreeDays(),
	"booking.refresh-reliability": () => refreshAllCoachStandings(),
	"booking.delete-expired-recordings": () => deleteExpiredRecordings(),
};

// Event deliveries are what makes a suspension visible: poll their queues every second.
const pollingIntervalSeconds = (name: QueueName) => (name.startsWith("events.") ? 1 : 2);

export async function startWorker(): Promise<void> {
	await startQueues();
	const instance = boss();
	for (const name of queueNames) {
		await instance.work(name, { pollingIntervalSeconds: pollingIntervalSeconds(name) }, async (jobs: Job<object>[]) => {
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
	stopBeforeQueues(await runDispatcher());
	logger.info({ queues: queueNames.length }, "worker started");
}
