import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { termsVersion } from "~/modules/legal/documents";
import { latestCode, postJson, proofCode, requestJson, signInBySms } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const api = (path: string) => `${app.url}/api/v1${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const clearLimits = () => db().execute("delete from rate_limits");

describe("email sign-up", () => {
	it("signs in by email only after the address is confirmed with its code", async () => {
		const signUp = await postJson(api("/auth/email-signup"), {
			displayName: "林小球",
			email: "Lin@Example.com",
			password: "Cue2026x",
			termsVersion,
		});
		expect(signUp.status).toBe(202);
		const early = await postJson(api("/auth/password-login"), { identifier: "lin@example.com", password: "Cue2026x" });
		expect(early.status).toBe(401);

		const code = await latestCode(app.url, "lin@example.com");
		const confirmed = await postJson(api("/auth/email-confirm"), { email: "lin@example.com", code });
		expect(confirmed.status).toBe(200);
		expect(confirmed.body.user.emailVerified).toBe(true);

		const login = await postJson(api("/auth/password-login"), { identifier: "LIN@example.com", password: "Cue2026x" });
		expect(login.status).toBe(200);
		expect(login.body.user.displayName).toBe("林小球");
		const again = await postJson(api("/auth/email-signup"), {
			displayName: "x",
			email: "lin@example.com",
			password: "Cue2026x",
			termsVersion,
		});
		expect(again.status).toBe(409);
		expect(again.body.error.fields.email).toBe("这个邮箱已被其他账号使用");
	});

	it("refuses weak passwords and bad emails beside each field", async () => {
		const bad = await postJson(
			api("/auth/email-signup"),
			{ displayName: "<b>x</b>", email: "not-an-email", password: "short" },
			{ "accept-language": "en" },
		);
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual({
			displayName: "The nickname can't contain < or >",
			email: "Enter a valid email address",
			password: "At least 8 characters",
		});
	});
});

describe("password reset and change", () => {
	it("resets a password by SMS and ends every session", async () => {
		const { token } = await signInBySms(app.url, "13911110001");
		await clearLimits();
		expect((await postJson(api("/auth/password-reset-codes"), { identifier: "13911110001" })).status).toBe(202);
		const code = await latestCode(app.url, "+8613911110001");
		expect(
			(await postJson(api("/auth/password-reset"), { identifier: "13911110001", code, password: "NewPass123" })).status,
		).toBe(204);
		expect((await fetch(api("/me"), { headers: bearer(token) })).status).toBe(401);
		expect((await postJson(api("/auth/password-login"), { identifier: "13911110001", password: "NewPass123" })).status).toBe(200);
	});

	it("answers a reset request for an unknown account the same way, sending nothing", async () => {
		const before = (await (await fetch(`${app.url}/dev/outbox.json`)).json()).messages.length;
		const unknown = await postJson(api("/auth/password-reset-codes"), { identifier: "nobody@example.com" });
		expect(unknown.status).toBe(202);
		const after = (await (await fetch(`${app.url}/dev/outbox.json`)).json()).messages.length;
		expect(after).toBe(before);
	});

	it("changes the password and signs out the other sessions, keeping this one", async () => {
		const first = await signInBySms(app.url, "13911110002");
		await clearLimits();
		const second = await signInBySms(app.url, "13911110002");
		await clearLimits();
		const smsCode = await proofCode(app.url, second.token, "13911110002");
		const set = await postJson(api("/me/password"), { newPassword: "Break147x", smsCode }, bearer(second.token));
		expect(set.status).toBe(200);
		expect(set.body.signedOutSessions).toBe(1);
		expect((await fetch(api("/me"), { headers: bearer(first.token) })).status).toBe(401);
		expect((await fetch(api("/me"), { headers: bearer(second.token) })).status).toBe(200);
		const wrongCurrent = await postJson(
			api("/me/password"),
			{ currentPassword: "nope", newPassword: "Other147x" },
			bearer(second.token),
		);
		expect(wrongCurrent.status).toBe(400);
		expect(wrongCurrent.body.error.fields.currentPassword).toBe("当前密码不正确");
	});
});

describe("sessions and notices", () => {
	it("lists sessions with device and place, signs one out, and notices a new device", async () => {
		const phone = "13911110003";
		const first = await signInBySms(app.url, phone);
		await clearLimits();
		await postJson(api("/auth/sms-codes"), { phone });
		const code = await latestCode(app.url, `+86${phone}`);
		const fromIphone = await postJson(
			api("/auth/sms-login"),
			{ phone, code },
			{ "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Safari/604.1" },
		);
		const listed = await (await fetch(api("/me/sessions"), { headers: bearer(first.token) })).json();
		expect(listed.items).toHaveLength(2);
		const iphone = listed.items.find((item: { device: string }) => item.device === "Safari · iOS");
		expect(iphone.place).toBe("local");

		const notices = await (await fetch(api("/me/notifications"), { headers: bearer(first.token) })).json();
		expect(notices.unread).toBe(1);
		expect(notices.items[0].text).toContain("您的账号在新设备登录：Safari · iOS");

		expect((await fetch(api(`/me/sessions/${iphone.id}`), { method: "DELETE", headers: bearer(first.token) })).status).toBe(204);
		expect((await fetch(api("/me"), { headers: bearer(fromIphone.body.token) })).status).toBe(401);
		expect((await fetch(api("/me/sessions/0123456789abcdef"), { method: "DELETE", headers: bearer(first.token) })).status).toBe(
			404,
		);

		expect((await postJson(api("/me/notifications/read"), {}, bearer(first.token))).status).toBe(204);
		expect((await (await fetch(api("/me/notifications"), { headers: bearer(first.token) })).json()).unread).toBe(0);
	});
});

describe("two-step verification", () => {
	it("needs the authenticator code after sign-in once turned on, and accepts a recovery code once", async () => {
		const phone = "13911110004";
		const { token } = await signInBySms(app.url, phone);
		await clearLimits();
		const smsCode = await proofCode(app.url, token, phone);
		await postJson(api("/me/password"), { newPassword: "Totp1234x", smsCode }, bearer(token));
		const setup = await postJson(api("/me/two-factor/setup"), {}, bearer(token));
		const key = decodeBase32IgnorePadding(setup.body.secret);
		expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
		expect((await postJson(api("/me/two-factor/enable"), { code: "000000" }, bearer(token))).status).toBe(400);
		const enabled = await postJson(api("/me/two-factor/enable"), { code: generateTOTP(key, 30, 6) }, bearer(token));
		expect(enabled.body.recoveryCodes).toHaveLength(10);

		const login = await postJson(api("/auth/password-login"), { identifier: phone, password: "Totp1234x" });
		expect(login.body.secondFactorRequired).toBe(true);
		expect((await fetch(api("/me"), { headers: bearer(login.body.token) })).status).toBe(401);
		const recovery = enabled.body.recoveryCodes[0];
		expect((await postJson(api("/auth/two-factor"), { code: recovery }, bearer(login.body.token))).status).toBe(204);
		expect((await fetch(api("/me"), { headers: bearer(login.body.token) })).status).toBe(200);

		const reuse = await postJson(api("/auth/password-login"), { identifier: phone, password: "Totp1234x" });
		expect((await postJson(api("/auth/two-factor"), { code: recovery }, bearer(reuse.body.token))).status).toBe(400);
		expect((await postJson(api("/auth/two-factor"), { code: generateTOTP(key, 30, 6) }, bearer(reuse.body.token))).status).toBe(
			204,
		);
	});
});

describe("account deletion", () => {
	it("erases personal data, ends sessions and frees the phone number", async () => {
		const phone = "13911110005";
		const { token, user } = await signInBySms(app.url, phone);
		await clearLimits();
		const smsCode = await proofCode(app.url, token, phone);
		expect((await requestJson("DELETE", api("/me"), { smsCode }, bearer(token))).status).toBe(204);
		expect((await fetch(api("/me"), { headers: bearer(token) })).status).toBe(401);
		const row = await db().execute<{ display_name: string; phone_enc: string | null; status: string }>(
			`select display_name, phone_enc, status from users where id = '${user.id}'`,
		);
		expect(row.rows[0]).toEqual({ display_name: "已注销用户", phone_enc: null, status: "deleted" });
		await clearLimits();
		const fresh = await signInBySms(app.url, phone);
		expect(fresh.user.id).not.toBe(user.id);
	});
});
