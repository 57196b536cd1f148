import { and, eq, isNotNull, like, not, or } from "drizzle-orm";
import { currentKeyId, decrypt, encrypt } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { outboxMessages, sessions, users } from "../../../db/schema";

/**
 * Key rotation: re-encrypts every personal field still sealed under an older key with the current
 * key, in batches, so the old key can be removed from APP_ENCRYPTION_KEYS afterwards.
 * `keyId` must be the current key: a job queued before a deploy that changed keys does nothing.
 */
export async function reencryptPersonalData(keyId: string, batchSize = 500): Promise<number> {
	if (keyId !== currentKeyId()) {
		logger.warn({ keyId }, "re-encryption asked for a key that is not current; skipped");
		return 0;
	}
	const prefix = `v1.${keyId}.%`;
	const reseal = (value: string | null) => (value && !value.startsWith(`v1.${keyId}.`) ? encrypt(decrypt(value)) : value);
	let changed = 0;
	const database = db();

	for (;;) {
		const batch = await database
			.select({ id: users.id, phoneEnc: users.phoneEnc, emailEnc: users.emailEnc, totpSecretEnc: users.totpSecretEnc })
			.from(users)
			.where(
				or(
					and(isNotNull(users.phoneEnc), not(like(users.phoneEnc, prefix))),
					and(isNotNull(users.emailEnc), not(like(users.emailEnc, prefix))),
					and(isNotNull(users.totpSecretEnc), not(like(users.totpSecretEnc, prefix))),
				),
			)
			.limit(batchSize);
		if (batch.length === 0) break;
		for (const row of batch) {
			await database
				.update(users)
				.set({ phoneEnc: reseal(row.phoneEnc), emailEnc: reseal(row.emailEnc), totpSecretEnc: reseal(row.totpSecretEnc) })
				.where(eq(users.id, row.id));
		}
		changed += batch.length;
	}

	for (;;) {
		const batch = await database
			.select({ id: outboxMessages.id, recipientEnc: outboxMessages.recipientEnc, bodyEnc: outboxMessages.bodyEnc })
			.from(outboxMessages)
			.where(
				or(
					not(like(outboxMessages.bodyEnc, prefix)),
					and(isNotNull(outboxMessages.recipientEnc), not(like(outboxMessages.recipientEnc, prefix))),
				),
			)
			.limit(batchSize);
		if (batch.length === 0) break;
		for (const row of batch) {
			await database
				.update(outboxMessages)
				.set({ recipientEnc: reseal(row.recipientEnc), bodyEnc: reseal(row.bodyEnc) as string })
				.where(eq(outboxMessages.id, row.id));
		}
		changed += batch.length;
	}

	for (;;) {
		const batch = await database
			.select({ id: sessions.id, ipEnc: sessions.ipEnc })
			.from(sessions)
			.where(and(isNotNull(sessions.ipEnc), not(like(sessions.ipEnc, prefix))))
			.limit(batchSize);
		if (batch.length === 0) break;
		for (const row of batch) {
			await database
				.update(sessions)
				.set({ ipEnc: reseal(row.ipEnc) })
				.where(eq(sessions.id, row.id));
		}
		changed += batch.length;
	}
	logger.info({ keyId, changed }, "personal data re-encrypted");
	return changed;
}
