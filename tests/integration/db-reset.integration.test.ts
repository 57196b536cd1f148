import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "../../db/embedded";
import { resetEmbeddedDatabase } from "../../db/reset-embedded";

/**
 * `npm run db:reset` on a data folder of its own: it refuses while the app's embedded PostgreSQL
 * runs (and touches nothing), then removes the database and the uploads once it is stopped.
 */
// Under .data like a real one: as root, PostgreSQL runs as `postgres`, which must be able to enter it.
const root = resolve(`.data/test-runs/reset-${process.pid}`);
const env = { APP_ENV: "development", DATA_DIR: root };
let database: EmbeddedDatabase | undefined;

afterAll(async () => {
	await database?.stop();
	rmSync(root, { recursive: true, force: true });
});

describe("npm run db:reset", () => {
	it("refuses while the app's database is running, and resets once it is stopped", async () => {
		// As `npm start` leaves the folder: a running cluster and an uploaded file.
		database = await startEmbeddedDatabase({ root, preferredPort: 54399, database: "postgres" });
		mkdirSync(join(root, "uploads"), { recursive: true });
		writeFileSync(join(root, "uploads", "photo.webp"), "bytes");

		const refused = await resetEmbeddedDatabase(env);
		expect(refused.ok).toBe(false);
		expect(refused.message).toMatch(/The app is running .*Stop it first/);
		expect(existsSync(join(root, "pg", "PG_VERSION"))).toBe(true);
		expect(existsSync(join(root, "uploads", "photo.webp"))).toBe(true);

		await database.stop();
		database = undefined;
		const reset = await resetEmbeddedDatabase(env);
		expect(reset).toMatchObject({ ok: true });
		expect(existsSync(join(root, "pg"))).toBe(false);
		expect(existsSync(join(root, "cluster.json"))).toBe(false);
		expect(existsSync(join(root, "uploads"))).toBe(false);

		// A fresh start after the reset gets a new, empty cluster.
		database = await startEmbeddedDatabase({ root, preferredPort: 54399, database: "postgres" });
		expect(existsSync(join(root, "pg", "PG_VERSION"))).toBe(true);
	});

	it("leaves a database it does not own alone", async () => {
		const outcome = await resetEmbeddedDatabase({ ...env, DATABASE_URL: "postgres://someone@db.example.com/cuepal" });
		expect(outcome.ok).toBe(false);
		expect(outcome.message).toContain("DATABASE_URL is set");
		const production = await resetEmbeddedDatabase({ ...env, APP_ENV: "production" });
		expect(production.ok).toBe(false);
	});
});
