import { z } from "zod";

/**
 * Every queue and the shape of its payload, in one place. A job is a definition (name + schema +
 * retry policy); its handler lives in the module that owns the work (see jobs/worker.ts).
 */
export const deadLetterQueue = "jobs.dead-letter";

/**
 * Delivering a domain event to one subscriber. Retried with backoff for about a day before the
 * dead-letter queue: a reaction must happen eventually (a deleted account must be erased), and
 * the receipt makes every retry safe.
 */
const eventDelivery = {
	payload: z.object({ eventId: z.string().uuid() }).strict(),
	options: { retryLimit: 12, retryDelay: 5, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 300 },
	cron: undefined,
} as const;

export const queues = {
	"maintenance.prune-expired": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 300 },
		/** Every fifteen minutes; pg-boss makes sure only one worker runs each occurrence. */
		cron: "*/15 * * * *",
	},
	"files.sweep-unattached": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
		/** Hourly: uploads nothing attached within 24 hours are deleted (rows and stored objects). */
		cron: "7 * * * *",
	},
	"messaging.deliver": {
		payload: z.object({ messageId: z.string().uuid() }).strict(),
		options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 60 },
		cron: undefined,
	},
	/** Key rotation and format migration of every registered encrypted column (app/lib/encrypted-columns.server.ts). */
	"platform.reencrypt": {
		payload: z.object({ keyId: z.string().min(1) }).strict(),
		options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
		cron: undefined,
	},
	// One delivery queue per subscribing module (jobs/subscriptions.ts); a test checks each has one.
	"events.booking": eventDelivery,
	"events.coaches": eventDelivery,
	"events.files": eventDelivery,
	"events.payments": eventDelivery,
	"booking.expire-unpaid": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
		/** Every minute; a booking request also expires its coach's lapsed bookings at once. */
		cron: "* * * * *",
	},
	"booking.cancel-unanswered": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
		cron: "*/5 * * * *",
	},
	/** Finished (or started and never finished) lessons complete by themselves once the player had their hours. */
	"booking.auto-complete": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
		cron: "*/10 * * * *",
	},
	/** Proposed changes whose proposed time came unanswered lapse, and the time they held is freed. */
	"booking.lapse-changes": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
		cron: "*/5 * * * *",
	},
	/** A lesson's reminder, scheduled when it is confirmed; it checks the booking again when it fires. */
	"booking.remind": {
		payload: z
			.object({ bookingId: z.string().uuid(), kind: z.enum(["24h", "1h"]), startsAt: z.iso.datetime({ offset: true }) })
			.strict(),
		options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
		cron: undefined,
	},
	/** A refund is asked of its provider until the provider confirms or definitely refuses (about a day). */
	"payments.refund": {
		payload: z.object({ refundId: z.string().uuid() }).strict(),
		options: { retryLimit: 20, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 120 },
		cron: undefined,
	},
	/**
	 * A coach's withdrawal sent to its provider until paid or definitely refused (about a day). Each
	 * retry asks the provider about the business number before transferring again.
	 */
	"payments.withdraw": {
		payload: z.object({ withdrawalId: z.string().uuid() }).strict(),
		options: { retryLimit: 20, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 120 },
		cron: undefined,
	},
	/** Every five minutes: withdrawals left processing (a job died, an answer was lost) are asked about again. */
	"payments.redrive-withdrawals": {
		payload: z.object({}).strict(),
		options: { retryLimit: 1, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
		cron: "*/5 * * * *",
	},
	/** Every minute: payments still pending are asked about (a notification may be lost), expired ones closed. */
	"payments.poll-pending": {
		payload: z.object({}).strict(),
		options: { retryLimit: 1, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
		cron: "* * * * *",
	},
	/** Settled income whose dispute window has passed becomes available to withdraw (frozen while disputed). */
	"payments.release-income": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
		cron: "*/10 * * * *",
	},
	/**
	 * Daily at 10:30 Beijing (providers publish the day before's bill by then): each configured
	 * provider's bill against our payments and refunds. `billDate` (yyyy-MM-dd) reruns one day.
	 */
	"payments.reconcile": {
		payload: z
			.object({
				billDate: z
					.string()
					.regex(/^\d{4}-\d{2}-\d{2}$/)
					.optional(),
			})
			.strict(),
		options: { retryLimit: 6, retryDelay: 600, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 1800 },
		cron: "30 10 * * *",
	},
	"coaches.refresh-free-days": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 3 * 3600 },
		/** Daily just after midnight in Shanghai: search's 30 days of free time roll on by one. */
		cron: "5 0 * * *",
	},
	"booking.refresh-reliability": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 3 * 3600 },
		/** Daily in Shanghai's small hours: every coach's 90-day reliability rolls on, the 优选教练 badge is given or taken. */
		cron: "20 4 * * *",
	},
	"events.prune": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 300 },
		/** Daily: dispatched events and their receipts are kept 30 days for inquiries, then pruned. */
		cron: "40 3 * * *",
	},
	"booking.delete-expired-recordings": {
		payload: z.object({}).strict(),
		options: { retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600 },
		/** Daily: lesson recordings older than RECORDING_RETENTION_DAYS leave the bucket. */
		cron: "50 3 * * *",
	},
} as const;

export type QueueName = keyof typeof queues;
export type QueuePayload<N extends QueueName> = z.infer<(typeof queues)[N]["payload"]>;
export const queueNames = Object.keys(queues) as QueueName[];
