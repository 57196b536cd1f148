import { and, asc, eq, getTableColumns, getTableName, gt, isNotNull, not, type SQL, sql } from "drizzle-orm";
import { currentKeyId, currentSealPrefix, decrypt, encrypt, isCurrentlySealed } from "./crypto.server";
import { db } from "./db.server";
import { type EncryptedColumn, encryptedColumns } from "./encrypted-columns.server";
import { logger } from "./logger.server";

/**
 * Key rotation and format migration in one pass: every value in a registered column that is not
 * `v2` under the current key (an older key, or the `v1` format without associated data) is
 * decrypted and sealed again, bound to its table, column and row. Afterwards an old key can be
 * removed from APP_ENCRYPTION_KEYS. `keyId` must be the current key: a job queued before a deploy
 * that changed keys does nothing. Runs as the `platform.reencrypt` job and at start in development.
 */
export async function reencryptPersonalData(keyId = currentKeyId(), batchSize = 500): Promise<number> {
	if (keyId !== currentKeyId()) {
		logger.warn({ keyId }, "re-encryption asked for a key that is not current; skipped");
		return 0;
	}
	let changed = 0;
	for (const entry of encryptedColumns) changed += await reencryptColumn(entry, batchSize);
	if (changed > 0) logger.info({ keyId, changed }, "personal data re-encrypted");
	return changed;
}

async function reencryptColumn(entry: EncryptedColumn, batchSize: number): Promise<number> {
	const database = db();
	const table = getTableName(entry.table);
	const outdated: SQL = and(isNotNull(entry.column), not(sql`${entry.column} like ${`${currentSealPrefix()}%`}`)) as SQL;
	let changed = 0;
	// Keyset pages by id: a value that cannot be read (its key already removed) is logged and
	// passed over instead of being fetched again forever.
	let after: string | null = null;
	for (;;) {
		const batch: Array<{ id: string; value: string | null }> = await database
			.select({ id: sql<string>`${entry.id}::text`, value: sql<string | null>`${entry.column}` })
			.from(entry.table)
			.where(after === null ? outdated : and(outdated, gt(sql`${entry.id}::text`, after)))
			.orderBy(asc(sql`${entry.id}::text`))
			.limit(batchSize);
		if (batch.length === 0) return changed;
		for (const row of batch) {
			after = row.id;
			if (!row.value || isCurrentlySealed(row.value)) continue;
			const binding = { table, column: entry.column.name, rowId: row.id };
			let resealed: string;
			try {
				resealed = encrypt(decrypt(row.value, binding), binding);
			} catch {
				logger.error({ table, column: entry.column.name, rowId: row.id }, "encrypted value unreadable; not re-encrypted");
				continue;
			}
			// Only if nobody changed the value meanwhile: a newer value is already current.
			const updated = await database
				.update(entry.table)
				.set({ [columnKey(entry)]: resealed })
				.where(and(eq(sql`${entry.id}::text`, row.id), eq(entry.column, row.value)))
				.returning({ id: entry.id });
			changed += updated.length;
		}
	}
}

/** The property name drizzle knows the column by (`phoneEnc` for `phone_enc`). */
function columnKey(entry: EncryptedColumn): string {
	const key = Object.entries(getTableColumns(entry.table)).find(([, column]) => column === entry.column)?.[0];
	if (!key) throw new Error(`column ${entry.column.name} not found on its table`);
	return key;
}
