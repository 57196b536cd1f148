import type { Server } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { inject } from "vitest";
import type { Lifecycle } from "~/server/health";

export interface TestApp {
	url: string;
	lifecycle: Lifecycle;
	close(): Promise<void>;
}

/** The real HTTP app (built pages, API, development routes) on a free loopback port. */
export async function startTestApp(options: { development?: boolean } = {}): Promise<TestApp> {
	const { createApp } = await import("~/server/app");
	const { developmentRouter } = await import("~/server/development-routes");
	// The run's own copy of the build (tests/support/global-setup.ts), safe from rebuilds elsewhere.
	const buildDir = resolve(inject("buildDir") ?? "build");
	const build = (await import(pathToFileURL(resolve(buildDir, "server/index.js")).href)) as ServerBuild;
	const lifecycle: Lifecycle = { draining: false };
	const app = createApp({
		lifecycle,
		build,
		buildDir,
		extraRouters: options.development === false ? [] : [developmentRouter()],
	});
	const server = await new Promise<Server>((ready) => {
		const instance = app.listen(0, "127.0.0.1", () => ready(instance));
	});
	const address = server.address();
	const port = typeof address === "object" && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		lifecycle,
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}

/**
 * The app configured by the given settings (a provider fake's, say). Settings are read once per
 * process, so they are put into the environment before the app starts; APP_URL — where a trade's
 * notify URL points — is known only once it listens. Closing it restores the environment.
 */
export async function startConfiguredApp(settings: Record<string, string>): Promise<TestApp> {
	const { rereadSettings } = await import("~/lib/config.server");
	const changed = [...Object.keys(settings), "APP_URL"];
	const saved = Object.fromEntries(changed.map((name) => [name, process.env[name]]));
	Object.assign(process.env, settings);
	rereadSettings();
	const app = await startTestApp();
	process.env.APP_URL = app.url;
	rereadSettings();
	return {
		...app,
		close: async () => {
			await app.close();
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
			rereadSettings();
		},
	};
}
