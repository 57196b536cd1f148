import type { DbOrTx } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import type { FileKind } from "~/modules/files/kinds";
import { locateFile } from "~/modules/files/read-file.server";
import { canReadPrivateFile } from "~/modules/files/urls.server";

/**
 * A file id sent by a client must name a file the caller uploaded, of the kind the use needs.
 * Anyone else's file (or one that does not exist) answers the same 404, so ids reveal nothing.
 */
export async function assertOwnFile(userId: string, fileId: string, kind: FileKind, tx: DbOrTx): Promise<void> {
	const asOwner = { user: { id: userId }, roles: ["player"] as const };
	if (!(await canReadPrivateFile(asOwner, fileId, tx))) throw notFound("coaching.errors.fileNotFound");
	const location = await locateFile(fileId, undefined, "signed", tx);
	// The files module names each stored file `<kind>-<id>…`: the only place its kind is exposed.
	if (!location?.filename.startsWith(`${kind}-`)) throw notFound("coaching.errors.fileNotFound");
}

/** Whether a stored file is an image (it has a thumbnail), e.g. a certificate scan rather than a PDF. */
export async function isImageFile(fileId: string, tx: DbOrTx): Promise<boolean> {
	return Boolean(await locateFile(fileId, "thumb", "signed", tx));
}
