import { eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { storedFiles } from "../../../db/schema";
import { type FileKind, type FileVisibility, type ImageVariant, uuidPattern } from "./kinds";

/** What other modules may know about a stored file (never its storage keys). */
export interface StoredFileInfo {
	id: string;
	ownerId: string;
	kind: FileKind;
	visibility: FileVisibility;
	/** What is stored: `image/webp` for every image, `application/pdf`, `video/mp4`. */
	mimeType: string;
	isImage: boolean;
	variants: ImageVariant[];
	sizeBytes: number;
	width: number | null;
	height: number | null;
	createdAt: Date;
}

/** A stored file's facts, or null for an unknown (or malformed) id. No access check: callers decide. */
export async function getStoredFile(fileId: string, tx: DbOrTx = db()): Promise<StoredFileInfo | null> {
	if (!uuidPattern.test(fileId)) return null;
	const [file] = await tx.select().from(storedFiles).where(eq(storedFiles.id, fileId)).limit(1);
	if (!file) return null;
	return {
		id: file.id,
		ownerId: file.ownerId,
		kind: file.kind,
		visibility: file.visibility,
		mimeType: file.mimeType,
		isImage: file.mimeType.startsWith("image/"),
		variants: Object.keys(file.variants) as ImageVariant[],
		sizeBytes: file.sizeBytes,
		width: file.width,
		height: file.height,
		createdAt: file.createdAt,
	};
}
