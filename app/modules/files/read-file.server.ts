import { eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { storedFiles } from "../../../db/schema";
import { type ImageVariant, imageVariants, uuidPattern } from "./kinds";
import { type ByteRange, fileStorage, type StoredObject } from "./storage.server";

/** Where a file's bytes are and how to send them; found before any byte is read (so 304s are cheap). */
export interface FileLocation {
	fileId: string;
	key: string;
	contentType: string;
	/** Strong validator: a stored object never changes under its id. */
	etag: string;
	disposition: "inline" | "attachment";
	filename: string;
	visibility: "public" | "private";
}

const extensions: Record<string, string> = {
	"image/webp": "webp",
	"application/pdf": "pdf",
	"video/mp4": "mp4",
	"video/quicktime": "mov",
	"video/webm": "webm",
};

/**
 * A file to serve. `access: "public"` finds only public files (private ones look unknown);
 * `"signed"` finds any file, for a request whose signature was already verified. A variant that a
 * file does not have is unknown too.
 */
export async function locateFile(
	fileId: string,
	variant: ImageVariant | undefined,
	access: "public" | "signed",
	tx: DbOrTx = db(),
): Promise<FileLocation | null> {
	if (!uuidPattern.test(fileId) || (variant !== undefined && !imageVariants.includes(variant))) return null;
	const [file] = await tx.select().from(storedFiles).where(eq(storedFiles.id, fileId)).limit(1);
	if (!file || (access === "public" && file.visibility !== "public")) return null;
	const key = variant ? file.variants[variant] : file.storageKey;
	if (!key) return null;
	const contentType = variant ? "image/webp" : file.mimeType;
	return {
		fileId: file.id,
		key,
		contentType,
		etag: `"${file.id}.${variant ?? "original"}"`,
		// Only images and videos are shown in the browser; anything else (PDFs) is downloaded.
		disposition: contentType.startsWith("image/") || contentType.startsWith("video/") ? "inline" : "attachment",
		filename: `${file.kind}-${file.id.slice(0, 8)}${variant ? `-${variant}` : ""}.${extensions[contentType] ?? "bin"}`,
		visibility: file.visibility,
	};
}

/** The bytes of a located file (or a range of them), or null if storage lost them. */
export function openFile(location: FileLocation, range?: ByteRange): Promise<StoredObject | null> {
	return fileStorage().get(location.key, range);
}
