import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A second instance of the app on the e2e server's database, started with settings the e2e server
 * lacks (the loopback LiveKit, a loopback bucket): the lesson-room specs open their pages on it.
 * It shares the e2e server's already migrated database, so sessions made by the fixtures sign in
 * there too. Each spec file passes its own port offset so that two files never share a port.
 */
export interface VideoApp {
	url: string;
	stop(): void;
}

const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";

export async function startVideoApp(portOffset: number, settings: Record<string, string>): Promise<VideoApp> {
	const port = Number(process.env.E2E_PORT ?? 3999) + portOffset;
	const cluster = JSON.parse(readFileSync(join(dataDir, "cluster.json"), "utf8")) as {
		port: number;
		user: string;
		password: string;
	};
	// Its output beside the run's database, to read when a spec on it fails.
	const log = openSync(`${dataDir}-video-app-${portOffset}.log`, "w");
	const child: ChildProcess = spawn("npx", ["tsx", "app/server/start.ts"], {
		stdio: ["ignore", log, log],
		// Its own process group: npx does not pass SIGTERM on, so the group is stopped as a whole.
		detached: true,
		env: {
			...process.env,
			PORT: String(port),
			DATA_DIR: dataDir,
			BUILD_DIR: `${dataDir}-build`,
			DATABASE_URL: `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`,
			APP_ENV: "development",
			ROLE: "web",
			SEED: "0",
			LOG_LEVEL: "warn",
			...settings,
		},
	});
	const url = `http://127.0.0.1:${port}`;
	const stop = () => {
		if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
	};
	// Ready when its health route answers.
	for (;;) {
		const ok = await fetch(`${url}/healthz`).then(
			(response) => response.ok,
			() => false,
		);
		if (ok) return { url, stop };
		if (child.exitCode !== null) throw new Error("the app with the lesson-room settings stopped before it was ready");
		await new Promise((next) => setTimeout(next, 250));
	}
}
