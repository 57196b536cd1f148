import { existsSync } from "node:fs";

/**
 * The browser for end-to-end tests: Debian's Chromium when installed, otherwise the one
 * Playwright manages. Neither → a message naming the command that installs one.
 */
export async function findChromium(): Promise<string | undefined> {
	for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
		if (candidate && existsSync(candidate)) return candidate;
	}
	try {
		const { chromium } = await import("@playwright/test");
		const managed = chromium.executablePath();
		if (managed && existsSync(managed)) return undefined;
	} catch {
		// fall through to the message below
	}
	throw new Error(
		"No Chromium found for the end-to-end tests. Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`.",
	);
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
