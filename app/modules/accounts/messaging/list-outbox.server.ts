import { desc } from "drizzle-orm";
import { isProduction } from "~/lib/config.server";
import { decrypt, decryptOrNull } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { outboxMessages } from "../../../../db/schema";

export interface OutboxEntry {
	id: string;
	channel: "sms" | "email" | "in_app";
	recipient: string | null;
	subject: string | null;
	text: string;
	template: string;
	status: "pending" | "sent" | "failed";
	createdAt: string;
}

/** The messages sent, newest first, decrypted: only for the development outbox. */
export async function listOutbox(limit: number): Promise<OutboxEntry[]> {
	if (isProduction()) return [];
	const rows = await db().select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt)).limit(limit);
	return rows.map((row) => ({
		id: row.id,
		channel: row.channel,
		recipient: decryptOrNull(row.recipientEnc, sealedIn(outboxMessages.recipientEnc, row.id)),
		subject: row.subject,
		text: decrypt(row.bodyEnc, sealedIn(outboxMessages.bodyEnc, row.id)),
		template: row.template,
		status: row.status,
		createdAt: row.createdAt.toISOString(),
	}));
}
