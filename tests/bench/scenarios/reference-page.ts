import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../app-process";
import { defineScenario } from "../harness";
import { referencePageName } from "../render-goals";
import { benchDatabaseUrl } from "./_booking";

/**
 * The minimal React Router page the render goals are measured against (issue 12.1): Express 5 +
 * @react-router/express, one route that reads 20 coaches through drizzle and renders them with
 * i18next, no compression (tests/bench/reference/). Built once per bench run into
 * .data/bench-reference/build (never the shared build/), started as its own process on its own
 * port against the bench database, and stopped after its measure.
 */
export default defineScenario({
	name: referencePageName,
	description: "minimal React Router page (Express 5, 20 rows through drizzle, i18next, no compression), its own process",
	order: 39,
	async setup(_baseUrl, ctx) {
		const buildDir = join(ctx.rootDir, ".data", "bench-reference", "build");
		const built = spawnSync("npx", ["react-router", "build", "tests/bench/reference"], {
			cwd: ctx.rootDir,
			stdio: ["ignore", "ignore", 2],
			env: { ...process.env, NODE_ENV: "production" },
		});
		if (built.status !== 0 || !existsSync(join(buildDir, "server", "index.js")))
			throw new Error(`the reference page did not build (exit ${built.status})`);
		const port = await freePort();
		const child = spawn(
			process.execPath,
			[join(ctx.rootDir, "node_modules", "tsx", "dist", "cli.mjs"), "tests/bench/reference/server.ts"],
			{
				cwd: ctx.rootDir,
				env: {
					...process.env,
					NODE_ENV: "production",
					PORT: String(port),
					REFERENCE_BUILD_DIR: buildDir,
					REFERENCE_DATABASE_URL: benchDatabaseUrl(ctx),
				},
				stdio: ["ignore", "pipe", "pipe"],
			},
		);
		ctx.onCleanup(() => stopChild(child));
		await ready(child);
		return {
			baseUrl: `http://127.0.0.1:${port}`,
			path: "/",
			headers: { accept: "text/html", "accept-encoding": "br", "accept-language": "zh-CN" },
		};
	},
});

function ready(child: ChildProcess): Promise<void> {
	return new Promise((resolve, reject) => {
		let output = "";
		const timer = setTimeout(() => reject(new Error(`the reference page did not start: ${output.slice(-500)}`)), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes("reference page ready at")) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on("data", onData);
		child.stderr?.on("data", onData);
		child.once("exit", (code) => {
			clearTimeout(timer);
			reject(new Error(`the reference page exited (code ${code}): ${output.slice(-500)}`));
		});
	});
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once("exit", done));
	child.kill("SIGTERM");
	await exited;
}
