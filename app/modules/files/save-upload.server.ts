import { randomUUID } from "node:crypto";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { storedFiles } from "../../../db/schema";
import { type FileKind, type FileVisibility, isImageType, kindPolicies, maxMegabytes, type SniffedType } from "./kinds";
import { processImage } from "./process-image.server";
import { sniffType } from "./sniff.server";
import { fileStorage } from "./storage.server";

export interface UploadInput {
	ownerId: string;
	kind: FileKind;
	bytes: Uint8Array;
	/** The client's Content-Type: informative only, the type is read from the bytes. */
	declaredType?: string;
}

export interface SavedFile {
	id: string;
	kind: FileKind;
	visibility: FileVisibility;
	mimeType: string;
	width: number | null;
	height: number | null;
}

/** Public objects never change under their key: caches may keep them for good. */
export const immutableCacheControl = "public, max-age=31536000, immutable";

const extensionOf: Record<string, string> = {
	"application/pdf": "pdf",
	"video/mp4": "mp4",
	"video/quicktime": "mov",
	"video/webm": "webm",
};

interface PendingObject {
	key: string;
	bytes: Uint8Array;
	contentType: string;
}

/**
 * Stores an upload: checks its size, reads its real type from its bytes, re-encodes images into
 * WebP variants without any metadata, writes the objects, then the `stored_files` row. Nothing is
 * written for a refused upload.
 */
export async function saveUpload(input: UploadInput, tx: DbOrTx = db()): Promise<SavedFile> {
	const policy = kindPolicies[input.kind];
	if (!policy) throw new AppError(400, "bad_request", "files.errors.notAllowedType");
	if (input.bytes.byteLength === 0) throw new AppError(400, "bad_request", "files.errors.empty");
	if (input.bytes.byteLength > policy.maxBytes) {
		throw new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(policy.maxBytes) } });
	}

	const sniffed = sniffType(input.bytes);
	if (!sniffed || !policy.accepts.includes(sniffed)) {
		const imagesOnly = policy.accepts.every(isImageType);
		throw new AppError(415, "unsupported_media_type", imagesOnly ? "files.errors.notAnImage" : "files.errors.notAllowedType");
	}

	const id = randomUUID();
	// Private until a reviewer approves it (see kinds.ts).
	const visibility: FileVisibility = "private";
	const prefix = `${visibility}/${id}`;
	const objects: PendingObject[] = [];
	let storageKey: string;
	let mimeType: SniffedType | "image/webp";
	let width: number | null = null;
	let height: number | null = null;
	const variants: Record<string, string> = {};

	if (isImageType(sniffed)) {
		const image = await processImage(input.bytes, sniffed);
		for (const [name, variant] of Object.entries(image.variants)) {
			const key = `${prefix}/${name}.webp`;
			variants[name] = key;
			objects.push({ key, bytes: variant.bytes, contentType: "image/webp" });
		}
		storageKey = variants.full as string;
		mimeType = "image/webp";
		width = image.width;
		height = image.height;
	} else {
		// PDFs and videos are kept as they came; they are only ever served with their sniffed type.
		storageKey = `${prefix}/original.${extensionOf[sniffed] ?? "bin"}`;
		mimeType = sniffed;
		objects.push({ key: storageKey, bytes: input.bytes, contentType: sniffed });
	}

	const storage = fileStorage();
	const cacheControl = "private, no-store";
	const written: string[] = [];
	try {
		const puts = await Promise.allSettled(
			objects.map(async (object) => {
				await storage.put(object.key, object.bytes, object.contentType, { cacheControl });
				written.push(object.key);
			}),
		);
		const failed = puts.find((result) => result.status === "rejected");
		if (failed) throw failed.reason;
		const main = objects.find((object) => object.key === storageKey) as PendingObject;
		await tx.insert(storedFiles).values({
			id,
			ownerId: input.ownerId,
			kind: input.kind,
			visibility,
			storageKey,
			mimeType,
			sizeBytes: main.bytes.byteLength,
			variants,
			width,
			height,
		});
	} catch (error) {
		await Promise.all(written.map((key) => storage.delete(key).catch(() => {})));
		logger.warn({ err: error instanceof Error ? error.message : String(error), kind: input.kind }, "upload not stored");
		throw error;
	}
	return { id, kind: input.kind, visibility, mimeType, width, height };
}
