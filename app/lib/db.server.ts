import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../db/schema";
import { settings } from "./config.server";
import { logger } from "./logger.server";
import { singleton } from "./singleton.server";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle: services take `Database | Transaction` so callers can compose them. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;

// Return int8 and numeric columns as JS numbers: money is fen in int8 and fits easily.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function createPool(session: Pick<pg.PoolConfig, "options"> = {}): pg.Pool {
	const { DATABASE_URL: connectionString, DB_POOL_MAX, DB_POOL_WAIT_MS, DB_STATEMENT_TIMEOUT_MS, ROLE } = settings();
	if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
	const pool = new pg.Pool({
		connectionString,
		max: DB_POOL_MAX,
		// Bounds both opening a connection and waiting for a free one: a full pool fails fast (503).
		connectionTimeoutMillis: DB_POOL_WAIT_MS,
		idleTimeoutMillis: 30_000,
		// PostgreSQL cancels a longer statement (57014 → 503); the client-side timeout, a little
		// later, also covers a database that stopped answering at all.
		statement_timeout: DB_STATEMENT_TIMEOUT_MS,
		query_timeout: DB_STATEMENT_TIMEOUT_MS + 1_000,
		application_name: `cuepal-${ROLE}`,
		...session,
	});
	// An idle client losing its connection (database restart) must not crash the process.
	pool.on("error", (error) => logger.warn({ err: error.message }, "database connection lost"));
	return pool;
}

export const pool = (): pg.Pool => singleton("pool", () => createPool());
/**
 * Connections whose sessions never plan bitmap scans, for the nearby search: its one good plan
 * walks the geo index nearest first (see search-coaches.server.ts), and a pool of its own gives
 * that without a transaction and a SET around every search.
 */
export const nearestFirstPool = (): pg.Pool =>
	singleton("pool:nearest-first", () => createPool({ options: "-c enable_bitmapscan=off" }));
export const db = (): Database => singleton("db", () => drizzle(pool(), { schema }));

export async function closeDatabase(): Promise<void> {
	const store = globalThis as unknown as { __cuepal?: Map<string, unknown> };
	const existing = store.__cuepal?.get("pool") as pg.Pool | undefined;
	if (existing) {
		store.__cuepal?.delete("pool");
		store.__cuepal?.delete("db");
		await existing.end();
	}
	const nearestFirst = store.__cuepal?.get("pool:nearest-first") as pg.Pool | undefined;
	if (nearestFirst) {
		store.__cuepal?.delete("pool:nearest-first");
		await nearestFirst.end();
	}
}
