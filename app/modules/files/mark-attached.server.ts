import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { storedFiles } from "../../../db/schema";
import { uuidPattern } from "./kinds";

/**
 * Records that something now uses a file (a photo, certificate or video of an application), so
 * the sweep of unattached uploads leaves it alone. Called by the module that attaches it, in its
 * own transaction; a file stays attached until it is deleted. The files module never reads the
 * tables of the modules that use it to find this out.
 */
export async function markAttached(fileId: string, tx: DbOrTx): Promise<void> {
	if (!uuidPattern.test(fileId)) return;
	await tx
		.update(storedFiles)
		.set({ attachedAt: new Date() })
		.where(and(eq(storedFiles.id, fileId), isNull(storedFiles.attachedAt)));
}
