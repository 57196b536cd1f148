import { rmSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "../../db/embedded";
import { applyMigrations } from "../../db/migrate";
import { runUsesDemoTemplate, seedDemoTemplate } from "./demo-database";
import { snapshotBuild } from "./fresh-build";

/**
 * Once per integration run: a PostgreSQL (TEST_DATABASE_URL, or an embedded one of its own),
 * a template database migrated once, and a build of the app for tests that go through pages.
 * Each test file then copies the template (tests/support/per-file-database.ts).
 */
let embedded: EmbeddedDatabase | undefined;
let runDir: string | undefined;

export default async function setup(project: TestProject) {
	let serverUrl = process.env.TEST_DATABASE_URL?.replace(/\/[^/]*$/, "");
	if (!serverUrl) {
		// A cluster of this run's own, so parallel runs (and a killed earlier one) never collide.
		runDir = resolve(`.data/test-runs/${process.pid}`);
		embedded = await startEmbeddedDatabase({ root: runDir, preferredPort: 54339, database: "postgres" });
		serverUrl = embedded.url.replace(/\/[^/]*$/, "");
	}
	const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
	await admin.connect();
	await admin.query("drop database if exists cuepal_template with (force)");
	await admin.query("create database cuepal_template");
	await admin.end();
	await applyMigrations(`${serverUrl}/cuepal_template`);

	// A build older than the code would test yesterday's pages: rebuild when any input changed, then
	// test a copy of this run's own, which another build of the checkout cannot change mid-run.
	const buildCopy = resolve(`.data/test-runs/${process.pid}-build`);
	try {
		snapshotBuild(buildCopy);
		// The demo data, seeded once for the files that read it (tests/support/demo-database.ts).
		if (await runUsesDemoTemplate(project)) await seedDemoTemplate(serverUrl);
	} catch (error) {
		await embedded?.stop();
		throw error;
	}
	project.provide("databaseServerUrl", serverUrl);
	project.provide("buildDir", buildCopy);
	return async () => {
		await embedded?.stop();
		if (runDir) rmSync(runDir, { recursive: true, force: true });
		rmSync(buildCopy, { recursive: true, force: true });
	};
}

declare module "vitest" {
	export interface ProvidedContext {
		databaseServerUrl: string;
		/** This run's copy of the build, for tests that go through pages (tests/support/test-app.ts). */
		buildDir: string;
	}
}
