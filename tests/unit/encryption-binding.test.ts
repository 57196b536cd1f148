import { createCipheriv, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decrypt, encrypt, parseKeyring } from "~/lib/crypto.server";
import { replaceSingleton } from "~/lib/singleton.server";

const key = Buffer.alloc(32, 5);
const phone = { table: "users", column: "phone_enc", rowId: "5f0c6f7e-0000-4000-8000-000000000001" };

/** A value as the first format wrote it (no associated data), to prove existing rows stay readable. */
function sealedTheOldWay(plaintext: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv("aes-256-gcm", key, iv);
	const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
	return ["v1", "k1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

beforeAll(() => {
	replaceSingleton("keyring", parseKeyring(`k1:${key.toString("base64")}`, Buffer.alloc(32, 6).toString("base64")));
});

describe("ciphertext bound to its table, column and row", () => {
	it("reads a value back only where it was written", () => {
		const sealed = encrypt("+8613800000009", phone);
		expect(sealed).toMatch(/^v2\.k1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
		expect(decrypt(sealed, phone)).toBe("+8613800000009");
		// Copied into another user's row, or into the email column of the same row: refused.
		expect(() => decrypt(sealed, { ...phone, rowId: "5f0c6f7e-0000-4000-8000-000000000002" })).toThrow();
		expect(() => decrypt(sealed, { ...phone, column: "email_enc" })).toThrow();
		expect(() => decrypt(sealed, { ...phone, table: "coaches" })).toThrow();
	});

	it("refuses a truncated authentication tag", () => {
		const [version, keyId, iv, tag = "", body] = encrypt("+8613800000009", phone).split(".");
		const short = Buffer.from(tag, "base64url").subarray(0, 12).toString("base64url");
		expect(() => decrypt([version, keyId, iv, short, body].join("."), phone)).toThrow();
	});

	it("still reads values of the first format, written before associated data", () => {
		expect(decrypt(sealedTheOldWay("张三"), phone)).toBe("张三");
	});
});
