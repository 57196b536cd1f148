import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { canReadPrivateFile, defaultSignedUrlTtlSeconds, type FileReader, signFileUrl } from "./urls.server";

/**
 * A short-lived URL of a file for its owner. Everyone else, staff included (they read files
 * through the review they belong to), gets the same 404 as for an id that does not exist.
 */
export async function getSignedUrl(
	reader: FileReader,
	fileId: string,
	ttlSeconds = defaultSignedUrlTtlSeconds,
	tx: DbOrTx = db(),
): Promise<{ url: string; expiresAt: Date }> {
	if (!(await canReadPrivateFile(reader, fileId, tx))) throw new AppError(404, "not_found", "files.errors.notFound");
	return signFileUrl(fileId, ttlSeconds);
}
