import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, findChromium } from "./tests/support/chromium";
import { snapshotBuild } from "./tests/support/fresh-build";

const port = Number(process.env.E2E_PORT ?? 3999);
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
const executablePath = await findChromium();
// The server below serves a copy of a fresh build/ (rebuilt first if the code changed since, unless
// npm test just built it), so a rebuild of the checkout during the run cannot change it.
const buildDir = snapshotBuild(`${dataDir}-build`);
const launchOptions = { executablePath, args: chromiumArgs };

export default defineConfig({
	testDir: "tests/e2e",
	// Traces and screenshots next to the run's own database: a second run on the machine (another
	// E2E_DATA_DIR) clears its own folder, not this one's in the middle of a test.
	outputDir: process.env.E2E_DATA_DIR ? `${dataDir}-results` : "test-results",
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
	use: { baseURL: `http://127.0.0.1:${port}`, locale: "zh-CN", trace: "retain-on-failure" },
	projects: [
		{ name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions } },
		{ name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions } },
	],
	webServer: {
		// The real app on its own embedded database, fresh for every run.
		command: `rm -rf ${dataDir} && npx tsx app/server/start.ts`,
		url: `http://127.0.0.1:${port}/healthz`,
		env: { PORT: String(port), DATA_DIR: dataDir, BUILD_DIR: buildDir, LOG_LEVEL: "warn", APP_ENV: "development" },
		reuseExistingServer: false,
		timeout: 120_000,
		gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
	},
});
