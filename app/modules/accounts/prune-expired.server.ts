import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { outboxMessages, rateLimits, sessions, verificationCodes } from "../../../db/schema";
import { enqueue } from "../../../jobs/boss";

/**
 * The recurring maintenance job: drops expired sessions, codes and rate-limit windows, and hands
 * messages whose delivery job was lost (a crash between commit and enqueue) back to the queue.
 */
export async function pruneExpired(now = new Date()) {
	const database = db();
	const dayAgo = new Date(now.getTime() - 24 * 3600_000);
	const expiredSessions = await database.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
	const expiredCodes = await database
		.delete(verificationCodes)
		.where(
			or(
				lt(verificationCodes.expiresAt, dayAgo),
				and(lt(verificationCodes.expiresAt, now), sql`${verificationCodes.consumedAt} is not null`),
			),
		)
		.returning({ id: verificationCodes.id });
	const expiredLimits = await database.delete(rateLimits).where(lt(rateLimits.expiresAt, now)).returning({ key: rateLimits.key });
	const stranded = await database
		.select({ id: outboxMessages.id })
		.from(outboxMessages)
		.where(
			and(
				eq(outboxMessages.status, "pending"),
				eq(outboxMessages.attempts, 0),
				lt(outboxMessages.createdAt, new Date(now.getTime() - 5 * 60_000)),
				isNull(outboxMessages.sentAt),
			),
		)
		.limit(500);
	for (const message of stranded) await enqueue("messaging.deliver", { messageId: message.id });
	const summary = {
		sessions: expiredSessions.length,
		codes: expiredCodes.length,
		rateLimits: expiredLimits.length,
		requeuedMessages: stranded.length,
	};
	logger.info(summary, "pruned expired rows");
	return summary;
}
