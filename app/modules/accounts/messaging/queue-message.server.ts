import { randomUUID } from "node:crypto";
import { encrypt } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { type Locale, translate } from "~/lib/i18n";
import { outboxMessages } from "../../../../db/schema";
import { enqueue } from "../../../../jobs/boss";

export interface OutgoingMessage {
	channel: "sms" | "email";
	recipient: string;
	userId?: string | null;
	/** i18n key under `messages.`: the subject is `<template>.subject`, the text `<template>.body`. */
	template: string;
	params: Record<string, string | number>;
	locale: Locale;
}

/**
 * Stores the message in the outbox (encrypted) and asks the worker to deliver it. Pass the
 * caller's transaction so the message exists only if the work that sends it was committed; the
 * delivery job is queued after, and the maintenance job re-queues any that got lost.
 */
export async function queueMessage(message: OutgoingMessage, tx: DbOrTx = db()): Promise<string> {
	const body = translate(message.locale, `messages.${message.template}.body`, message.params);
	const subject =
		message.channel === "email" ? translate(message.locale, `messages.${message.template}.subject`, message.params) : null;
	// The id is part of each ciphertext's binding, so it is chosen before the insert.
	const id = randomUUID();
	const [row] = await tx
		.insert(outboxMessages)
		.values({
			id,
			channel: message.channel,
			userId: message.userId ?? null,
			recipientEnc: encrypt(message.recipient, sealedIn(outboxMessages.recipientEnc, id)),
			template: message.template,
			subject,
			bodyEnc: encrypt(body, sealedIn(outboxMessages.bodyEnc, id)),
		})
		.returning({ id: outboxMessages.id });
	return (row as { id: string }).id;
}

/** Queues delivery jobs for messages created in a transaction that has now committed. */
export async function dispatchMessages(messageIds: string[]): Promise<void> {
	for (const messageId of messageIds) {
		await enqueue("messaging.deliver", { messageId }).catch(() => {
			// Left pending: the maintenance job re-queues it within minutes.
		});
	}
}
