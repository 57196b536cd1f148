import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Outside production, secrets that are not set are generated once and kept under .data/, so a
 * fresh clone starts with no configuration and restarts can still read what they encrypted.
 */
export function ensureDevelopmentSecrets(dataDir: string): void {
	const file = join(dataDir, "dev-secrets.json");
	mkdirSync(dataDir, { recursive: true });
	const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
	const wanted: Array<[string, () => string]> = [
		["SESSION_SECRET", () => randomBytes(32).toString("base64url")],
		["APP_ENCRYPTION_KEYS", () => `dev1:${randomBytes(32).toString("base64")}`],
		["APP_BLIND_INDEX_KEY", () => randomBytes(32).toString("base64")],
	];
	let changed = false;
	for (const [name, generate] of wanted) {
		if (process.env[name]) continue;
		if (!stored[name]) {
			stored[name] = generate();
			changed = true;
		}
		process.env[name] = stored[name];
	}
	if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
}
