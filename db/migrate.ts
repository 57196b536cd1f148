import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies the committed migrations; safe to run from many processes at once (advisory lock). */
export async function applyMigrations(databaseUrl: string): Promise<void> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		await client.query("select pg_advisory_lock(727001)");
		await migrate(drizzle(client), { migrationsFolder });
	} finally {
		await client.query("select pg_advisory_unlock(727001)").catch(() => {});
		await client.end();
	}
}

/** How many migrations the code ships: /healthz compares it with what the database has applied. */
export function shippedMigrationCount(): number {
	const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
		entries: unknown[];
	};
	return journal.entries.length;
}
