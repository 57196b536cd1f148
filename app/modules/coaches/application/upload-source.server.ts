import type { DbOrTx } from "~/lib/db.server";
import type { FileKind } from "~/modules/files/kinds";
import { markAttached } from "~/modules/files/mark-attached.server";
import { saveUpload } from "~/modules/files/save-upload.server";
import { assertOwnFile } from "./owned-file.server";

/** A file for the application: bytes to store now, or a file the caller uploaded before (`POST /api/v1/files`). */
export type UploadSource = { bytes: Uint8Array; declaredType?: string } | { fileId: string };

/**
 * Stores or checks the file and returns its id, marked attached (the unattached-upload sweep
 * leaves it alone); refusals (size, type, someone else's file) throw.
 */
export async function fileIdFrom(source: UploadSource, ownerId: string, kind: FileKind, tx: DbOrTx): Promise<string> {
	let fileId: string;
	if ("fileId" in source) {
		await assertOwnFile(ownerId, source.fileId, kind, tx);
		fileId = source.fileId;
	} else {
		fileId = (await saveUpload({ ownerId, kind, bytes: source.bytes, declaredType: source.declaredType }, tx)).id;
	}
	await markAttached(fileId, tx);
	return fileId;
}
