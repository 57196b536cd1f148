import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { buildFreshVariable, underBuildLock } from "./support/fresh-build";

/**
 * `npm test`: type-check, lint and boundaries, build, unit, integration (real PostgreSQL), then
 * end-to-end in Chromium at a phone and a desktop size. Every step runs even if an earlier one
 * failed, and the run ends with one line of real totals: `N passed, N failed`.
 */
const reports = resolve(".data/reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const summary: string[] = [];
// The names of failed tests, printed again at the very end: CI keeps only the tail of the output.
const failures: string[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
	const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
	return result.status === 0;
}

function check(name: string, command: string, args: string[]): boolean {
	console.log(`\n▶ ${name}`);
	const ok = run(command, args);
	if (ok) passed += 1;
	else failed += 1;
	summary.push(`${ok ? "✓" : "✗"} ${name}`);
	return ok;
}

function readJson(path: string): any {
	return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

function vitest(project: "unit" | "integration") {
	console.log(`\n▶ ${project} tests`);
	const output = join(reports, `${project}.json`);
	const ok = run("npx", [
		"vitest",
		"run",
		"--project",
		project,
		"--reporter=default",
		"--reporter=json",
		`--outputFile.json=${output}`,
	]);
	const report = readJson(output);
	const good = report?.numPassedTests ?? 0;
	let bad = report?.numFailedTests ?? 0;
	for (const file of report?.testResults ?? []) {
		const name = relative(".", file.name);
		const failedTests = (file.assertionResults ?? []).filter((test: any) => test.status === "failed");
		for (const test of failedTests) failures.push(`${project}: ${name} › ${test.fullName}`);
		// A file whose hook failed (its tests then count as skipped, not failed) is a failure too.
		if (file.status === "failed" && failedTests.length === 0) {
			bad += 1;
			failures.push(`${project}: ${name} › ${String(file.message ?? "the file failed").split("\n")[0]}`);
		}
	}
	// A crash before any test ran still counts as a failure.
	if (!ok && bad === 0) bad = 1;
	passed += good;
	failed += bad;
	summary.push(`${bad === 0 ? "✓" : "✗"} ${project}: ${good} passed, ${bad} failed`);
}

function endToEnd() {
	console.log("\n▶ end-to-end tests (Chromium, 390x844 and 1280x800)");
	const output = join(reports, "e2e.json");
	const ok = run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: output });
	const report = readJson(output);
	const stats = report?.stats;
	collectPlaywrightFailures(report?.suites ?? []);
	const good = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
	const bad = (stats?.unexpected ?? 0) + (ok || stats?.unexpected ? 0 : 1);
	passed += good;
	failed += bad;
	summary.push(
		`${bad === 0 ? "✓" : "✗"} end-to-end: ${good} passed, ${bad} failed${stats?.skipped ? `, ${stats.skipped} skipped` : ""}`,
	);
}

function collectPlaywrightFailures(suites: any[]) {
	for (const suite of suites) {
		for (const spec of suite.specs ?? []) {
			for (const test of spec.tests ?? []) {
				if (test.status === "unexpected") {
					failures.push(`end-to-end: [${test.projectName}] ${spec.file}:${spec.line} › ${spec.title}`);
				}
			}
		}
		collectPlaywrightFailures(suite.suites ?? []);
	}
}

check("type-check", "npm", ["run", "typecheck", "--silent"]);
check("lint, format and module boundaries", "npm", ["run", "lint", "--silent"]);
// Built once here, under the lock other builders on the machine take; the later steps are told
// the build is fresh (CUEPAL_BUILD_FRESH) so their set-ups do not check and build again.
const built = check("build", ...underBuildLock(["sh", "-c", "rm -rf build && npx react-router build"]));
if (built) process.env[buildFreshVariable] = "1";
vitest("unit");
vitest("integration");
endToEnd();

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((name) => `  ✗ ${name}`).join("\n")}`);
console.log(`\n${summary.join("\n")}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
