import { eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { storedFiles } from "../../../db/schema";
import type { FileVisibility } from "./kinds";
import { immutableCacheControl } from "./save-upload.server";
import { fileStorage, readAll } from "./storage.server";

/**
 * Makes a file public or private (moderation: hide a rejected photo; publish an approved one).
 * Objects live under a `public/` or `private/` prefix (a bucket may expose `public/` directly
 * through S3_PUBLIC_URL), so the objects move: copied under the new prefix, the row switched, the
 * old objects removed. A public URL handed out before keeps its cached copies in browsers and CDNs
 * for as long as they keep them; hide files before they are shown, not after. Storage is not
 * transactional: within a larger transaction, call this last.
 */
export async function setFileVisibility(fileId: string, visibility: FileVisibility, tx: DbOrTx = db()): Promise<void> {
	const [file] = await tx.select().from(storedFiles).where(eq(storedFiles.id, fileId)).limit(1).for("update");
	if (!file) throw notFound("files.errors.notFound");
	if (file.visibility === visibility) return;
	const storage = fileStorage();
	const moved = (key: string) => key.replace(/^(public|private)\//, `${visibility}/`);
	const keys = [...new Set([file.storageKey, ...Object.values(file.variants)])];
	const cacheControl = visibility === "public" ? immutableCacheControl : "private, no-store";
	for (const key of keys) {
		const object = await storage.get(key);
		if (!object) throw new Error(`stored object missing: ${key}`);
		await storage.put(moved(key), await readAll(object), object.contentType ?? file.mimeType, { cacheControl });
	}
	await tx
		.update(storedFiles)
		.set({
			visibility,
			storageKey: moved(file.storageKey),
			variants: Object.fromEntries(Object.entries(file.variants).map(([name, key]) => [name, moved(key)])),
		})
		.where(eq(storedFiles.id, fileId));
	await Promise.all(keys.map((key) => storage.delete(key).catch(() => {})));
}
