import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import type { EmbeddedDatabase } from "../../db/embedded";
import { applyMigrations } from "../../db/migrate";
import { ConfigError, readSettings, rereadSettings } from "../lib/config.server";
import { ensureDevelopmentSecrets } from "./dev-secrets";
import type { Lifecycle } from "./health";

/**
 * `npm start` (and the container's command): settings → database (embedded when DATABASE_URL is
 * unset) → migrations → demo data → build if missing → worker and/or HTTP server by ROLE.
 * `npm run dev` runs the same with Vite's hot reload instead of the build.
 */
const startedAt = performance.now();
const development = process.argv.includes("--dev");
// `npm start` always serves the optimised build (React's production code); APP_ENV says what kind
// of deployment this is.
if (!development) process.env.NODE_ENV = "production";
const dataDir = resolve(process.env.DATA_DIR ?? ".data");
process.env.APP_ENV ??= "development";
if (process.env.APP_ENV !== "production") ensureDevelopmentSecrets(dataDir);

const say = (line: string) => process.stdout.write(`${line}\n`);
let embedded: EmbeddedDatabase | undefined;

async function main() {
	let settings: ReturnType<typeof readSettings>;
	try {
		settings = readSettings();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}

	if (!settings.DATABASE_URL) {
		// Imported only when needed: the embedded binaries exist for x64 Linux only, and a deployment
		// with DATABASE_URL must start on any platform.
		const { StaleDatabaseError, startEmbeddedDatabase } = await import("../../db/embedded");
		try {
			embedded = await startEmbeddedDatabase({ root: dataDir, log: (line) => console.error(line) });
		} catch (error) {
			if (error instanceof StaleDatabaseError) {
				console.error(error.message);
				process.exit(1);
			}
			throw error;
		}
		// The embedded database's URL becomes a setting like any other.
		process.env.DATABASE_URL = embedded.url;
		settings = rereadSettings();
		say(`Embedded PostgreSQL on port ${embedded.port} (data in ${embedded.dataDir})`);
	}
	const databaseUrl = settings.DATABASE_URL as string;

	// Production migrates through its own step before a rollout (npm run db:migrate).
	if (settings.APP_ENV !== "production" || settings.MIGRATE_ON_START === "1") {
		await applyMigrations(databaseUrl);
	}

	const { logger } = await import("../lib/logger.server");
	if (settings.APP_ENV === "development") {
		// Rows of an older format or key are rewritten at once here; production queues `platform.reencrypt`.
		const { reencryptPersonalData } = await import("../lib/reencrypt.server");
		const { resealLocalUploads } = await import("../modules/files/storage.server");
		const rewritten = (await reencryptPersonalData()) + (await resealLocalUploads());
		if (rewritten > 0) say(`Personal data re-encrypted under the current key (${rewritten} values and files).`);
	}
	if (settings.APP_ENV === "development" && settings.SEED !== "0") {
		const { seedDemoData } = await import("./demo-data");
		const added = await seedDemoData();
		if (added > 0) say(`Demo data loaded (${added} records).`);
	}

	const lifecycle: Lifecycle = { draining: false };
	const runsWorker = settings.ROLE !== "web";
	const runsWeb = settings.ROLE !== "worker";
	if (runsWorker) {
		const { startWorker } = await import("../../jobs/worker");
		await startWorker();
	}

	let server: Server | undefined;
	let closeVite: (() => Promise<void>) | undefined;
	if (runsWeb) {
		const { createApp } = await import("./app");
		const extraRouters = [];
		if (settings.APP_ENV !== "production") {
			const { developmentRouter } = await import("./development-routes");
			extraRouters.push(developmentRouter());
		}
		let app: ReturnType<typeof createApp>;
		if (development) {
			const vite = await import("vite");
			const viteServer = await vite.createServer({ server: { middlewareMode: true } });
			closeVite = () => viteServer.close();
			app = createApp({ lifecycle, vite: viteServer, extraRouters });
		} else {
			const buildDir = resolve(settings.BUILD_DIR);
			ensureBuild(buildDir);
			const build = (await import(pathToFileURL(join(buildDir, "server", "index.js")).href)) as ServerBuild;
			app = createApp({ lifecycle, build, buildDir, extraRouters });
		}
		server = await new Promise<Server>((listening) => {
			const instance = app.listen(settings.PORT, settings.HOST, () => listening(instance));
		});
		server.keepAliveTimeout = 65_000;
		const address = server.address();
		const port = typeof address === "object" && address ? address.port : settings.PORT;
		say(
			`CuePal 球伴 is ready at ${settings.APP_URL ?? `http://localhost:${port}`} (${Math.round(performance.now() - startedAt)} ms)`,
		);
	} else {
		say(`CuePal worker is running (${Math.round(performance.now() - startedAt)} ms)`);
	}

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, "shutting down");
		lifecycle.draining = true;
		const force = setTimeout(() => {
			console.error("Shutdown took too long; exiting.");
			process.exit(1);
		}, 25_000);
		force.unref();
		if (server) {
			const closed = new Promise<void>((done) => server?.close(() => done()));
			// Open live feeds never finish by themselves: end them so the drain does not wait for them
			// (browsers reconnect to another instance).
			const { closeLiveStreams } = await import("../lib/live.server");
			await closeLiveStreams();
			server.closeIdleConnections();
			await closed;
		}
		await closeVite?.();
		const { stopQueues } = await import("../../jobs/boss");
		await stopQueues();
		const { closeDatabase } = await import("../lib/db.server");
		await closeDatabase();
		await embedded?.stop();
		say("Stopped cleanly.");
		process.exit(0);
	};
	process.on("SIGINT", () => void stop("SIGINT"));
	process.on("SIGTERM", () => void stop("SIGTERM"));
}

function ensureBuild(buildDir: string) {
	if (existsSync(join(buildDir, "server", "index.js"))) return;
	say("No build found: building the app once (this takes a little while)…");
	const cli = resolve("node_modules/@react-router/dev/bin.cjs");
	if (!existsSync(cli)) throw new Error(`No build in ${buildDir} and no build tools installed: run \`npm run build\` first`);
	const result = spawnSync(process.execPath, [cli, "build"], {
		stdio: "inherit",
		env: { ...process.env, NODE_ENV: "production" },
	});
	if (result.status !== 0) throw new Error("the build failed");
}

main().catch(async (error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	// Never leave the embedded database running behind a failed start.
	await embedded?.stop().catch(() => {});
	process.exit(1);
});
