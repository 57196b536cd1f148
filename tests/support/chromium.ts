import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The browser for end-to-end tests: an installed Chromium (CHROMIUM_PATH, the distribution's),
 * else the one Playwright manages. With neither, `npm test` provisions one itself, so the
 * README's `npm install && npm test` is enough on a fresh machine: Playwright's managed browser
 * where it can be downloaded, else the distribution's package when we may install packages
 * (root or passwordless sudo), else a message naming the commands.
 */
export const systemChromiums = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The executable to launch; undefined means Playwright's own managed browser. */
export async function findChromium(candidates = systemChromiums): Promise<string | undefined> {
	const found = await locateChromium(candidates);
	if (found) return found.path;
	provisionChromium();
	const provisioned = await locateChromium(candidates);
	if (provisioned) return provisioned.path;
	throw new Error(
		"No Chromium for the end-to-end tests, and none could be installed here (the download failed, and installing packages needs root or passwordless sudo). Install one with `npx playwright install chromium`, or `sudo apt-get install -y chromium` on Debian/Ubuntu, or point CHROMIUM_PATH at one.",
	);
}

async function locateChromium(candidates: string[]): Promise<{ path: string | undefined } | null> {
	for (const candidate of [process.env.CHROMIUM_PATH, ...candidates]) {
		if (candidate && existsSync(candidate)) return { path: candidate };
	}
	try {
		const { chromium } = await import("@playwright/test");
		const managed = chromium.executablePath();
		if (managed && existsSync(managed)) return { path: undefined };
	} catch {
		// not installed: provision one
	}
	return null;
}

const succeeds = (command: string, args: string[], env: Record<string, string> = {}) =>
	spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env }, timeout: 15 * 60_000 }).status === 0;

/** Installs a Chromium the first way that works here; the caller looks again for what it got. */
export function provisionChromium(): void {
	console.log("No Chromium found for the end-to-end tests: downloading Playwright's (npx playwright install chromium)…");
	// A short connection timeout: without internet access the download fails in seconds, not minutes.
	if (succeeds("npx", ["playwright", "install", "chromium"], { PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: "20000" })) return;

	const isRoot = process.getuid?.() === 0;
	// sudo drops the environment, so the non-interactive setting goes through `env`.
	const asRoot = isRoot
		? []
		: spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0
			? ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"]
			: null;
	const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
	if (!asRoot || !hasApt) return;
	console.log("The download failed: installing the distribution's Chromium (apt-get install chromium fonts-noto-cjk)…");
	const run = (args: string[]) => {
		const [command, ...rest] = [...asRoot, ...args];
		return succeeds(command as string, rest, { DEBIAN_FRONTEND: "noninteractive" });
	};
	// CJK fonts too: the pages are Chinese first, and without them text renders as boxes.
	if (run(["apt-get", "update", "-qq"])) run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"]);
}

export const chromiumArgs = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];
