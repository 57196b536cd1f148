import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { postJson, proofCode, requestJson, signInBySms } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});
// Codes for sign-in and for the proof go to the same number: each test starts outside its minute.
const clearLimits = () => db().execute("delete from rate_limits");
beforeEach(clearLimits);

const api = (path: string) => `${app.url}/api/v1${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const stillSignedIn = async (token: string) => (await fetch(api("/me"), { headers: bearer(token) })).status === 200;

/** A signed-in account with a password set (through an SMS proof), as most accounts end up. */
async function accountWithPassword(phone: string, password: string) {
	const session = await signInBySms(app.url, phone);
	await clearLimits();
	const smsCode = await proofCode(app.url, session.token, phone);
	const set = await postJson(api("/me/password"), { newPassword: password, smsCode }, bearer(session.token));
	expect(set.status).toBe(200);
	await clearLimits();
	return session;
}

describe("deleting the account", () => {
	it("needs a fresh proof: the session's token alone deletes nothing", async () => {
		const { token } = await signInBySms(app.url, "13966610001");
		const bare = await requestJson("DELETE", api("/me"), {}, bearer(token));
		expect(bare.status).toBe(400);
		expect(bare.body.error.message).toBe("请先验证身份：输入当前密码、短信验证码或身份验证器验证码");
		const english = await requestJson("DELETE", api("/me"), {}, { ...bearer(token), "accept-language": "en" });
		expect(english.body.error.message).toBe(
			"Confirm it's you first: enter your current password, an SMS code or an authenticator code",
		);
		const guessed = await requestJson("DELETE", api("/me"), { smsCode: "123456" }, bearer(token));
		expect(guessed.status).toBe(400);
		expect(guessed.body.error.fields.smsCode).toBe("验证码错误或已过期，请重新获取");
		expect(await stillSignedIn(token)).toBe(true);

		await clearLimits();
		const smsCode = await proofCode(app.url, token, "13966610001");
		expect((await requestJson("DELETE", api("/me"), { smsCode }, bearer(token))).status).toBe(204);
		expect(await stillSignedIn(token)).toBe(false);
	});

	it("takes the current password as the proof, and limits wrong ones", async () => {
		const { token } = await accountWithPassword("13966610002", "Proof147x");
		for (let attempt = 0; attempt < 5; attempt++) {
			const wrong = await requestJson("DELETE", api("/me"), { currentPassword: `Wrong${attempt}47x` }, bearer(token));
			expect(wrong.status).toBe(400);
			expect(wrong.body.error.fields.currentPassword).toBe("当前密码不正确");
		}
		const limited = await requestJson("DELETE", api("/me"), { currentPassword: "Proof147x" }, bearer(token));
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
		expect(await stillSignedIn(token)).toBe(true);

		await clearLimits();
		expect((await requestJson("DELETE", api("/me"), { currentPassword: "Proof147x" }, bearer(token))).status).toBe(204);
	});

	it("asks the same on the page, and deletes once the proof is given", async () => {
		const { token } = await accountWithPassword("13966610003", "Proof147x");
		const page = (fields: Record<string, string>) =>
			fetch(`${app.url}/me/security`, {
				method: "POST",
				redirect: "manual",
				headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url, cookie: `cp_session=${token}` },
				body: new URLSearchParams({ intent: "delete-account", confirm: "注销", ...fields }).toString(),
			});
		const bare = await page({ currentPassword: "", smsCode: "" });
		expect(bare.status).toBe(400);
		expect(await bare.text()).toContain("请先验证身份");
		expect(await stillSignedIn(token)).toBe(true);
		const done = await page({ currentPassword: "Proof147x" });
		expect(done.status).toBe(302);
		expect(await stillSignedIn(token)).toBe(false);
	});
});

describe("changing the password", () => {
	it("needs a fresh proof even to set the first one", async () => {
		const { token } = await signInBySms(app.url, "13966620001");
		const bare = await postJson(api("/me/password"), { newPassword: "Stolen147x" }, bearer(token));
		expect(bare.status).toBe(400);
		expect(bare.body.error.code).toBe("validation_failed");
		const login = await postJson(api("/auth/password-login"), { identifier: "13966620001", password: "Stolen147x" });
		expect(login.status).toBe(401);
	});

	it("takes the current password, and limits wrong ones", async () => {
		const { token } = await accountWithPassword("13966620002", "Proof147x");
		for (let attempt = 0; attempt < 5; attempt++) {
			const wrong = await postJson(
				api("/me/password"),
				{ currentPassword: `Wrong${attempt}47x`, newPassword: "Other147x" },
				bearer(token),
			);
			expect(wrong.body.error.fields.currentPassword).toBe("当前密码不正确");
		}
		const limited = await postJson(
			api("/me/password"),
			{ currentPassword: "Proof147x", newPassword: "Other147x" },
			bearer(token),
		);
		expect(limited.status).toBe(429);
		await clearLimits();
		const changed = await postJson(
			api("/me/password"),
			{ currentPassword: "Proof147x", newPassword: "Other147x" },
			bearer(token),
		);
		expect(changed.status).toBe(200);
	});
});

describe("turning off the second factor", () => {
	it("needs a code that has not been used already: the one that just signed in is refused", async () => {
		const phone = "13966630001";
		const { token } = await accountWithPassword(phone, "Proof147x");
		const setup = await postJson(api("/me/two-factor/setup"), {}, bearer(token));
		const key = decodeBase32IgnorePadding(setup.body.secret);
		expect((await postJson(api("/me/two-factor/enable"), { code: generateTOTP(key, 30, 6) }, bearer(token))).status).toBe(200);

		const pending = await postJson(api("/auth/password-login"), { identifier: phone, password: "Proof147x" });
		const used = generateTOTP(key, 30, 6);
		expect((await postJson(api("/auth/two-factor"), { code: used }, bearer(pending.body.token))).status).toBe(204);
		const replayed = await postJson(api("/me/two-factor/disable"), { code: used }, bearer(pending.body.token));
		expect(replayed.status).toBe(400);
		expect(replayed.body.error.fields.code).toBe("动态验证码不正确");

		// The next period's code (accepted within the grace period) is a fresh proof.
		const next = generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + 1), 6);
		expect((await postJson(api("/me/two-factor/disable"), { code: next }, bearer(pending.body.token))).status).toBe(204);
		expect((await fetch(api("/me"), { headers: bearer(token) })).status).toBe(200);
	});
});
