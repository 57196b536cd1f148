import type { DbOrTx } from "~/lib/db.server";
import type { FileKind } from "~/modules/files/kinds";
import { saveUpload } from "~/modules/files/save-upload.server";
import { assertOwnFile } from "./owned-file.server";

/** A file for the application: bytes to store now, or a file the caller uploaded before (`POST /api/v1/files`). */
export type UploadSource = { bytes: Uint8Array; declaredType?: string } | { fileId: string };

/** Stores or checks the file and returns its id; refusals (size, type, someone else's file) throw. */
export async function fileIdFrom(source: UploadSource, ownerId: string, kind: FileKind, tx: DbOrTx): Promise<string> {
	if ("fileId" in source) {
		await assertOwnFile(ownerId, source.fileId, kind, tx);
		return source.fileId;
	}
	const saved = await saveUpload({ ownerId, kind, bytes: source.bytes, declaredType: source.declaredType }, tx);
	return saved.id;
}
