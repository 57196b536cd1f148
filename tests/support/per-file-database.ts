import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { applyTestEnvironment } from "./test-env";

/**
 * Each test file gets a fresh copy of the migrated template database, so files run in parallel
 * and never see each other's rows.
 */
applyTestEnvironment();
const serverUrl = inject("databaseServerUrl");
const name = `cuepal_t_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
await admin.connect();
await admin.query(`create database ${name} template cuepal_template`);
await admin.end();
process.env.DATABASE_URL = `${serverUrl}/${name}`;
process.env.TEST_DATABASE_SERVER_URL = serverUrl;

afterAll(async () => {
	const { closeDatabase } = await import("~/lib/db.server");
	const { stopQueues } = await import("../../jobs/boss");
	await stopQueues();
	await closeDatabase();
	const cleanup = new pg.Client({ connectionString: `${serverUrl}/postgres` });
	await cleanup.connect();
	await cleanup.query(`drop database if exists ${name} with (force)`);
	await cleanup.end();
});
