import { and, asc, eq, isNull, lt } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { storedFiles } from "../../../db/schema";
import { deleteStoredFile } from "./delete-file.server";

/** An upload nobody attached within this long is deleted (a client that uploads and never uses it). */
export const unattachedLifetimeHours = 24;

/**
 * Deletes uploads never attached to anything (`POST /api/v1/files` without a later photo,
 * certificate or video using it), rows and stored objects, once they are older than a day. Runs
 * hourly as the `files.sweep-unattached` job; each file is deleted in its own transaction, so a
 * storage failure stops one file, not the sweep.
 */
export async function sweepUnattachedFiles(now = new Date(), batchSize = 200): Promise<number> {
	const cutoff = new Date(now.getTime() - unattachedLifetimeHours * 3600_000);
	let deleted = 0;
	for (;;) {
		const batch = await db()
			.select({ id: storedFiles.id })
			.from(storedFiles)
			.where(and(isNull(storedFiles.attachedAt), lt(storedFiles.createdAt, cutoff)))
			.orderBy(asc(storedFiles.createdAt))
			.limit(batchSize);
		if (batch.length === 0) break;
		for (const file of batch) {
			// Attached meanwhile (the attaching transaction holds the row): leave it.
			const removed = await db().transaction(async (tx) => {
				const [still] = await tx
					.select({ id: storedFiles.id })
					.from(storedFiles)
					.where(and(eq(storedFiles.id, file.id), isNull(storedFiles.attachedAt)))
					.for("update");
				return still ? deleteStoredFile(file.id, tx) : false;
			});
			if (removed) deleted += 1;
		}
		if (batch.length < batchSize) break;
	}
	if (deleted > 0) logger.info({ deleted }, "unattached uploads deleted");
	return deleted;
}
