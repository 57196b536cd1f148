import { describe, expect, it } from "vitest";
import { readSettings } from "~/lib/config.server";
import { parseKeyring } from "~/lib/crypto.server";
import { resolveLocale } from "~/lib/i18n";
import { formatFen, yuanToFen } from "~/lib/money";
import { replaceSingleton } from "~/lib/singleton.server";
import { resources } from "~/locales";

function keysOf(value: unknown, prefix = ""): string[] {
	if (typeof value !== "object" || value === null) return [prefix];
	return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("i18n", () => {
	it("has every Chinese text in English too, and no English-only keys", () => {
		const zh = keysOf(resources["zh-CN"].translation).sort();
		const en = keysOf(resources.en.translation).sort();
		expect(en).toEqual(zh);
	});

	it("picks the language from the cookie, then the browser, then Chinese", () => {
		expect(resolveLocale("lang=en", "zh-CN")).toBe("en");
		expect(resolveLocale(null, "en-US,en;q=0.9")).toBe("en");
		expect(resolveLocale(null, "zh-TW,zh;q=0.9")).toBe("zh-CN");
		expect(resolveLocale("lang=fr", "fr-FR")).toBe("zh-CN");
	});
});

describe("money", () => {
	it("converts yuan typed by people into fen exactly", () => {
		expect(yuanToFen("199")).toBe(19_900);
		expect(yuanToFen("199.5")).toBe(19_950);
		expect(yuanToFen("0.07")).toBe(7);
		expect(yuanToFen("-5")).toBeNull();
		expect(yuanToFen("1e3")).toBeNull();
		expect(yuanToFen("12.345")).toBeNull();
	});

	it("shows fen as yuan, with decimals only when there are any", () => {
		expect(formatFen(19_900, "zh-CN")).toBe("¥199");
		expect(formatFen(19_950, "en")).toBe("¥199.50");
	});
});

describe("settings", () => {
	it("refuses to start production without the settings it needs, naming them", () => {
		expect(() => readSettings({ APP_ENV: "production" })).toThrow(/DATABASE_URL.*SESSION_SECRET.*APP_ENCRYPTION_KEYS/s);
		expect(() => readSettings({ APP_ENV: "production", PORT: "nope" })).toThrow(/PORT/);
		expect(readSettings({}).APP_ENV).toBe("development");
	});
});

describe("personal data encryption", () => {
	it("encrypts with the current key, reads older keys, and indexes independently of the key", async () => {
		const index = Buffer.alloc(32, 1).toString("base64");
		const k1 = `k1:${Buffer.alloc(32, 2).toString("base64")}`;
		const k2 = `k2:${Buffer.alloc(32, 3).toString("base64")}`;
		const { encrypt, decrypt, blindIndex } = await import("~/lib/crypto.server");
		const binding = { table: "users", column: "phone_enc", rowId: "u1" };
		replaceSingleton("keyring", parseKeyring(k1, index));
		const sealed = encrypt("+8613800000001", binding);
		const indexed = blindIndex("phone", "+8613800000001");
		expect(sealed).not.toContain("13800000001");
		expect(sealed.startsWith("v2.k1.")).toBe(true);
		replaceSingleton("keyring", parseKeyring(`${k2},${k1}`, index));
		expect(decrypt(sealed, binding)).toBe("+8613800000001");
		expect(encrypt("x", binding).startsWith("v2.k2.")).toBe(true);
		expect(blindIndex("phone", "+8613800000001")).toBe(indexed);
		// Every sealed part after the version and key id (nonce, tag, ciphertext) is authenticated.
		const parts = sealed.split(".");
		for (let index = 2; index < parts.length; index += 1) {
			const tampered = [...parts.slice(0, index), flipOneBit(parts[index] as string), ...parts.slice(index + 1)].join(".");
			expect(() => decrypt(tampered, binding), `part ${index} changed`).toThrow();
		}
	});

	it("tampers the decoded bytes, not the text: a changed character can decode to the same bytes", () => {
		// The old tamper wrote "AA" over the last two characters: about one sealed value in a
		// thousand already ended in them (and a base64 character's padding bits decode to nothing),
		// so the "tampered" value was the original and decrypted fine.
		for (const part of ["AA", "AB", "Zm9vYmFy", "_-8"]) {
			const changed = flipOneBit(part);
			expect(Buffer.compare(Buffer.from(changed, "base64url"), Buffer.from(part, "base64url"))).not.toBe(0);
		}
	});
});

/**
 * One sealed part with a single bit of its decoded bytes flipped. Changing the base64url text
 * instead is not a reliable tamper: the new text can decode to the very same bytes.
 */
function flipOneBit(part: string): string {
	const bytes = Buffer.from(part, "base64url");
	if (bytes.length === 0) throw new Error("nothing to tamper in an empty part");
	bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0x01;
	return bytes.toString("base64url");
}
