import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join } from "node:path";

/**
 * The app as a child process, started the way `npm start` starts it (the tsx CLI on
 * app/server/start.ts, without npm's `sh` in between), and the /proc look-ups the bench needs:
 * which process is the server (tsx runs it in a child node), its memory, and the embedded
 * PostgreSQL it leaves behind if it does not stop cleanly.
 */

export interface AppProcess {
	child: ChildProcess;
	/** The node process that runs the server (tsx's child), not the tsx CLI. */
	serverPid: number;
	baseUrl: string;
	port: number;
	spawnToReadyMs: number;
	/** The figure the app prints itself, from its own first line of code. */
	appReportedMs: number | null;
	/** Last lines of stdout / stderr, for error reports. */
	output: string[];
	/** Log lines at warn level or above (pino JSON) and plain stderr lines seen so far. */
	problems: string[];
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
	rootDir: string;
	env: Record<string, string | undefined>;
	timeoutMs: number;
	verbose?: boolean;
	label: string;
}

const READY = /is ready at (\S+) \((\d+) ms\)/;

export async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once("error", fail);
		probe.listen(0, "127.0.0.1", () => {
			const address = probe.address();
			probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
		});
	});
}

export async function startApp(options: StartOptions): Promise<AppProcess> {
	const tsxCli = join(options.rootDir, "node_modules", "tsx", "dist", "cli.mjs");
	const port = Number(options.env.PORT);
	const output: string[] = [];
	const problems: string[] = [];
	const remember = (stream: string, line: string) => {
		output.push(`${stream}: ${line}`);
		if (output.length > 200) output.shift();
		if (isProblem(stream, line) && problems.length < 200) problems.push(line.slice(0, 600));
		if (options.verbose) process.stderr.write(`  [${options.label} ${stream}] ${line}\n`);
	};

	const env = Object.fromEntries(Object.entries(options.env).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
	const spawnedAt = performance.now();
	// For profiling the server: e.g. BENCH_APP_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (tsx hands them to node).
	const nodeFlags = (process.env.BENCH_APP_NODE_FLAGS ?? "").split(" ").filter(Boolean);
	const child = spawn(process.execPath, [tsxCli, ...nodeFlags, "app/server/start.ts"], {
		cwd: options.rootDir,
		env,
		stdio: ["ignore", "pipe", "pipe"],
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
		child.once("exit", (code, signal) => done({ code, signal }));
	});
	child.once("error", (error) => remember("spawn", String(error)));

	const ready = new Promise<{ ms: number; appMs: number }>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`not ready after ${options.timeoutMs} ms`)), options.timeoutMs);
		const lines = (stream: "stdout" | "stderr") => {
			let pending = "";
			child[stream]?.setEncoding("utf8");
			child[stream]?.on("data", (chunk: string) => {
				pending += chunk;
				let newline = pending.indexOf("\n");
				while (newline >= 0) {
					const line = pending.slice(0, newline);
					pending = pending.slice(newline + 1);
					remember(stream, line);
					const match = stream === "stdout" ? READY.exec(line) : null;
					if (match) {
						clearTimeout(timer);
						resolve({ ms: performance.now() - spawnedAt, appMs: Number(match[2]) });
					}
					newline = pending.indexOf("\n");
				}
			});
		};
		lines("stdout");
		lines("stderr");
		void exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(new Error(`the app exited before it was ready (code ${code}, signal ${signal})`));
		});
	});

	const partial = { child, exited, output, problems };
	let readiness: { ms: number; appMs: number };
	try {
		readiness = await ready;
	} catch (error) {
		await stopApp({ ...partial, serverPid: serverPidOf(child.pid) ?? child.pid ?? 0 }, env.DATA_DIR);
		throw new StartError(`${options.label}: ${(error as Error).message}`, output);
	}
	const serverPid = serverPidOf(child.pid);
	if (!serverPid) {
		await stopApp({ ...partial, serverPid: child.pid ?? 0 }, env.DATA_DIR);
		throw new StartError(`${options.label}: could not find the server's node process under pid ${child.pid}`, output);
	}
	return {
		...partial,
		serverPid,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		spawnToReadyMs: readiness.ms,
		appReportedMs: readiness.appMs,
	};
}

export class StartError extends Error {
	constructor(
		message: string,
		readonly output: string[],
	) {
		super(message);
	}
}

function isProblem(stream: string, line: string): boolean {
	if (!line.trim()) return false;
	if (line.startsWith("{")) {
		try {
			const level = (JSON.parse(line) as { level?: number }).level;
			return typeof level === "number" && level >= 40;
		} catch {
			return true;
		}
	}
	return stream === "stderr";
}

export interface StopReport {
	code: number | null;
	signal: NodeJS.Signals | null;
	stopMs: number;
	/** The app exited but its embedded PostgreSQL was still running (the bench stopped it). */
	leftoverPostgresPid?: number;
	forced?: boolean;
}

/**
 * SIGTERM to the server's own node process (the way an orchestrator stops it), then wait for the
 * whole chain to exit. A server that does not stop gets SIGTERM on the tsx CLI too, then SIGKILL;
 * an embedded PostgreSQL still running on the bench's data folder afterwards is stopped with SIGINT.
 */
export async function stopApp(
	app: Pick<AppProcess, "child" | "serverPid" | "exited">,
	dataDir: string | undefined,
): Promise<StopReport> {
	const started = performance.now();
	let forced = false;
	let result: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	if (app.child.exitCode === null && app.child.signalCode === null) {
		signal(app.serverPid || app.child.pid, "SIGTERM");
		result = await within(app.exited, 35_000);
		if (!result) {
			forced = true;
			signal(app.child.pid, "SIGTERM");
			result = await within(app.exited, 10_000);
		}
		if (!result) {
			signal(app.serverPid, "SIGKILL");
			signal(app.child.pid, "SIGKILL");
			result = await within(app.exited, 5_000);
		}
	}
	result ??= { code: app.child.exitCode, signal: app.child.signalCode };
	const report: StopReport = { ...result, stopMs: Math.round(performance.now() - started), forced: forced || undefined };
	if (dataDir) {
		const postmaster = runningPostmaster(join(dataDir, "pg"));
		if (postmaster) {
			report.leftoverPostgresPid = postmaster;
			signal(postmaster, "SIGINT");
			for (let waited = 0; waited < 150 && runningPostmaster(join(dataDir, "pg")); waited++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
	}
	return report;
}

function signal(pid: number | undefined, name: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(pid, name);
	} catch {
		// already gone
	}
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<undefined>((done) => {
		timer = setTimeout(() => done(undefined), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** The pid of a postgres still running on this data folder, if any. */
export function runningPostmaster(pgDataDir: string): number | undefined {
	const pidFile = join(pgDataDir, "postmaster.pid");
	if (!existsSync(pidFile)) return undefined;
	const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
	if (!Number.isInteger(pid) || pid <= 0) return undefined;
	try {
		process.kill(pid, 0);
		return pid;
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------- /proc

interface ProcInfo {
	pid: number;
	ppid: number;
	comm: string;
	exe: string;
	cmdline: string[];
}

function readProc(pid: number): ProcInfo | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		// comm is in parentheses and may contain spaces: the fields after the last ")" are fixed.
		const close = stat.lastIndexOf(")");
		const comm = stat.slice(stat.indexOf("(") + 1, close);
		const ppid = Number(stat.slice(close + 2).split(" ")[1]);
		const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
		let exe = "";
		try {
			exe = readlinkSync(`/proc/${pid}/exe`);
		} catch {
			exe = cmdline[0] ?? "";
		}
		return { pid, ppid, comm, exe, cmdline };
	} catch {
		return undefined;
	}
}

function allProcesses(): ProcInfo[] {
	const list: ProcInfo[] = [];
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		const info = readProc(Number(entry));
		if (info) list.push(info);
	}
	return list;
}

/** The process and all its descendants, with their depth below it. */
export function processTree(rootPid: number): Array<ProcInfo & { depth: number }> {
	const all = allProcesses();
	const root = all.find((p) => p.pid === rootPid);
	if (!root) return [];
	const tree = [{ ...root, depth: 0 }];
	for (let i = 0; i < tree.length; i++) {
		const parent = tree[i] as ProcInfo & { depth: number };
		for (const p of all) if (p.ppid === parent.pid) tree.push({ ...p, depth: parent.depth + 1 });
	}
	return tree;
}

const isNode = (p: ProcInfo) => /^node(\d+)?$/.test(basename(p.exe)) || p.comm === "node";

/** The deepest node process under `rootPid` whose command line runs the server's start file. */
export function serverPidOf(rootPid: number | undefined): number | undefined {
	if (!rootPid) return undefined;
	const candidates = processTree(rootPid).filter(
		(p) => isNode(p) && p.cmdline.some((arg) => arg.endsWith("app/server/start.ts")),
	);
	candidates.sort((a, b) => b.depth - a.depth);
	return candidates[0]?.pid;
}

function statusField(pid: number, field: string, file = "status"): number | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/${file}`, "utf8");
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

export const rssKb = (pid: number) => statusField(pid, "VmRSS");
export const peakRssKb = (pid: number) => statusField(pid, "VmHWM");
export const pssKb = (pid: number) => statusField(pid, "Pss", "smaps_rollup");

/** Memory of everything under the tsx CLI: the CLI itself, the server, and PostgreSQL (by PSS, shared pages split). */
export function memoryBreakdown(app: Pick<AppProcess, "child" | "serverPid">) {
	const tree = processTree(app.child.pid ?? 0);
	const postgres = tree.filter((p) => p.comm === "postgres" || basename(p.exe) === "postgres");
	const sum = (values: Array<number | undefined>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
	return {
		serverRssKb: rssKb(app.serverPid),
		serverPeakRssKb: peakRssKb(app.serverPid),
		tsxCliRssKb: app.child.pid && app.child.pid !== app.serverPid ? rssKb(app.child.pid) : undefined,
		postgresProcesses: postgres.length,
		postgresPssKb: sum(postgres.map((p) => pssKb(p.pid))),
	};
}

// ---------------------------------------------------------------- CPU accounting

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function processTicks(pid: number | "self"): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return 0;
	}
}

function machineBusyTicks(): number {
	const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
	const [, ...values] = line.trim().split(/\s+/);
	const numbers = values.map(Number);
	const total = numbers.slice(0, 8).reduce((a, b) => a + b, 0);
	return total - (numbers[3] ?? 0) - (numbers[4] ?? 0);
}

export interface CpuSnapshot {
	at: number;
	machine: number;
	server: number;
	postgres: number;
	bench: number;
}

export function cpuSnapshot(app: Pick<AppProcess, "serverPid">): CpuSnapshot {
	const postgres = processTree(app.serverPid).filter((p) => p.comm === "postgres" || basename(p.exe) === "postgres");
	return {
		at: performance.now(),
		machine: machineBusyTicks(),
		server: processTicks(app.serverPid),
		postgres: postgres.reduce((total, p) => total + processTicks(p.pid), 0),
		bench: processTicks("self"),
	};
}

/** CPU used between two snapshots, in cores (1 = one CPU fully busy). "other" is everything else on the machine. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
	const seconds = (after.at - before.at) / 1000;
	const cores = (ticks: number) => Math.round((Math.max(0, ticks) / TICKS_PER_SECOND / seconds) * 100) / 100;
	const server = after.server - before.server;
	const postgres = after.postgres - before.postgres;
	const bench = after.bench - before.bench;
	const machine = after.machine - before.machine;
	return {
		serverCores: cores(server),
		postgresCores: cores(postgres),
		benchCores: cores(bench),
		otherCores: cores(machine - server - postgres - bench),
		machineCores: cores(machine),
	};
}

export type CpuUse = ReturnType<typeof cpuBetween>;
