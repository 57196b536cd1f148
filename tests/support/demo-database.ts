import { readFileSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";

/**
 * The full demo data for the test files that read it, seeded once per integration run instead of
 * once per file: seeding takes tens of seconds (photos processed like uploads, lessons booked and
 * paid through the services), and two files seeding at once on two cores had each run past their
 * hook's minute. The run's global set-up seeds `cuepal_demo_template` when a file it will run calls
 * `useDemoDatabase()`, and that call makes the file's own database a copy of it.
 *
 * The copy's demo times are those of the run's start: files asserting times relative to the demo's
 * loading ("the room is open for the next hour") seed their own with `seedDemoData`. Its photos are
 * in the shared `.data/uploads`, so files with a DATA_DIR of their own cannot use it.
 */
const templateName = "cuepal_demo_template";
const marker = "useDemoDatabase(";
/** Options of the vitest command line whose value follows as the next word (not a file filter). */
const optionsWithValue = new Set([
	"--project",
	"--reporter",
	"--outputFile",
	"-t",
	"--testNamePattern",
	"--shard",
	"--maxWorkers",
	"-c",
	"--config",
	"--root",
	"-r",
]);

/** Makes this file's database a copy of the demo template. Call it first in `beforeAll`, before anything reads the database. */
export async function useDemoDatabase(): Promise<void> {
	const serverUrl = process.env.TEST_DATABASE_SERVER_URL as string;
	const ownName = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
	const { closeDatabase } = await import("~/lib/db.server");
	await closeDatabase();
	const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
	await admin.connect();
	try {
		const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [templateName]);
		if (!rowCount) throw new Error(`${templateName} is missing: the global set-up seeds it for files that call ${marker})`);
		await admin.query(`drop database if exists ${ownName} with (force)`);
		await admin.query(`create database ${ownName} template ${templateName}`);
	} finally {
		await admin.end();
	}
}

/**
 * Whether a file of this run uses the demo template: the files the command line's filters select
 * (all of them without filters) are read for the call, so a run of other files does not pay the seed.
 */
export async function runUsesDemoTemplate(project: TestProject): Promise<boolean> {
	const args = process.argv.slice(2);
	const filters = args.filter(
		(arg, index) => !arg.startsWith("-") && arg !== "run" && !optionsWithValue.has(args[index - 1] ?? ""),
	);
	const { testFiles } = await project.globTestFiles(filters.length > 0 ? filters : undefined);
	return testFiles.some((file) => readFileSync(file, "utf8").includes(marker));
}

/** Seeds a copy of the migrated template through the app's own demo seed, then names it the demo template. */
export async function seedDemoTemplate(serverUrl: string): Promise<void> {
	const seeding = `${templateName}_seeding`;
	const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${templateName} with (force)`);
		await admin.query(`drop database if exists ${seeding} with (force)`);
		await admin.query(`create database ${seeding} template cuepal_template`);
		const { applyTestEnvironment } = await import("./test-env");
		applyTestEnvironment();
		const previousUrl = process.env.DATABASE_URL;
		process.env.DATABASE_URL = `${serverUrl}/${seeding}`;
		const { rereadSettings } = await import("~/lib/config.server");
		const { closeDatabase } = await import("~/lib/db.server");
		const { stopQueues } = await import("../../jobs/boss");
		rereadSettings();
		try {
			const { seedDemoData } = await import("~/server/demo-data");
			await seedDemoData();
		} finally {
			// Nothing may stay connected to a database that is to be copied.
			await stopQueues();
			await closeDatabase();
			if (previousUrl === undefined) delete process.env.DATABASE_URL;
			else process.env.DATABASE_URL = previousUrl;
		}
		await admin.query(`alter database ${seeding} rename to ${templateName}`);
	} finally {
		await admin.end();
	}
}
