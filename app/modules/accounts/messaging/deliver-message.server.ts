import { eq, sql } from "drizzle-orm";
import { decrypt } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { logger } from "~/lib/logger.server";
import { outboxMessages } from "../../../../db/schema";
import { providerFor } from "./providers.server";

/** How many attempts before a message is marked failed (pg-boss retries in between). */
export const maxDeliveryAttempts = 6;

/**
 * Delivers one outbox message through its channel's provider. The row is locked while sending, so
 * two workers never send the same message; a sent message is never sent again.
 */
export async function deliverMessage(messageId: string): Promise<"sent" | "skipped" | "in_app"> {
	const outcome = await db().transaction(async (tx) => {
		const [message] = await tx
			.select()
			.from(outboxMessages)
			.where(eq(outboxMessages.id, messageId))
			.for("update", { skipLocked: true });
		if (message?.status !== "pending") return "skipped" as const;
		if (message.channel === "in_app") {
			await tx
				.update(outboxMessages)
				.set({ status: "sent", sentAt: new Date(), provider: "in_app" })
				.where(eq(outboxMessages.id, messageId));
			return "in_app" as const;
		}
		const provider = await providerFor(message.channel);
		try {
			await provider.send({
				recipient: decrypt(message.recipientEnc ?? "", sealedIn(outboxMessages.recipientEnc, message.id)),
				subject: message.subject,
				body: decrypt(message.bodyEnc, sealedIn(outboxMessages.bodyEnc, message.id)),
				template: message.template,
			});
		} catch (error) {
			const attempts = message.attempts + 1;
			const reason = error instanceof Error ? error.message.slice(0, 500) : "unknown";
			await tx
				.update(outboxMessages)
				.set({
					attempts: sql`${outboxMessages.attempts} + 1`,
					lastError: reason,
					status: attempts >= maxDeliveryAttempts ? "failed" : "pending",
				})
				.where(eq(outboxMessages.id, messageId));
			logger.warn({ messageId, attempts, provider: provider.name }, "message delivery failed");
			// Committed first, then rethrown after the transaction so pg-boss retries with backoff.
			return { error };
		}
		await tx
			.update(outboxMessages)
			.set({ status: "sent", sentAt: new Date(), provider: provider.name, attempts: message.attempts + 1 })
			.where(eq(outboxMessages.id, messageId));
		return "sent" as const;
	});
	if (typeof outcome === "object") throw outcome.error;
	return outcome;
}
