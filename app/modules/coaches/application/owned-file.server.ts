import type { DbOrTx } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { getStoredFile } from "~/modules/files/get-file.server";
import type { FileKind } from "~/modules/files/kinds";

/**
 * A file id sent by a client must name a file the caller uploaded, of the kind the use needs.
 * Anyone else's file (or one that does not exist) answers the same 404, so ids reveal nothing.
 */
export async function assertOwnFile(userId: string, fileId: string, kind: FileKind, tx: DbOrTx): Promise<void> {
	const file = await getStoredFile(fileId, tx);
	if (!file || file.ownerId !== userId || file.kind !== kind) throw notFound("coaching.errors.fileNotFound");
}

/** Whether a stored file is an image (it has a thumbnail), e.g. a certificate scan rather than a PDF. */
export async function isImageFile(fileId: string, tx: DbOrTx): Promise<boolean> {
	return Boolean((await getStoredFile(fileId, tx))?.isImage);
}
