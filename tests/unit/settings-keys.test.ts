import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings } from "~/lib/config.server";
import { infoFile, writeClusterInfo } from "../../db/embedded";

const key = (fill: number, bytes = 32) => Buffer.alloc(bytes, fill).toString("base64");
const production = {
	APP_ENV: "production",
	DATABASE_URL: "postgres://app@db/cuepal",
	APP_URL: "https://cuepal.example",
	SESSION_SECRET: "s".repeat(43),
	SMS_PROVIDER: "aliyun",
	SMTP_URL: "smtp://mail.example",
	APP_ENCRYPTION_KEYS: `k1:${key(1)}`,
	APP_BLIND_INDEX_KEY: key(2),
};

describe("encryption keys at start", () => {
	it("starts production with well-formed keys, a rotation list included", () => {
		expect(readSettings(production).APP_ENV).toBe("production");
		expect(readSettings({ ...production, APP_ENCRYPTION_KEYS: `k2:${key(3)},k1:${key(1)}` }).APP_ENV).toBe("production");
	});

	it.each([
		["the template's placeholder", { APP_ENCRYPTION_KEYS: "k1:CHANGE_ME_BASE64_OF_32_BYTES" }, /APP_ENCRYPTION_KEYS: entry 1/],
		["a key of 16 bytes", { APP_ENCRYPTION_KEYS: `k1:${key(1, 16)}` }, /APP_ENCRYPTION_KEYS: entry 1/],
		["a key without an id", { APP_ENCRYPTION_KEYS: key(1) }, /APP_ENCRYPTION_KEYS: entry 1/],
		["a bad second entry", { APP_ENCRYPTION_KEYS: `k2:${key(3)},k1:not*base64` }, /APP_ENCRYPTION_KEYS: entry 2/],
		["the same id twice", { APP_ENCRYPTION_KEYS: `k1:${key(3)},k1:${key(1)}` }, /'k1' appears twice/],
		["a blind-index key that is not base64", { APP_BLIND_INDEX_KEY: "CHANGE_ME_BASE64_OF_32_BYTES" }, /APP_BLIND_INDEX_KEY/],
		["a blind-index key of 31 bytes", { APP_BLIND_INDEX_KEY: key(2, 31) }, /APP_BLIND_INDEX_KEY/],
	])("refuses to start with %s, naming the setting and not the key", (_name, change, message) => {
		const env = { ...production, ...change };
		expect(() => readSettings(env)).toThrow(message);
		try {
			readSettings(env);
		} catch (error) {
			const text = (error as Error).message;
			for (const value of Object.values(change)) expect(text).not.toContain(value.split(":").pop());
		}
	});
});

describe("embedded database settings file", () => {
	it("keeps cluster.json (the database password) readable by its owner only, also when an older file was 0644", () => {
		const root = mkdtempSync(join(tmpdir(), "cuepal-cluster-"));
		writeFileSync(infoFile(root), "{}", { mode: 0o644 });
		writeClusterInfo(root, { port: 54329, user: "cuepal", password: "secret" });
		expect(statSync(infoFile(root)).mode & 0o777).toBe(0o600);
	});
});
