import { eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { storedFiles } from "../../../db/schema";
import { uuidPattern } from "./kinds";
import { fileStorage } from "./storage.server";

/**
 * Removes a file: its row (rows that reference it follow their foreign keys), then its objects in
 * storage. Returns false for an unknown id. A storage failure leaves unreachable bytes, never a
 * row without bytes; but storage is not transactional, so within a larger transaction call this
 * last (a rollback after it would bring the row back without its bytes).
 */
export async function deleteStoredFile(fileId: string, tx: DbOrTx = db()): Promise<boolean> {
	if (!uuidPattern.test(fileId)) return false;
	const [file] = await tx.delete(storedFiles).where(eq(storedFiles.id, fileId)).returning();
	if (!file) return false;
	const keys = new Set([file.storageKey, ...Object.values(file.variants)]);
	const storage = fileStorage();
	await Promise.all(
		[...keys].map((key) =>
			storage.delete(key).catch((error: unknown) => {
				logger.warn({ err: error instanceof Error ? error.message : String(error), fileId }, "stored object not deleted");
			}),
		),
	);
	return true;
}
