import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { storedFiles } from "../../../db/schema";
import { deleteStoredFile } from "./delete-file.server";

/**
 * Deletes every file a person uploaded, rows and stored objects (their account was deleted).
 * Storage is not transactional: an object deleted before the transaction fails is simply gone,
 * and the retry deletes the rows that came back.
 */
export async function deleteFilesOfOwner(ownerId: string, tx: Transaction): Promise<number> {
	const owned = await tx.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.ownerId, ownerId));
	for (const file of owned) await deleteStoredFile(file.id, tx);
	return owned.length;
}
