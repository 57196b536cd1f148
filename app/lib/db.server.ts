import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../db/schema";
import { logger } from "./logger.server";
import { singleton } from "./singleton.server";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle: services take `Database | Transaction` so callers can compose them. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;

// Return int8 and numeric columns as JS numbers: money is fen in int8 and fits easily.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function createPool(): pg.Pool {
	const connectionString = process.env.DATABASE_URL;
	if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
	const pool = new pg.Pool({
		connectionString,
		max: Number(process.env.DB_POOL_MAX ?? 10),
		connectionTimeoutMillis: 3_000,
		idleTimeoutMillis: 30_000,
		application_name: `cuepal-${process.env.ROLE ?? "all"}`,
	});
	// An idle client losing its connection (database restart) must not crash the process.
	pool.on("error", (error) => logger.warn({ err: error.message }, "database connection lost"));
	return pool;
}

export const pool = (): pg.Pool => singleton("pool", createPool);
export const db = (): Database => singleton("db", () => drizzle(pool(), { schema }));

export async function closeDatabase(): Promise<void> {
	const store = globalThis as unknown as { __cuepal?: Map<string, unknown> };
	const existing = store.__cuepal?.get("pool") as pg.Pool | undefined;
	if (existing) {
		store.__cuepal?.delete("pool");
		store.__cuepal?.delete("db");
		await existing.end();
	}
}
