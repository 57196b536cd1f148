import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { currentKeyId, encryptionKey } from "~/lib/crypto.server";

/**
 * Stored objects encrypted at rest in the local folder (docs/decisions/009-encryption-at-rest.md):
 * AES-256-GCM in chunks of 64 KiB, so a byte range of a video is read by decrypting only the
 * chunks it covers. Layout: `CPF1`, key-id length (1 byte), key id, nonce prefix (8 bytes),
 * plaintext size (8 bytes), then per chunk its ciphertext and 16-byte tag. Chunk i's nonce is the
 * prefix and i; its associated data names the object's key, the chunk's index and the total
 * size, so chunks cannot be reordered, truncated or moved to another object. The file key is
 * derived (HKDF) from the APP_ENCRYPTION_KEYS key named in the header: keys rotate as for columns.
 */
const magic = Buffer.from("CPF1", "latin1");
export const chunkBytes = 64 * 1024;
const tagBytes = 16;

function fileKey(keyId: string): Buffer {
	const key = encryptionKey(keyId);
	if (!key) throw new Error(`stored object sealed under an unknown key id ${keyId}`);
	return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "cuepal:files:v1", 32));
}

const nonceOf = (prefix: Buffer, index: number) => {
	const nonce = Buffer.alloc(12);
	prefix.copy(nonce, 0);
	nonce.writeUInt32BE(index, 8);
	return nonce;
};

const aadOf = (objectKey: string, index: number, size: number) =>
	Buffer.from(`cuepal:file:v1:${objectKey}:${index}:${size}`, "utf8");

/** The bytes of `plaintext` sealed for the object `objectKey` under the current key. */
export function sealObject(objectKey: string, plaintext: Uint8Array): Buffer {
	const keyId = currentKeyId();
	const key = fileKey(keyId);
	const prefix = randomBytes(8);
	const size = Buffer.alloc(8);
	size.writeBigUInt64BE(BigInt(plaintext.byteLength));
	const parts: Buffer[] = [magic, Buffer.from([keyId.length]), Buffer.from(keyId, "latin1"), prefix, size];
	const chunks = Math.max(1, Math.ceil(plaintext.byteLength / chunkBytes));
	for (let index = 0; index < chunks; index += 1) {
		const cipher = createCipheriv("aes-256-gcm", key, nonceOf(prefix, index), { authTagLength: tagBytes });
		cipher.setAAD(aadOf(objectKey, index, plaintext.byteLength));
		const slice = plaintext.subarray(index * chunkBytes, (index + 1) * chunkBytes);
		parts.push(cipher.update(slice), cipher.final(), cipher.getAuthTag());
	}
	return Buffer.concat(parts);
}

export interface SealedHeader {
	keyId: string;
	prefix: Buffer;
	size: number;
	headerBytes: number;
}

/** The header of a sealed object, or null for an object stored in the clear (before encryption). */
export async function readSealedHeader(file: FileHandle): Promise<SealedHeader | null> {
	const head = Buffer.alloc(4 + 1 + 255 + 16);
	const { bytesRead } = await file.read(head, 0, head.length, 0);
	if (bytesRead < 5 || !head.subarray(0, 4).equals(magic)) return null;
	const idLength = head[4] as number;
	const headerBytes = 5 + idLength + 16;
	if (bytesRead < headerBytes) throw new Error("stored object header truncated");
	return {
		keyId: head.subarray(5, 5 + idLength).toString("latin1"),
		prefix: Buffer.from(head.subarray(5 + idLength, 13 + idLength)),
		size: Number(head.readBigUInt64BE(13 + idLength)),
		headerBytes,
	};
}

/** Decrypts the plaintext bytes `start`..`end` (inclusive) of a sealed object, chunk by chunk. */
export async function* openSealedRange(
	file: FileHandle,
	objectKey: string,
	header: SealedHeader,
	start: number,
	end: number,
): AsyncGenerator<Buffer> {
	const key = fileKey(header.keyId);
	const sealedChunk = Buffer.alloc(chunkBytes + tagBytes);
	for (let index = Math.floor(start / chunkBytes); index * chunkBytes <= end; index += 1) {
		const plainLength = Math.min(chunkBytes, header.size - index * chunkBytes);
		const { bytesRead } = await file.read(
			sealedChunk,
			0,
			plainLength + tagBytes,
			header.headerBytes + index * (chunkBytes + tagBytes),
		);
		if (bytesRead !== plainLength + tagBytes) throw new Error("stored object truncated");
		const decipher = createDecipheriv("aes-256-gcm", key, nonceOf(header.prefix, index), { authTagLength: tagBytes });
		decipher.setAAD(aadOf(objectKey, index, header.size));
		decipher.setAuthTag(sealedChunk.subarray(plainLength, plainLength + tagBytes));
		const plain = Buffer.concat([decipher.update(sealedChunk.subarray(0, plainLength)), decipher.final()]);
		const from = Math.max(0, start - index * chunkBytes);
		const to = Math.min(plain.length, end - index * chunkBytes + 1);
		yield plain.subarray(from, to);
	}
}
