import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { postJson, solvedChallenge } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";

// The tests play several clients from one machine: the loopback peer is the trusted proxy that
// says which address each request comes from.
process.env.TRUSTED_PROXIES = "loopback";

let app: TestApp;
beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});
beforeEach(async () => {
	await db().execute("delete from rate_limits");
});

const demoPassword = "Demo@2026";
const signIn = (identifier: string, password: string, from: string, extra: Record<string, string> = {}) =>
	postJson(`${app.url}/api/v1/auth/password-login`, { identifier, password, ...extra }, { "x-forwarded-for": from });
/** What a client sees, with the seconds of a wait left out (they tick between two requests). */
const seen = (answer: Awaited<ReturnType<typeof signIn>>) => ({
	status: answer.status,
	code: answer.body.error?.code,
	message: String(answer.body.error?.message).replace(/\d+/g, "#"),
});

describe("password sign-in without account enumeration", () => {
	it("answers a wrong password and an unknown account the same, before and after the lockout", async () => {
		const known: ReturnType<typeof seen>[] = [];
		const unknown: ReturnType<typeof seen>[] = [];
		for (let attempt = 0; attempt < 7; attempt++) {
			known.push(seen(await signIn("13800000002", "wrong-pass-1", "203.0.113.10")));
			unknown.push(seen(await signIn("13899990000", "wrong-pass-1", "203.0.113.10")));
		}
		expect(unknown).toEqual(known);
		expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
		expect(known[0]).toEqual({ status: 401, code: "unauthorized", message: "账号或密码错误" });
		expect(known[5]?.code).toBe("rate_limited");
	});

	it("locks out the guessing client, not the owner signing in from elsewhere", async () => {
		for (let attempt = 0; attempt < 6; attempt++) await signIn("13800000003", "wrong-pass-1", "203.0.113.20");
		const stranger = await signIn("13800000003", demoPassword, "203.0.113.20");
		expect(stranger.status).toBe(429);
		expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);

		const owner = await signIn("13800000003", demoPassword, "198.51.100.7");
		expect(owner.status).toBe(200);
		expect(owner.body.user.displayName).toBe("张老板");
	});

	it("asks for the human check once an identifier has had many tries from many addresses, known or not", async () => {
		const spread = async (identifier: string) => {
			for (let attempt = 0; attempt < 20; attempt++) await signIn(identifier, "wrong-pass-1", `203.0.113.${100 + attempt}`);
			return signIn(identifier, demoPassword, "198.51.100.50");
		};
		const known = await spread("13800000001");
		const unknown = await spread("13899990001");
		expect(known.status).toBe(403);
		expect(known.body.error).toEqual({ code: "challenge_required", message: "该账号尝试次数较多，请先完成人机验证再登录" });
		expect(unknown.body).toEqual(known.body);

		const solved = await signIn("13800000001", demoPassword, "198.51.100.50", { challenge: await solvedChallenge(app.url) });
		expect(solved.status).toBe(200);
	});
});
