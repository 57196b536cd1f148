import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
	type AppProcess,
	type CpuSnapshot,
	type CpuUse,
	cpuBetween,
	cpuSnapshot,
	freePort,
	memoryBreakdown,
	StartError,
	type StopReport,
	startApp,
	stopApp,
} from "./app-process";
import { type FirstLoadJs, firstLoadJs } from "./first-load-js";
import { type HttpScenario, isTiming, type Scenario, type ScenarioContext, type TimingScenario } from "./harness";
import { type HttpMeasure, measureHttp, measureTiming, type Preflight, preflight, stopLoad, type TimingMeasure } from "./load";
import { type RenderRatio, referencePageName, renderRatios } from "./render-goals";

/**
 * `npm run bench`: starts the real app twice on its own data folder (.data/bench) and reports
 * time to ready (second start: existing install and database), idle memory, then requests/s and
 * latency of every scenario in tests/bench/scenarios/ against the running app, beside a bare
 * node:http baseline. Prints a JSON block and a table, writes tests/bench/results/latest.json.
 * Budgets are reported (✓ / ✗), never enforced: the exit code is non-zero only when the bench
 * itself could not run.
 *
 *   npm run bench -- --only home,bare --duration 5 --connections 50 --warmup 2 --verbose
 *   npm run bench -- --list
 *
 * Add a measure: drop a file in tests/bench/scenarios/ (see harness.ts), or call `runBench` with
 * `extraScenarios`.
 */

export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const SCENARIOS_DIR = fileURLToPath(new URL("./scenarios", import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL("./results/latest.json", import.meta.url));
const READY_BUDGET_MS = 8000;
/** Other processes using more than this many cores during a target make its figures unreliable. */
const NOISY_CORES = 0.25;

export interface BenchOptions {
	connections: number;
	durationSec: number;
	warmupSec: number;
	idleMs: number;
	/** Pause between two targets, so one's aftermath (GC, streams finishing) does not count against the next. */
	settleMs: number;
	only?: string[];
	rebuild?: boolean;
	verbose?: boolean;
	/** Scenarios added by code, on top of the files in tests/bench/scenarios/. */
	extraScenarios?: Scenario[];
	scenariosDir?: string;
	resultsFile?: string;
}

interface LoadedScenario {
	scenario: Scenario;
	source: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Every scenario exported by the files of a folder (default export, `scenario`, or an array); files starting with `_` are helpers. */
export async function loadScenarios(dir = SCENARIOS_DIR): Promise<LoadedScenario[]> {
	if (!existsSync(dir)) return [];
	const files = readdirSync(dir)
		.filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !file.endsWith(".d.ts") && !file.startsWith("_"))
		.sort();
	const loaded: LoadedScenario[] = [];
	for (const file of files) {
		const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
		const exported = module.default ?? module.scenario ?? module.scenarios;
		const list = Array.isArray(exported) ? exported : [exported];
		for (const scenario of list) {
			if (!scenario || typeof scenario !== "object" || typeof (scenario as Scenario).name !== "string") {
				throw new Error(`${file}: export a scenario made with defineScenario({ name, setup }) as the default export`);
			}
			if (typeof (scenario as Scenario).setup !== "function") throw new Error(`${file}: scenario has no setup function`);
			loaded.push({ scenario: scenario as Scenario, source: relative(ROOT_DIR, join(dir, file)) });
		}
	}
	return loaded;
}

function orderScenarios(list: LoadedScenario[]): LoadedScenario[] {
	const names = new Set<string>();
	for (const { scenario, source } of list) {
		if (names.has(scenario.name)) throw new Error(`two scenarios are named "${scenario.name}" (${source})`);
		names.add(scenario.name);
	}
	const baselines = list.filter(({ scenario }) => !isTiming(scenario) && scenario.baseline);
	if (baselines.length > 1) throw new Error(`more than one baseline: ${baselines.map((b) => b.scenario.name).join(", ")}`);
	return [...list].sort((a, b) => (a.scenario.order ?? 50) - (b.scenario.order ?? 50) || a.source.localeCompare(b.source));
}

function ensureBuild(rebuild: boolean): { built: boolean; serverBuildModified: string } {
	const entry = join(ROOT_DIR, "build", "server", "index.js");
	let built = false;
	if (rebuild || !existsSync(entry)) {
		log(rebuild ? "Building the app (--rebuild)…" : "No build found: npx react-router build…");
		const result = spawnSync("npx", ["react-router", "build"], {
			cwd: ROOT_DIR,
			stdio: ["ignore", 2, 2],
			env: { ...process.env, NODE_ENV: "production" },
		});
		if (result.status !== 0 || !existsSync(entry)) throw new Error(`the build failed (exit ${result.status})`);
		built = true;
	}
	return { built, serverBuildModified: statSync(entry).mtime.toISOString() };
}

function git(args: string[]): string | undefined {
	try {
		return execFileSync("git", args, { cwd: ROOT_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
	} catch {
		return undefined;
	}
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Whether a failed start's output shows the migrations failing on objects the database already has (or lacks). */
export function migrationsRefused(output: readonly string[]): boolean {
	const text = output.join("\n");
	const inMigrations = /applyMigrations|db\/migrate\.ts|drizzle-orm\/[\w-]+\/migrator/.test(text);
	// A DDL statement of a migration refused (drizzle prints the query, not always its cause), or its
	// cause: duplicate table / object / column, undefined table / column / object.
	return (
		inMigrations &&
		/Failed query: (CREATE|ALTER|DROP)\b|42P07|42710|42701|42P01|42703|42704|already exists|does not exist/i.test(text)
	);
}
const mb = (kb: number | undefined) => (kb === undefined ? null : Math.round(kb / 102.4) / 10);

// The app currently running, so an error or Ctrl-C never leaves it (or its PostgreSQL) behind.
let current: AppProcess | undefined;
let dataDirOfCurrent: string | undefined;

async function stopCurrent(): Promise<StopReport | undefined> {
	const app = current;
	if (!app) return undefined;
	current = undefined;
	return stopApp(app, dataDirOfCurrent);
}

interface HttpResult extends HttpMeasure {
	description?: string;
	source: string;
	preflight: Preflight;
	/** CPU used during the measured seconds, in cores; "other" is the rest of the machine (noise). */
	cpu?: CpuUse;
	/** Requests/s as a fraction of the baseline's. */
	vsBaseline?: number;
	/** What the scenario's `afterLoad` found. */
	afterLoad?: { met: boolean; detail: string };
	/** The machine's 1-minute load average when the measure ended (what `uptime` shows), beside the figures. */
	loadAverage?: number;
}

interface BudgetCheck {
	name: string;
	target: string;
	value: number | string | null;
	met: boolean;
}

/** Runs the whole bench; never leaves the app or its PostgreSQL running, even when it throws. */
export async function runBench(options: BenchOptions) {
	try {
		return await benchOnce(options);
	} finally {
		await stopCurrent();
	}
}

async function benchOnce(options: BenchOptions) {
	const startedAt = new Date();
	// BENCH_DATA_DIR: another data folder, so two engineers' runs on one machine do not share a database.
	const dataDir = resolve(ROOT_DIR, process.env.BENCH_DATA_DIR ?? join(".data", "bench"));
	const scenarios = orderScenarios([
		...(await loadScenarios(options.scenariosDir)),
		...(options.extraScenarios ?? []).map((scenario) => ({ scenario, source: "runBench({ extraScenarios })" })),
	]).filter(({ scenario }) => !options.only || options.only.includes(scenario.name));
	if (options.only) {
		const unknown = options.only.filter((name) => !scenarios.some(({ scenario }) => scenario.name === name));
		if (unknown.length) throw new Error(`no scenario named ${unknown.join(", ")}`);
	}

	if (!process.version.startsWith("v24."))
		log(`Note: running on Node ${process.version}, not the project's Node 24 (use npm run bench).`);
	const build = ensureBuild(Boolean(options.rebuild));

	const port = await freePort();
	const appEnv: Record<string, string | undefined> = {
		...process.env,
		DATA_DIR: dataDir,
		PORT: String(port),
		HOST: "127.0.0.1",
		LOG_LEVEL: "warn",
		// Always the embedded database of .data/bench, whatever the developer's shell says.
		DATABASE_URL: undefined,
		APP_URL: undefined,
	};
	for (const { scenario } of scenarios) Object.assign(appEnv, await scenario.appEnv?.());
	let freshDatabase = !existsSync(join(dataDir, "pg", "PG_VERSION"));
	const startOptions = { rootDir: ROOT_DIR, env: appEnv, verbose: options.verbose };
	dataDirOfCurrent = dataDir;

	// 1. First start: may initialise the database, migrate, seed; then a clean stop.
	log(`First start (${freshDatabase ? "new database in" : "existing database in"} ${relative(ROOT_DIR, dataDir)})…`);
	try {
		current = await startApp({ ...startOptions, label: "first start", timeoutMs: 180_000 });
	} catch (error) {
		// The bench's database is its own and disposable: when the migrations were regenerated since
		// it was made, they no longer apply to it (a table "already exists"), so it starts over.
		if (!(error instanceof StartError) || !migrationsRefused(error.output)) throw error;
		log(`  the database in ${relative(ROOT_DIR, dataDir)} no longer takes the migrations (regenerated?):`);
		for (const line of error.output.filter((line) => /error|exists/i.test(line)).slice(0, 3)) log(`    ${line.slice(0, 200)}`);
		log("  starting over with a new database there (demo data and, for the scale scenarios, 100,000 coaches again)…");
		rmSync(join(dataDir, "pg"), { recursive: true, force: true });
		freshDatabase = true;
		current = await startApp({ ...startOptions, label: "first start (new database)", timeoutMs: 300_000 });
	}
	const first = current;
	const seeded = first.output.map((line) => /Demo data loaded \((\d+) records\)/.exec(line)?.[1]).find(Boolean);
	log(`  ready after ${Math.round(first.spawnToReadyMs)} ms; stopping with SIGTERM to pid ${first.serverPid}…`);
	const firstStop = await stopCurrent();
	if (firstStop?.leftoverPostgresPid)
		log(`  ✗ the app left its PostgreSQL (pid ${firstStop.leftoverPostgresPid}) running; the bench stopped it`);

	// 2. Second start: the measured one ("with an existing install and database").
	log("Second start (measured)…");
	current = await startApp({ ...startOptions, label: "second start", timeoutMs: 120_000 });
	const app = current;
	log(`  ready after ${Math.round(app.spawnToReadyMs)} ms (server pid ${app.serverPid}); idle ${options.idleMs} ms…`);
	await sleep(options.idleMs);
	const idleMemory = memoryBreakdown(app);

	// 3. Scenarios.
	const targets: Record<string, HttpResult> = {};
	const timings: Record<string, TimingMeasure & { description?: string; source: string; outcome?: string }> = {};
	const skipped: string[] = [];
	const failures: Array<{ scenario: string; error: string }> = [];
	const budgets: BudgetCheck[] = [];
	for (const [index, { scenario, source }] of scenarios.entries()) {
		if (index > 0 && options.settleMs > 0) await sleep(options.settleMs);
		const cleanups: Array<() => unknown> = [];
		const context: ScenarioContext = {
			baseUrl: app.baseUrl,
			rootDir: ROOT_DIR,
			dataDir,
			appEnv,
			onCleanup: (cleanup) => cleanups.push(cleanup),
			log: (line) => log(`  [${scenario.name}] ${line}`),
		};
		try {
			if (isTiming(scenario)) {
				const spec = await scenario.setup(app.baseUrl, context);
				if (!spec) {
					skipped.push(scenario.name);
					log(`${scenario.name}: skipped (setup returned null)`);
					continue;
				}
				log(`${scenario.name}: timing ${spec.iterations ?? 5} runs…`);
				const measure = await measureTiming(spec);
				timings[scenario.name] = { description: scenario.description, source, ...measure, outcome: spec.outcome?.() };
			} else {
				const spec = await scenario.setup(app.baseUrl, context);
				if (!spec) {
					skipped.push(scenario.name);
					log(`${scenario.name}: skipped (setup returned null)`);
					continue;
				}
				const url = new URL(spec.path, spec.baseUrl ?? app.baseUrl).href;
				const check = await preflight(url, spec);
				const settings = {
					connections: scenario.connections ?? options.connections,
					durationSec: scenario.durationSec ?? options.durationSec,
					warmupSec: scenario.warmupSec ?? options.warmupSec,
					title: scenario.name,
				};
				log(
					`${scenario.name}: ${spec.method ?? "GET"} ${url} → ${check.status}${check.contentEncoding ? ` ${check.contentEncoding}` : ""} ${check.bytes} B; ` +
						`${settings.warmupSec} s warm-up + ${settings.durationSec} s with ${settings.connections} connections…`,
				);
				let before: CpuSnapshot | undefined;
				const measure = await measureHttp(url, spec, settings, () => {
					before = cpuSnapshot(app);
				});
				const cpu = before ? cpuBetween(before, cpuSnapshot(app)) : undefined;
				const afterLoad = await spec.afterLoad?.();
				const loadAverage = Math.round((loadavg()[0] ?? 0) * 100) / 100;
				targets[scenario.name] = {
					description: scenario.description,
					source,
					preflight: check,
					...measure,
					cpu,
					afterLoad,
					loadAverage,
				};
				log(
					`  ${measure.rps} req/s, p50 ${measure.latencyMs.p50} ms, p99 ${measure.latencyMs.p99} ms` +
						(cpu ? ` (CPU cores: server ${cpu.serverCores}, bench ${cpu.benchCores}, other ${cpu.otherCores})` : ""),
				);
			}
		} catch (error) {
			failures.push({ scenario: scenario.name, error: error instanceof Error ? error.message : String(error) });
			log(`${scenario.name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
		} finally {
			for (const cleanup of cleanups.reverse()) {
				try {
					await cleanup();
				} catch (error) {
					log(`${scenario.name}: clean-up failed: ${error}`);
				}
			}
		}
	}

	const loadedMemory = memoryBreakdown(app);
	const serverAlive = app.child.exitCode === null && app.child.signalCode === null;
	log("Stopping the app…");
	const secondStop = await stopCurrent();
	if (secondStop?.leftoverPostgresPid)
		log(`  ✗ the app left its PostgreSQL (pid ${secondStop.leftoverPostgresPid}) running; the bench stopped it`);
	if (!serverAlive) failures.push({ scenario: "(app)", error: "the app exited during the benchmark" });

	// 4. Ratios and budgets.
	const baseline = scenarios.find(({ scenario }) => !isTiming(scenario) && scenario.baseline)?.scenario.name;
	const ratios: Record<string, number> = {};
	const base = baseline ? targets[baseline] : undefined;
	if (base && base.rps > 0) {
		for (const [name, result] of Object.entries(targets)) {
			if (name === baseline) continue;
			result.vsBaseline = Math.round((result.rps / base.rps) * 1000) / 1000;
			ratios[`${name}/${baseline}`] = result.vsBaseline;
		}
	}

	// Issue 12.1: pages against the reference page of the same run, and the JavaScript of a first load.
	const render: RenderRatio[] = renderRatios(targets);
	for (const goal of render) {
		budgets.push({
			name: `render: ${goal.label} ≥ ${goal.goal} × ${referencePageName}`,
			target: goal.target,
			value: goal.ratio,
			met: goal.met,
		});
	}
	let firstLoad: FirstLoadJs[] = [];
	try {
		firstLoad = firstLoadJs(ROOT_DIR);
	} catch (error) {
		failures.push({ scenario: "(first-load JS)", error: error instanceof Error ? error.message : String(error) });
	}
	for (const page of firstLoad) {
		budgets.push({
			name: `first-load JS of the ${page.name}: gzip < ${page.goalKb} KB`,
			target: page.routeId,
			value: page.gzipKb,
			met: page.met,
		});
	}

	budgets.push({
		name: `ready within ${READY_BUDGET_MS / 1000} s of start (existing install and database)`,
		target: "startup",
		value: Math.round(app.spawnToReadyMs),
		met: app.spawnToReadyMs <= READY_BUDGET_MS,
	});
	for (const { scenario } of scenarios) {
		if (isTiming(scenario)) {
			const timing = timings[scenario.name];
			const budget = (scenario as TimingScenario).budget;
			if (!budget) continue;
			if (budget.medianUnderMs !== undefined) {
				budgets.push({
					name: `${scenario.name}: median < ${budget.medianUnderMs} ms`,
					target: scenario.name,
					value: timing?.medianMs ?? null,
					met: timing !== undefined && timing.medianMs < budget.medianUnderMs,
				});
			}
			if (budget.maxUnderMs !== undefined) {
				budgets.push({
					name: `${scenario.name}: slowest < ${budget.maxUnderMs} ms`,
					target: scenario.name,
					value: timing?.maxMs ?? null,
					met: timing !== undefined && timing.maxMs < budget.maxUnderMs,
				});
			}
			continue;
		}
		const result = targets[scenario.name];
		const budget = (scenario as HttpScenario).budget;
		if (result || !skipped.includes(scenario.name)) {
			budgets.push({
				name: `${scenario.name}: every answer ${result?.expectStatus ?? "as expected"}, no errors`,
				target: scenario.name,
				value: result ? result.unexpected : null,
				met: result !== undefined && result.unexpected === 0,
			});
		}
		if (result?.afterLoad) {
			budgets.push({
				name: `${scenario.name}: after the load`,
				target: scenario.name,
				value: result.afterLoad.detail,
				met: result.afterLoad.met,
			});
		}
		if (!budget) continue;
		const connections = result?.connections ?? scenario.connections ?? options.connections;
		if (budget.minRps !== undefined) {
			budgets.push({
				name: `${scenario.name}: ≥ ${budget.minRps} req/s with ${connections} connections`,
				target: scenario.name,
				value: result?.rps ?? null,
				met: result !== undefined && result.rps >= budget.minRps,
			});
		}
		if (budget.p50UnderMs !== undefined) {
			budgets.push({
				name: `${scenario.name}: p50 < ${budget.p50UnderMs} ms`,
				target: scenario.name,
				value: result?.latencyMs.p50 ?? null,
				met: result !== undefined && result.latencyMs.p50 < budget.p50UnderMs,
			});
		}
		if (budget.p99UnderMs !== undefined) {
			budgets.push({
				name: `${scenario.name}: p99 < ${budget.p99UnderMs} ms`,
				target: scenario.name,
				value: result?.latencyMs.p99 ?? null,
				met: result !== undefined && result.latencyMs.p99 < budget.p99UnderMs,
			});
		}
	}
	for (const [label, report] of [
		["first", firstStop],
		["second", secondStop],
	] as const) {
		budgets.push({
			name: `${label} stop: SIGTERM stops the server and its PostgreSQL cleanly (exit 0)`,
			target: "shutdown",
			value: report ? `exit ${report.code ?? report.signal} in ${report.stopMs} ms` : null,
			met: report !== undefined && report.code === 0 && !report.leftoverPostgresPid && !report.forced,
		});
	}

	const cpuList = cpus();
	const results = {
		schema: 1,
		startedAt: startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		git: {
			commit: git(["rev-parse", "--short", "HEAD"]),
			changedFiles: git(["status", "--porcelain"])?.split("\n").filter(Boolean).length,
		},
		build,
		machine: {
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			cpus: cpuList.length,
			cpuModel: cpuList[0]?.model,
			memoryMb: Math.round(totalmem() / 1048576),
			loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
		},
		settings: {
			connections: options.connections,
			durationSec: options.durationSec,
			warmupSec: options.warmupSec,
			idleMs: options.idleMs,
			settleMs: options.settleMs,
			dataDir: relative(ROOT_DIR, dataDir),
			launch: "node node_modules/tsx/dist/cli.mjs app/server/start.ts (what npm start runs)",
			appEnv: {
				LOG_LEVEL: "warn",
				HOST: "127.0.0.1",
				NODE_ENV: process.env.NODE_ENV ?? null,
				APP_ENV: process.env.APP_ENV ?? null,
			},
		},
		startup: {
			readyMs: Math.round(app.spawnToReadyMs),
			appReportedReadyMs: app.appReportedMs,
			firstStart: {
				freshDatabase,
				readyMs: Math.round(first.spawnToReadyMs),
				appReportedReadyMs: first.appReportedMs,
				demoRecordsLoaded: seeded ? Number(seeded) : 0,
			},
			stops: { first: firstStop, second: secondStop },
		},
		memory: {
			serverRssIdleMb: mb(idleMemory.serverRssKb),
			serverRssAfterLoadMb: mb(loadedMemory.serverRssKb),
			serverPeakRssMb: mb(loadedMemory.serverPeakRssKb),
			tsxCliRssMb: mb(idleMemory.tsxCliRssKb),
			postgresPssIdleMb: mb(idleMemory.postgresPssKb),
			postgresProcesses: idleMemory.postgresProcesses,
		},
		baseline: baseline ?? null,
		targets,
		ratios,
		render,
		firstLoad,
		timings,
		budgets,
		skipped,
		failures,
		appProblems: { count: app.problems.length + first.problems.length, first: [...first.problems, ...app.problems].slice(0, 20) },
	};
	return results;
}

export type BenchResults = Awaited<ReturnType<typeof runBench>>;

// ---------------------------------------------------------------- report

function table(rows: string[][], alignRight: boolean[]): string {
	const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
	return rows
		.map((row, index) => {
			const line = row
				.map((cell, column) => (alignRight[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
				.join("  ")
				.trimEnd();
			return index === 0 ? `${line}\n${"-".repeat(line.length)}` : line;
		})
		.join("\n");
}

/** "server + PostgreSQL = total" CPU milliseconds per request of a target, or – without CPU figures. */
function cpuPerRequest(t: Pick<HttpResult, "cpu" | "rps">): string {
	if (!t.cpu || t.rps <= 0) return "–";
	const ms = (cores: number) => (cores * 1000) / t.rps;
	return `${ms(t.cpu.serverCores).toFixed(1)} + ${ms(t.cpu.postgresCores).toFixed(1)} = ${ms(t.cpu.serverCores + t.cpu.postgresCores).toFixed(1)}`;
}

export function formatReport(results: BenchResults): string {
	const out: string[] = [];
	const { startup, memory } = results;
	out.push(
		`CuePal bench — ${results.startedAt} — ${results.machine.node}, ${results.machine.cpus} CPU, commit ${results.git.commit}`,
	);
	out.push("");
	out.push('Start (spawn of `tsx app/server/start.ts` → "is ready at")');
	out.push(
		`  second start (existing install and database): ${startup.readyMs} ms   (app's own figure: ${startup.appReportedReadyMs} ms)`,
	);
	out.push(
		`  first start (${startup.firstStart.freshDatabase ? "new database" : "existing database"}): ${startup.firstStart.readyMs} ms` +
			(startup.firstStart.demoRecordsLoaded ? `, ${startup.firstStart.demoRecordsLoaded} demo records loaded` : ""),
	);
	out.push("");
	out.push(`Memory (server node process, ${results.settings.idleMs / 1000} s idle after ready)`);
	out.push(
		`  RSS idle ${memory.serverRssIdleMb} MB, after load ${memory.serverRssAfterLoadMb} MB, peak ${memory.serverPeakRssMb} MB` +
			`   (tsx CLI ${memory.tsxCliRssMb} MB; PostgreSQL ${memory.postgresProcesses} processes, ${memory.postgresPssIdleMb} MB PSS)`,
	);
	out.push("");
	const rows = [
		[
			"target",
			"req/s",
			"p50 ms",
			"p90 ms",
			"p99 ms",
			"max ms",
			`vs ${results.baseline ?? "baseline"}`,
			"answers",
			"preflight",
			"CPU srv/pg/bench/other",
			"CPU ms/req srv+pg",
			"load 1m",
		],
	];
	const noisy: string[] = [];
	for (const [name, t] of Object.entries(results.targets)) {
		const codes = Object.entries(t.statusCodes)
			.map(([code, count]) => `${code}×${count}`)
			.join(" ");
		rows.push([
			name,
			t.rps.toFixed(0),
			String(t.latencyMs.p50),
			String(t.latencyMs.p90),
			String(t.latencyMs.p99),
			String(t.latencyMs.max),
			t.vsBaseline === undefined ? (name === results.baseline ? "1" : "–") : t.vsBaseline.toFixed(3),
			codes + (t.errors ? ` errors×${t.errors}` : ""),
			`${t.preflight.status} ${t.preflight.contentEncoding ?? "identity"} ${(t.preflight.bytes / 1024).toFixed(1)} kB`,
			t.cpu
				? `${t.cpu.serverCores}/${t.cpu.postgresCores}/${t.cpu.benchCores}/${t.cpu.otherCores}${t.cpu.otherCores > NOISY_CORES ? " ⚠" : ""}`
				: "–",
			cpuPerRequest(t),
			t.loadAverage === undefined ? "–" : String(t.loadAverage),
		]);
		if (t.cpu && t.cpu.otherCores > NOISY_CORES) noisy.push(`${name} (${t.cpu.otherCores})`);
	}
	if (rows.length > 1) {
		const first = Object.values(results.targets)[0];
		out.push(`HTTP (${first?.connections} connections, ${first?.warmupSec} s warm-up, ${first?.durationSec} s measured)`);
		out.push(table(rows, [false, true, true, true, true, true, true, false, false, false, false, true]));
		out.push(
			`  CPU in cores during the measured seconds (${results.machine.cpus} on this machine): the server, its PostgreSQL, this bench (autocannon + bare server), everything else.`,
		);
		out.push(
			"  CPU ms/req: the server's and its PostgreSQL's CPU per answered request, which other load distorts far less than req/s and latency.",
		);
		if (noisy.length) {
			out.push(`  ⚠ other processes used CPU during ${noisy.join(", ")}: those figures are lower than on a quiet machine.`);
		}
		out.push("");
	}
	const timingRows = [["timing", "runs", "min ms", "median ms", "max ms"]];
	for (const [name, t] of Object.entries(results.timings)) {
		timingRows.push([name, String(t.iterations), String(t.minMs), String(t.medianMs), String(t.maxMs)]);
	}
	if (timingRows.length > 1) {
		out.push(table(timingRows, [false, true, true, true, true]));
		for (const [name, t] of Object.entries(results.timings)) if (t.outcome) out.push(`  ${name}: ${t.outcome}`);
		out.push("");
	}
	if (Object.keys(results.ratios).length) {
		out.push(
			`Ratios (req/s): ${Object.entries(results.ratios)
				.map(([name, ratio]) => `${name} = ${ratio}`)
				.join(", ")}`,
		);
		out.push("");
	}
	if (results.render.length) {
		out.push(`Render cost (req/s ÷ ${referencePageName} in this run)`);
		for (const goal of results.render)
			out.push(
				`  ${goal.met ? "✓" : "✗"} ${goal.label}: ${goal.ratio} (goal ≥ ${goal.goal}, load ${results.targets[goal.target]?.loadAverage ?? "–"})`,
			);
		out.push("");
	}
	if (results.firstLoad.length) {
		out.push("JavaScript at first load (entry + root + page route, static imports, gzip -6)");
		for (const page of results.firstLoad)
			out.push(
				`  ${page.met ? "✓" : "✗"} ${page.name}: ${page.gzipKb} KB gzip (${page.rawKb} KB raw, ${page.files} files; goal < ${page.goalKb} KB); largest ${page.largest.map((file) => `${file.file} ${file.gzipKb}`).join(", ")}`,
			);
		out.push("");
	}
	out.push("Budgets");
	for (const budget of results.budgets) out.push(`  ${budget.met ? "✓" : "✗"} ${budget.name}: ${budget.value ?? "not measured"}`);
	if (results.skipped.length) out.push(`Skipped: ${results.skipped.join(", ")}`);
	if (results.failures.length) {
		out.push("");
		out.push("Bench failures");
		for (const failure of results.failures) out.push(`  ✗ ${failure.scenario}: ${failure.error}`);
	}
	if (results.appProblems.count) {
		out.push("");
		out.push(`App warnings/errors logged during the run: ${results.appProblems.count} (first ones in the JSON, appProblems)`);
	}
	return out.join("\n");
}

// ---------------------------------------------------------------- command line

function optionsFromArgs(argv: string[]): BenchOptions & { list: boolean } {
	const { values } = parseArgs({
		args: argv,
		options: {
			only: { type: "string" },
			duration: { type: "string" },
			warmup: { type: "string" },
			connections: { type: "string" },
			idle: { type: "string" },
			settle: { type: "string" },
			rebuild: { type: "boolean" },
			verbose: { type: "boolean" },
			list: { type: "boolean" },
		},
	});
	const number = (value: string | undefined, env: string, fallback: number) => {
		const parsed = Number(value ?? process.env[env] ?? fallback);
		if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`invalid number for ${env}: ${value ?? process.env[env]}`);
		return parsed;
	};
	return {
		connections: number(values.connections, "BENCH_CONNECTIONS", 50),
		durationSec: number(values.duration, "BENCH_DURATION", 10),
		warmupSec: number(values.warmup, "BENCH_WARMUP", 2),
		idleMs: number(values.idle, "BENCH_IDLE_MS", 3000),
		settleMs: number(values.settle, "BENCH_SETTLE_MS", 2000),
		only: (values.only ?? process.env.BENCH_ONLY)
			?.split(",")
			.map((name) => name.trim())
			.filter(Boolean),
		rebuild: values.rebuild ?? process.env.BENCH_REBUILD === "1",
		verbose: values.verbose ?? process.env.BENCH_VERBOSE === "1",
		list: values.list ?? false,
	};
}

async function main(): Promise<number> {
	const options = optionsFromArgs(process.argv.slice(2));
	if (options.list) {
		for (const { scenario, source } of orderScenarios(await loadScenarios())) {
			process.stdout.write(
				`${scenario.name.padEnd(16)} ${(scenario.kind ?? "http").padEnd(7)} ${source}  ${scenario.description ?? ""}\n`,
			);
		}
		return 0;
	}
	let interrupted = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (interrupted) return;
		interrupted = true;
		log(`\n${signal}: stopping the load and the app…`);
		stopLoad();
		void stopCurrent().finally(() => process.exit(130));
	};
	process.on("SIGINT", onSignal);
	process.on("SIGTERM", onSignal);

	let results: BenchResults;
	try {
		results = await runBench(options);
	} catch (error) {
		log(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
		if (error instanceof StartError) log(`Last output of the app:\n  ${error.output.slice(-40).join("\n  ")}`);
		await stopCurrent();
		return 1;
	}
	const json = JSON.stringify(results, null, 2);
	mkdirSync(fileURLToPath(new URL("./results", import.meta.url)), { recursive: true });
	writeFileSync(options.resultsFile ?? RESULTS_FILE, `${json}\n`);
	process.stdout.write(`\n===== BENCH RESULTS JSON =====\n${json}\n===== END BENCH RESULTS JSON =====\n\n`);
	process.stdout.write(`${formatReport(results)}\n\nWritten to ${relative(ROOT_DIR, options.resultsFile ?? RESULTS_FILE)}\n`);
	return results.failures.length > 0 ? 1 : 0;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
	main().then(
		(code) => process.exit(code),
		async (error) => {
			log(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
			await stopCurrent();
			process.exit(1);
		},
	);
}
