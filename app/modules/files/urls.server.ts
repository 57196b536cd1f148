import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { storedFiles } from "../../../db/schema";
import { type FileVisibility, type ImageVariant, imageVariants, uuidPattern } from "./kinds";

/**
 * URLs of stored files. Public files have plain, cacheable URLs (an id never changes content);
 * private ones (every upload until a reviewer approves it) are reachable only through short-lived
 * URLs signed with HMAC-SHA256 under a key derived from SESSION_SECRET.
 */

export const defaultSignedUrlTtlSeconds = 300;
/** No signed URL lives longer than a day, whatever a caller asks for. */
export const maxSignedUrlTtlSeconds = 24 * 3600;

/** `/files/<id>/<variant>.webp` for an image variant; `/files/<id>` for the stored file itself (a video). */
export function publicFileUrl(fileId: string, variant?: ImageVariant): string {
	const base = settings().S3_PUBLIC_URL;
	if (variant && base) return `${base.replace(/\/+$/, "")}/public/${fileId}/${variant}.webp`;
	return variant ? `/files/${fileId}/${variant}.webp` : `/files/${fileId}`;
}

function signingKey(): Buffer {
	const secret = settings().SESSION_SECRET;
	if (!secret) throw new Error("SESSION_SECRET must be set to sign file URLs (npm start sets it in development)");
	// A key of its own, so a file signature can never stand in for anything else signed with the secret.
	return createHmac("sha256", secret).update("cuepal:files:signed-url:v1").digest();
}

function signature(fileId: string, variant: ImageVariant | undefined, expiresAt: number): string {
	return createHmac("sha256", signingKey())
		.update(`${fileId.toLowerCase()}\n${variant ?? "original"}\n${expiresAt}`)
		.digest("base64url");
}

/**
 * `/files/private/<id>?exp=…&sig=…` (or `/files/private/<id>/<variant>.webp?…`), valid for
 * `ttlSeconds` (default five minutes, at most a day). Hand it only to someone `canReadPrivateFile`.
 */
export function signedFileUrl(fileId: string, ttlSeconds = defaultSignedUrlTtlSeconds, variant?: ImageVariant): string {
	return signFileUrl(fileId, ttlSeconds, variant).url;
}

export function signFileUrl(
	fileId: string,
	ttlSeconds = defaultSignedUrlTtlSeconds,
	variant?: ImageVariant,
	now = Date.now(),
): { url: string; expiresAt: Date } {
	const ttl = Math.max(1, Math.min(Math.floor(ttlSeconds), maxSignedUrlTtlSeconds));
	const exp = Math.floor(now / 1000) + ttl;
	const path = variant ? `/files/private/${fileId}/${variant}.webp` : `/files/private/${fileId}`;
	return { url: `${path}?exp=${exp}&sig=${signature(fileId, variant, exp)}`, expiresAt: new Date(exp * 1000) };
}

/** Whether a signed URL's `exp` and `sig` are genuine and not yet expired (constant-time compare). */
export function verifyFileSignature(
	fileId: string,
	variant: ImageVariant | undefined,
	exp: unknown,
	sig: unknown,
	now = Date.now(),
): boolean {
	if (typeof exp !== "string" || typeof sig !== "string" || !/^\d{1,12}$/.test(exp) || !/^[\w-]{43}$/.test(sig)) return false;
	if (!uuidPattern.test(fileId) || (variant !== undefined && !imageVariants.includes(variant))) return false;
	const expiresAt = Number(exp);
	if (expiresAt * 1000 <= now) return false;
	const expected = Buffer.from(signature(fileId, variant, expiresAt));
	const given = Buffer.from(sig);
	return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface FileReader {
	user: { id: string };
}

/**
 * Only the owner of a file asks for its signed URL by id. Staff never do: they read a private
 * file only through the review it belongs to, which signs the URLs of that coach's files and
 * writes the reading to the audit log (coaches/review/get-review-detail.server.ts).
 */
export async function canReadPrivateFile(session: FileReader, fileId: string, tx: DbOrTx = db()): Promise<boolean> {
	if (!uuidPattern.test(fileId)) return false;
	const [file] = await tx.select({ ownerId: storedFiles.ownerId }).from(storedFiles).where(eq(storedFiles.id, fileId)).limit(1);
	return file?.ownerId === session.user.id;
}

/** The URL to hand to the uploader right after an upload: plain for public files, signed for private ones. */
export function urlForSavedFile(file: { id: string; visibility: FileVisibility; mimeType: string }): string {
	const isImage = file.mimeType.startsWith("image/");
	if (file.visibility === "public") return publicFileUrl(file.id, isImage ? "card" : undefined);
	return signedFileUrl(file.id, defaultSignedUrlTtlSeconds, isImage ? "card" : undefined);
}
