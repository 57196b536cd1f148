import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "@playwright/test";

/**
 * Inserts what an end-to-end test needs straight into the e2e server's database, through the
 * accounts module itself (so rows are encrypted exactly as the app writes them).
 */
let ready: Promise<void> | undefined;

function connect(): Promise<void> {
	ready ??= (async () => {
		const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
		const cluster = JSON.parse(readFileSync(join(dataDir, "cluster.json"), "utf8")) as {
			port: number;
			user: string;
			password: string;
		};
		const secrets = JSON.parse(readFileSync(join(dataDir, "dev-secrets.json"), "utf8")) as Record<string, string>;
		Object.assign(process.env, secrets, {
			DATABASE_URL: `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`,
			LOG_LEVEL: "silent",
		});
	})();
	return ready;
}

/** A player account with a phone number (and no password), as a first SMS sign-in leaves it. */
export async function createPlayer(phone: string, displayName = "测试球友"): Promise<string> {
	await connect();
	const { createUser, findUserByPhone } = await import("../../app/modules/accounts/users.server");
	const existing = await findUserByPhone(`+86${phone}`);
	if (existing) return existing.id;
	return (await createUser({ displayName, phone: `+86${phone}` })).id;
}

/** A signed-in browser for an account made by a fixture: a real session row, its token as the cookie. */
export async function signInBrowser(context: BrowserContext, baseURL: string, userId: string): Promise<void> {
	await connect();
	const { createSession } = await import("../../app/modules/accounts/sessions.server");
	const { token } = await createSession(userId, { ip: "127.0.0.1", userAgent: "e2e" });
	await context.addCookies([{ name: "cp_session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}
