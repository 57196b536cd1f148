import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { termsVersion } from "~/modules/legal/documents";
import { latestCode, postJson, sendSmsCode, signInBySms, solvedChallenge } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});
// Every test starts with the address's hour unused (all requests come from 127.0.0.1).
beforeEach(async () => {
	await db().execute("delete from rate_limits");
});

const api = (path: string) => `${app.url}/api/v1${path}`;
const wrongCodes = (code: string, count: number) =>
	Array.from({ length: count }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, "0"));

describe("SMS code tries", () => {
	it("counts every guess of a burst exactly, kills the code at five, and keeps serving", async () => {
		const phone = "13955550001";
		expect((await sendSmsCode(app.url, { phone })).status).toBe(202);
		const code = await latestCode(app.url, `+86${phone}`);

		const answers = await Promise.all(
			wrongCodes(code, 48).map((guess) => postJson(api("/auth/sms-login"), { phone, code: guess, termsVersion })),
		);
		expect(answers.map((answer) => answer.status)).toEqual(Array(48).fill(401));
		const messages = answers.map((answer) => answer.body.error.message);
		expect(messages.filter((message) => message === "验证码错误或已过期，请重新获取")).toHaveLength(5);
		expect(messages.filter((message) => message === "验证码错误次数过多，请重新获取")).toHaveLength(43);

		const right = await postJson(api("/auth/sms-login"), { phone, code, termsVersion });
		expect(right.status).toBe(401);
		expect(right.body.error.message).toBe("验证码错误次数过多，请重新获取");

		// The burst left the pool usable: health and a whole new sign-in still answer.
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		const other = await signInBySms(app.url, "13955550002");
		expect(other.token).toBeTruthy();
	});

	it("lets only one of two simultaneous sign-ins with the right code through", async () => {
		const phone = "13955550003";
		await sendSmsCode(app.url, { phone });
		const code = await latestCode(app.url, `+86${phone}`);
		const answers = await Promise.all([1, 2, 3].map(() => postJson(api("/auth/sms-login"), { phone, code, termsVersion })));
		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401]);
	});
});

describe("SMS send limits", () => {
	it("counts refused sends: a number asked for every few seconds uses up its day", async () => {
		const phone = "13955550010";
		expect((await sendSmsCode(app.url, { phone })).status).toBe(202);
		for (let attempt = 0; attempt < 10; attempt++) {
			expect((await sendSmsCode(app.url, { phone })).status).toBe(429);
		}
		// A minute later (its window removed) the number is still refused: the day's ten are used.
		await db().execute("delete from rate_limits where key like 'code:min:%'");
		const later = await sendSmsCode(app.url, { phone });
		expect(later.status).toBe(429);
		expect(Number(later.headers.get("retry-after"))).toBeGreaterThan(3600);
	});
});

describe("SMS human check", () => {
	it("asks nothing for the first five texts of an hour, then one solved challenge per text", async () => {
		for (let index = 0; index < 5; index++) {
			expect((await postJson(api("/auth/sms-codes"), { phone: `1396666000${index}` })).status).toBe(202);
		}
		const sixth = await postJson(api("/auth/sms-codes"), { phone: "13966660005" });
		expect(sixth.status).toBe(403);
		expect(sixth.body.error).toEqual({ code: "challenge_required", message: "请先完成人机验证再获取验证码" });
		const english = await postJson(api("/auth/sms-codes"), { phone: "13966660005" }, { "accept-language": "en" });
		expect(english.body.error.message).toBe("Complete the human check before asking for a code");

		const challenge = await solvedChallenge(app.url);
		expect((await postJson(api("/auth/sms-codes"), { phone: "13966660005", challenge })).status).toBe(202);
		await expect(latestCode(app.url, "+8613966660005")).resolves.toMatch(/^\d{6}$/);

		const reused = await postJson(api("/auth/sms-codes"), { phone: "13966660006", challenge });
		expect(reused.status).toBe(403);
		expect(reused.body.error.message).toBe("人机验证已失效，请重新验证");
		await expect(latestCode(app.url, "+8613966660006")).rejects.toThrow();
	});

	it("refuses a forged or tampered solution", async () => {
		for (let index = 0; index < 5; index++) await postJson(api("/auth/sms-codes"), { phone: `1397777000${index}` });
		const genuine = JSON.parse(Buffer.from(await solvedChallenge(app.url), "base64").toString());
		const forged = { ...genuine, solution: { ...genuine.solution, counter: genuine.solution.counter + 1 } };
		const easier = {
			...genuine,
			challenge: { ...genuine.challenge, parameters: { ...genuine.challenge.parameters, keyPrefix: "0" } },
		};
		for (const payload of [forged, easier]) {
			const challenge = Buffer.from(JSON.stringify(payload)).toString("base64");
			const answer = await postJson(api("/auth/sms-codes"), { phone: "13977770009", challenge });
			expect(answer.status).toBe(403);
			expect(answer.body.error.code).toBe("challenge_required");
		}
		const garbage = await postJson(api("/auth/sms-codes"), { phone: "13977770009", challenge: "not base64 json" });
		expect(garbage.status).toBe(403);
	});

	it("asks a password reset by phone the same, whether or not the number has an account", async () => {
		await signInBySms(app.url, "13988880001");
		for (let index = 0; index < 4; index++) await postJson(api("/auth/sms-codes"), { phone: `1398888001${index}` });
		const known = await postJson(api("/auth/password-reset-codes"), { identifier: "13988880001" });
		const unknown = await postJson(api("/auth/password-reset-codes"), { identifier: "13988889999" });
		expect(known.status).toBe(403);
		expect(unknown).toMatchObject({ status: known.status, body: known.body });
		await db().execute("delete from rate_limits where key like 'code:min:%'"); // a minute later
		const solved = await sendSmsCode(app.url, { identifier: "13988880001" }, "/auth/password-reset-codes");
		expect(solved.status).toBe(202);
		// Email codes are not texts: no check.
		expect((await postJson(api("/auth/password-reset-codes"), { identifier: "someone@example.com" })).status).toBe(202);
	});

	it("documents the challenge for app and mini-program clients", async () => {
		const document = await (await fetch(api("/openapi.json"))).json();
		expect(document.paths["/api/v1/auth/challenge"].get.responses["200"]).toBeTruthy();
		const send = document.paths["/api/v1/auth/sms-codes"].post;
		expect(send.requestBody.content["application/json"].schema.properties.challenge.description).toContain("challenge_required");
		expect(send.responses["403"].description).toContain("challenge_required");

		const challenge = await (await fetch(api("/auth/challenge"))).json();
		expect(challenge.parameters).toMatchObject({ algorithm: "SHA-256", keyLength: 32 });
		expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
	});

	it("shows the check on the sign-in page and sends once the form carries a solution", async () => {
		for (let index = 0; index < 5; index++) await postJson(api("/auth/sms-codes"), { phone: `1399999000${index}` });
		const form = (fields: Record<string, string>) =>
			fetch(`${app.url}/login`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
				body: new URLSearchParams({ intent: "send-code", ...fields }).toString(),
			});
		const page = await fetch(`${app.url}/login`);
		expect(await page.text()).toContain('data-human-check="needed"');
		const refused = await form({ phone: "13999990009" });
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain("请先完成人机验证再获取验证码");
		const sent = await form({ phone: "13999990009", challenge: await solvedChallenge(app.url) });
		expect(sent.status).toBe(200);
		await expect(latestCode(app.url, "+8613999990009")).resolves.toMatch(/^\d{6}$/);
	});
});
