import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createHmac,
	createSecretKey,
	type KeyObject,
	randomBytes,
	timingSafeEqual,
} from "node:crypto";
import { settings } from "./config.server";
import { singleton } from "./singleton.server";

/**
 * Personal data at rest: AES-256-GCM under a key id, so keys can rotate (new data under the first
 * key, old data still readable and re-encrypted by the `platform.reencrypt` job), bound to its
 * table, column and row (docs/decisions/009-encryption-at-rest.md), plus an HMAC
 * blind index for the fields looked up by value (phone, email). The blind-index key never rotates
 * with the encryption keys: lookups must keep working across a rotation.
 *
 * APP_ENCRYPTION_KEYS = "k2:<base64 32 bytes>,k1:<base64 32 bytes>" (first = current).
 * APP_BLIND_INDEX_KEY = "<base64 32 bytes>".
 */
interface Keyring {
	currentId: string;
	keys: Map<string, Buffer>;
	/** The same keys as KeyObjects, made once: a Buffer key is turned into one on every cipher. */
	cipherKeys: Map<string, KeyObject>;
	indexKey: Buffer;
}

export function parseKeyring(encryptionKeys: string, indexKey: string): Keyring {
	const keys = new Map<string, Buffer>();
	for (const entry of encryptionKeys
		.split(",")
		.map((part) => part.trim())
		.filter(Boolean)) {
		const [id, material] = entry.split(":");
		const key = Buffer.from(material ?? "", "base64");
		if (!id || !/^[A-Za-z0-9_-]+$/.test(id) || key.length !== 32) {
			throw new Error("APP_ENCRYPTION_KEYS must be 'id:base64-of-32-bytes' entries separated by commas");
		}
		keys.set(id, key);
	}
	const currentId = keys.keys().next().value;
	const index = Buffer.from(indexKey, "base64");
	if (!currentId || index.length !== 32) throw new Error("APP_BLIND_INDEX_KEY must be base64 of 32 bytes");
	const cipherKeys = new Map([...keys].map(([id, key]) => [id, createSecretKey(key)] as const));
	return { currentId, keys, cipherKeys, indexKey: index };
}

const keyring = (): Keyring =>
	singleton("keyring", () => {
		const { APP_ENCRYPTION_KEYS: encryptionKeys, APP_BLIND_INDEX_KEY: indexKey } = settings();
		if (!encryptionKeys || !indexKey) {
			throw new Error("APP_ENCRYPTION_KEYS and APP_BLIND_INDEX_KEY must be set (npm start sets them in development)");
		}
		return parseKeyring(encryptionKeys, indexKey);
	});

export function currentKeyId(): string {
	return keyring().currentId;
}

/**
 * Where a ciphertext belongs: its table, column and row. It is the GCM associated data of every
 * `v2` value, so a ciphertext copied into another row or column (an attacker with write access to
 * one field, a bad migration) fails to decrypt instead of showing someone else's data.
 */
export interface CipherBinding {
	table: string;
	column: string;
	rowId: string;
}

/** A binding for a value that lives outside a table (a sealed cookie or token): its purpose. */
export const purposeBinding = (purpose: string): CipherBinding => ({ table: "purpose", column: purpose, rowId: "-" });

const currentVersion = "v2";
const tagBytes = 16;
const associatedData = (binding: CipherBinding) =>
	Buffer.from(`cuepal:${currentVersion}:${binding.table}.${binding.column}:${binding.rowId}`, "utf8");

/** `v2.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts): AES-256-GCM, 12-byte IV, 16-byte tag, bound to `binding`. */
export function encrypt(plaintext: string, binding: CipherBinding): string {
	const { currentId, cipherKeys } = keyring();
	const iv = randomBytes(12);
	const cipher = createCipheriv("aes-256-gcm", cipherKeys.get(currentId) as KeyObject, iv, { authTagLength: tagBytes });
	cipher.setAAD(associatedData(binding));
	const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
	return [
		currentVersion,
		currentId,
		iv.toString("base64url"),
		cipher.getAuthTag().toString("base64url"),
		body.toString("base64url"),
	].join(".");
}

/**
 * Reads a `v2` value (which must be read with the binding it was written with) or a `v1` value
 * of before associated data (no binding; rewritten to `v2` by the re-encryption job).
 */
export function decrypt(sealed: string, binding: CipherBinding): string {
	const [version, keyId, iv, tag, body] = sealed.split(".");
	const key = keyring().cipherKeys.get(keyId ?? "");
	if ((version !== "v1" && version !== currentVersion) || !key || !iv || !tag || body === undefined) {
		throw new Error("unreadable encrypted value");
	}
	const tagBuffer = Buffer.from(tag, "base64url");
	// GCM accepts shorter tags unless told otherwise; a truncated tag is a forgery made easier.
	if (tagBuffer.length !== tagBytes) throw new Error("unreadable encrypted value");
	const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: tagBytes });
	if (version === currentVersion) decipher.setAAD(associatedData(binding));
	decipher.setAuthTag(tagBuffer);
	return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export const decryptOrNull = (sealed: string | null | undefined, binding: CipherBinding): string | null =>
	sealed ? decrypt(sealed, binding) : null;

/** The key id a sealed value was written under (for rotation). */
export function keyIdOf(sealed: string): string | undefined {
	return sealed.split(".")[1];
}

/** Whether a sealed value is already in the current format under the current key (nothing to rewrite). */
export function isCurrentlySealed(sealed: string): boolean {
	return sealed.startsWith(`${currentVersion}.${currentKeyId()}.`);
}

/** The prefix every value sealed now starts with, for `not like 'prefix%'` scans. */
export function currentSealPrefix(): string {
	return `${currentVersion}.${currentKeyId()}.`;
}

/** The encryption key of an id (local file encryption derives its own keys from it). */
export function encryptionKey(keyId: string): Buffer | undefined {
	return keyring().keys.get(keyId);
}

/** Deterministic lookup token for a personal value; `kind` keeps phone and email indexes apart. */
export function blindIndex(kind: string, value: string): string {
	return createHmac("sha256", keyring().indexKey).update(`${kind}:${value}`).digest("base64url");
}

export function sha256Hex(value: string): string {
	return createHash("sha256").update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

export function randomToken(bytes = 32): string {
	return randomBytes(bytes).toString("base64url");
}
