import { randomBytes } from "node:crypto";
import type { Dirent } from "node:fs";
import { createReadStream } from "node:fs";
import { type FileHandle, mkdir, open, readdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { settings } from "~/lib/config.server";
import { currentKeyId } from "~/lib/crypto.server";
import { replaceSingleton, singleton } from "~/lib/singleton.server";
import { openSealedRange, readSealedHeader, type SealedHeader, sealObject } from "./sealed-object.server";

/** A byte range, both ends inclusive (as in HTTP `Range: bytes=start-end`). */
export interface ByteRange {
	start: number;
	end?: number;
}

export interface StoredObject {
	body: Readable;
	/** Bytes in `body` (the range's length when a range was asked for). */
	contentLength: number;
	/** Bytes in the whole object. */
	totalSize: number;
	contentType: string | null;
}

export interface PutOptions {
	cacheControl?: string;
}

/**
 * The storage port: where uploaded bytes live. Keys are `a/b/c.ext` paths of letters, digits,
 * `.`, `_` and `-` (no segment starting with a dot), so no key can name anything outside the store.
 */
export interface FileStorage {
	readonly kind: "local" | "s3";
	put(key: string, bytes: Uint8Array, contentType: string, options?: PutOptions): Promise<void>;
	/** The object, or null when there is none under this key. */
	get(key: string, range?: ByteRange): Promise<StoredObject | null>;
	/** Removes the object; removing a missing one is not an error. */
	delete(key: string): Promise<void>;
}

const keyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

export class InvalidStorageKeyError extends Error {
	constructor(key: string) {
		super(`invalid storage key: ${JSON.stringify(key.slice(0, 200))}`);
		this.name = "InvalidStorageKeyError";
	}
}

/** Throws for any key that is not a plain relative path (`..`, absolute paths, backslashes, NUL…). */
export function assertSafeKey(key: string): string {
	if (typeof key !== "string" || !keyPattern.test(key)) throw new InvalidStorageKeyError(String(key));
	return key;
}

/** Reads a whole object into memory (small objects: image variants, tests). */
export async function readAll(object: StoredObject): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	return Buffer.concat(chunks);
}

// -------------------------------------------------------------------------------------------------
// Local folder (default)
// -------------------------------------------------------------------------------------------------

/**
 * Files under one folder (`${DATA_DIR ?? ".data"}/uploads` by default); writes are atomic renames.
 * Every object is encrypted at rest (sealed-object.server.ts), as a bucket does with SSE: a copy
 * of the folder or a backup of the disk shows no ID scan or certificate. Objects written before
 * encryption are still read as they are, and `resealLocalUploads` rewrites them.
 */
export function localFolderStorage(root: string): FileStorage & { reseal(): Promise<number> } {
	const base = resolve(root);
	const pathOf = (key: string) => {
		const path = resolve(base, assertSafeKey(key));
		// Belt and braces: the key pattern already rules this out.
		if (!path.startsWith(base + sep)) throw new InvalidStorageKeyError(key);
		return path;
	};
	return {
		kind: "local",
		async put(key, bytes) {
			await writeAtomically(pathOf(key), sealObject(assertSafeKey(key), bytes));
		},
		async get(key, range) {
			const path = pathOf(key);
			let file: FileHandle;
			try {
				file = await open(path, "r");
				if (!(await file.stat()).isFile()) {
					await file.close();
					return null;
				}
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
				throw error;
			}
			let header: SealedHeader | null;
			let size: number;
			try {
				header = await readSealedHeader(file);
				size = header ? header.size : (await file.stat()).size;
			} catch (error) {
				await file.close();
				throw error;
			}
			const start = range ? Math.min(range.start, size) : 0;
			const end = range ? Math.min(range.end ?? size - 1, size - 1) : size - 1;
			const contentLength = Math.max(0, end - start + 1);
			if (contentLength === 0) {
				await file.close();
				return { body: Readable.from([]), contentLength, totalSize: size, contentType: null };
			}
			if (!header) {
				await file.close();
				return { body: createReadStream(path, { start, end }), contentLength, totalSize: size, contentType: null };
			}
			const sealed = header;
			const chunks = async function* () {
				try {
					yield* openSealedRange(file, key, sealed, start, end);
				} finally {
					await file.close();
				}
			};
			return { body: Readable.from(chunks()), contentLength, totalSize: size, contentType: null };
		},
		async reseal() {
			let rewritten = 0;
			for (const path of await listFiles(base)) {
				const key = path
					.slice(base.length + 1)
					.split(sep)
					.join("/");
				// Temporary files are writes in progress (renamed into place when done).
				if (!keyPattern.test(key) || key.endsWith(".tmp")) continue;
				const file = await open(path, "r");
				let header: SealedHeader | null;
				try {
					header = await readSealedHeader(file);
				} finally {
					await file.close();
				}
				if (header?.keyId === currentKeyId()) continue;
				const object = await this.get(key);
				if (!object) continue;
				await writeAtomically(path, sealObject(key, await readAll(object)));
				rewritten += 1;
			}
			return rewritten;
		},
		async delete(key) {
			try {
				await unlink(pathOf(key));
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
			}
		},
	};
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
	try {
		await writeFile(temporary, bytes, { flag: "wx", mode: 0o640 });
		await rename(temporary, path);
	} catch (error) {
		await rm(temporary, { force: true });
		throw error;
	}
}

async function listFiles(dir: string): Promise<string[]> {
	let entries: Dirent[];
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
		throw error;
	}
	const nested = await Promise.all(
		entries.map((entry) => {
			const path = join(dir, entry.name);
			return entry.isDirectory() ? listFiles(path) : Promise.resolve(entry.isFile() ? [path] : []);
		}),
	);
	return nested.flat();
}

/**
 * Rewrites every object of the local folder that is stored in the clear (written before
 * encryption) or under an older key, so an old key can be retired. Part of key rotation; does
 * nothing when files live in a bucket (the bucket encrypts them).
 */
export async function resealLocalUploads(keyId = currentKeyId()): Promise<number> {
	// As for columns: a job queued before a deploy that changed keys does nothing.
	if (keyId !== currentKeyId()) return 0;
	const storage = fileStorage();
	return "reseal" in storage ? (storage as FileStorage & { reseal(): Promise<number> }).reseal() : 0;
}

// -------------------------------------------------------------------------------------------------
// S3-compatible bucket (AWS S3, Aliyun OSS, MinIO…)
// -------------------------------------------------------------------------------------------------

export interface S3StorageOptions {
	bucket: string;
	endpoint?: string;
	region?: string;
	accessKeyId?: string;
	secretAccessKey?: string;
	/**
	 * `bucket` in the path instead of the host name: MinIO and most fakes need it; AWS S3, Aliyun
	 * OSS and Tencent COS want virtual-hosted names (the default).
	 */
	forcePathStyle?: boolean;
	/** Asked of the bucket for every object (S3_SERVER_SIDE_ENCRYPTION); AES256 unless told otherwise. */
	serverSideEncryption?: "AES256" | "aws:kms" | "none";
}

export function s3Storage(options: S3StorageOptions): FileStorage {
	const client = new S3Client({
		region: options.region ?? "us-east-1",
		endpoint: options.endpoint,
		forcePathStyle: options.forcePathStyle ?? false,
		credentials:
			options.accessKeyId && options.secretAccessKey
				? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
				: undefined,
		// Newer SDKs add CRC checksums to every request by default; several S3-compatible stores
		// (Aliyun OSS, older MinIO) reject or ignore them. Only send them where S3 requires one.
		requestChecksumCalculation: "WHEN_REQUIRED",
		responseChecksumValidation: "WHEN_REQUIRED",
		maxAttempts: 3,
	});
	const Bucket = options.bucket;
	const serverSideEncryption = options.serverSideEncryption ?? "AES256";
	const isMissing = (error: unknown) => {
		const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
		return failure.name === "NoSuchKey" || failure.name === "NotFound" || failure.$metadata?.httpStatusCode === 404;
	};
	return {
		kind: "s3",
		async put(key, bytes, contentType, putOptions) {
			await client.send(
				new PutObjectCommand({
					Bucket,
					Key: assertSafeKey(key),
					Body: bytes,
					ContentType: contentType,
					ContentLength: bytes.byteLength,
					CacheControl: putOptions?.cacheControl,
					// Encrypted at rest by the bucket (SSE-S3; Aliyun OSS and Tencent COS take the same header).
					ServerSideEncryption: serverSideEncryption === "none" ? undefined : serverSideEncryption,
				}),
			);
		},
		async get(key, range) {
			try {
				const result = await client.send(
					new GetObjectCommand({
						Bucket,
						Key: assertSafeKey(key),
						Range: range ? `bytes=${range.start}-${range.end ?? ""}` : undefined,
					}),
				);
				if (!result.Body) return null;
				const contentLength = result.ContentLength ?? 0;
				const totalFromRange = Number(result.ContentRange?.split("/")[1]);
				return {
					body: result.Body as Readable,
					contentLength,
					totalSize: Number.isFinite(totalFromRange) ? totalFromRange : contentLength,
					contentType: result.ContentType ?? null,
				};
			} catch (error) {
				if (isMissing(error)) return null;
				const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
				// A range past the end of the object: nothing to send.
				if (status === 416) return { body: Readable.from([]), contentLength: 0, totalSize: 0, contentType: null };
				throw error;
			}
		},
		async delete(key) {
			try {
				await client.send(new DeleteObjectCommand({ Bucket, Key: assertSafeKey(key) }));
			} catch (error) {
				if (!isMissing(error)) throw error;
			}
		},
	};
}

// -------------------------------------------------------------------------------------------------
// The storage of this process
// -------------------------------------------------------------------------------------------------

/** The S3 bucket when `S3_BUCKET` is set, otherwise the local folder. */
export function storageFromSettings(): FileStorage {
	const config = settings();
	if (config.S3_BUCKET) {
		return s3Storage({
			bucket: config.S3_BUCKET,
			endpoint: config.S3_ENDPOINT,
			region: config.S3_REGION,
			accessKeyId: config.S3_ACCESS_KEY_ID,
			secretAccessKey: config.S3_SECRET_ACCESS_KEY,
			forcePathStyle: config.S3_FORCE_PATH_STYLE === "1",
			serverSideEncryption: config.S3_SERVER_SIDE_ENCRYPTION,
		});
	}
	return localFolderStorage(resolve(settings().DATA_DIR, "uploads"));
}

export const fileStorage = (): FileStorage => singleton("fileStorage", storageFromSettings);

/** Replaces the storage of this process (tests, or a deployment wiring its own adapter). */
export function setFileStorage(storage: FileStorage): void {
	replaceSingleton("fileStorage", storage);
}
