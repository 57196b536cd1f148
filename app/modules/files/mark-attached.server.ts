import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { storedFiles } from "../../../db/schema";
import { type FileKind, uuidPattern } from "./kinds";

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

/**
 * Attaches a file only if it is the owner's own, of the kind the use needs, and not attached to
 * anything yet; answers whether it did. One conditional update, so two uses racing for one upload
 * cannot both win, and someone else's file id attaches nothing (the caller refuses it).
 */
export async function attachOwnUnattachedFile(
	input: { fileId: string; ownerId: string; kind: FileKind },
	tx: DbOrTx,
): Promise<boolean> {
	if (!uuidPattern.test(input.fileId)) return false;
	const attached = await tx
		.update(storedFiles)
		.set({ attachedAt: new Date() })
		.where(
			and(
				eq(storedFiles.id, input.fileId),
				eq(storedFiles.ownerId, input.ownerId),
				eq(storedFiles.kind, input.kind),
				isNull(storedFiles.attachedAt),
			),
		)
		.returning({ id: storedFiles.id });
	return attached.length > 0;
}
