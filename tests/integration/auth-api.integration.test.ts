import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { termsVersion } from "~/modules/legal/documents";
import { latestCode, postJson, signInBySms } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let second: TestApp;
beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	second = await startTestApp();
});
afterAll(async () => {
	await app.close();
	await second.close();
});

const api = (path: string) => `${app.url}/api/v1${path}`;

describe("phone sign-in", () => {
	it("creates an account on first sign-in and the token works until logout", async () => {
		const sent = await postJson(api("/auth/sms-codes"), { phone: "139 0000 1234", purpose: "login" });
		expect(sent.status).toBe(202);
		const code = await latestCode(app.url, "+8613900001234");
		const login = await postJson(api("/auth/sms-login"), { phone: "13900001234", code, termsVersion });
		expect(login.status).toBe(200);
		expect(login.body.created).toBe(true);
		expect(login.body.user.phone).toBe("+8613900001234");
		expect(login.body.user.roles).toEqual(["player"]);

		const auth = { authorization: `Bearer ${login.body.token}` };
		const me = await fetch(api("/me"), { headers: auth });
		expect(me.status).toBe(200);
		expect((await me.json()).id).toBe(login.body.user.id);

		const logout = await fetch(api("/auth/logout"), { method: "POST", headers: auth });
		expect(logout.status).toBe(204);
		expect((await fetch(api("/me"), { headers: auth })).status).toBe(401);
	});

	it("signs an existing number into the same account", async () => {
		const first = await signInBySms(app.url, "13900002222");
		await new Promise((resolve) => setTimeout(resolve, 10));
		await db().execute("delete from rate_limits");
		const again = await signInBySms(app.url, "13900002222");
		expect(again.user.id).toBe(first.user.id);
	});

	it("refuses wrong, reused and guessed codes", async () => {
		await postJson(api("/auth/sms-codes"), { phone: "13900003333" });
		const code = await latestCode(app.url, "+8613900003333");
		const wrong = await postJson(api("/auth/sms-login"), {
			phone: "13900003333",
			code: code === "000000" ? "111111" : "000000",
			termsVersion,
		});
		expect(wrong.status).toBe(401);
		expect(wrong.body.error.message).toBe("验证码错误或已过期，请重新获取");
		expect((await postJson(api("/auth/sms-login"), { phone: "13900003333", code, termsVersion })).status).toBe(200);
		const reused = await postJson(api("/auth/sms-login"), { phone: "13900003333", code, termsVersion });
		expect(reused.status).toBe(401);

		await db().execute("delete from rate_limits");
		await postJson(api("/auth/sms-codes"), { phone: "13900004444" });
		const fresh = await latestCode(app.url, "+8613900004444");
		for (let attempt = 0; attempt < 5; attempt++) {
			await postJson(api("/auth/sms-login"), { phone: "13900004444", code: fresh === "123456" ? "654321" : "123456" });
		}
		const afterGuessing = await postJson(api("/auth/sms-login"), { phone: "13900004444", code: fresh, termsVersion });
		expect(afterGuessing.status).toBe(401);
		expect(afterGuessing.body.error.message).toBe("验证码错误次数过多，请重新获取");
	});

	it("limits codes per number across two app instances sharing one database", async () => {
		await db().execute("delete from rate_limits");
		expect((await postJson(`${app.url}/api/v1/auth/sms-codes`, { phone: "13900005555" })).status).toBe(202);
		const limited = await postJson(`${second.url}/api/v1/auth/sms-codes`, { phone: "13900005555" });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
		expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
	});

	it("names the field of an invalid phone number in the caller's language", async () => {
		const chinese = await postJson(api("/auth/sms-codes"), { phone: "12345" });
		expect(chinese.status).toBe(400);
		expect(chinese.body.error.fields.phone).toBe("请输入有效的手机号");
		const english = await postJson(api("/auth/sms-codes"), { phone: "<script>alert(1)</script>" }, { "accept-language": "en" });
		expect(english.body.error.fields.phone).toBe("Enter a valid phone number");
		const purpose = await postJson(api("/auth/sms-codes"), { phone: "13900006666", purpose: "'; drop table users; --" });
		expect(purpose.status).toBe(400);
		expect(purpose.body.error.fields.purpose).toBeTruthy();
	});
});

describe("password sign-in", () => {
	it("signs in the demo player by phone and by email", async () => {
		const byPhone = await postJson(api("/auth/password-login"), { identifier: "13800000001", password: "Demo@2026" });
		expect(byPhone.status).toBe(200);
		expect(byPhone.body.user.displayName).toBe("王小明");
		const byEmail = await postJson(api("/auth/password-login"), { identifier: "ADMIN@demo.cuepal.cn", password: "Demo@2026" });
		expect(byEmail.status).toBe(200);
		expect(byEmail.body.user.roles).toContain("admin");
	});

	it("answers the same for a wrong password and an unknown account", async () => {
		const wrong = await postJson(api("/auth/password-login"), { identifier: "13800000002", password: "nope-1234" });
		const unknown = await postJson(api("/auth/password-login"), { identifier: "13899999999", password: "nope-1234" });
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(unknown.body).toEqual(wrong.body);
	});

	it("makes an account wait after repeated failures, with Retry-After", async () => {
		for (let attempt = 0; attempt < 5; attempt++) {
			await postJson(api("/auth/password-login"), { identifier: "13800000004", password: "wrong-pass-1" });
		}
		const locked = await postJson(api("/auth/password-login"), { identifier: "13800000004", password: "Demo@2026" });
		expect(locked.status).toBe(429);
		expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(25);
	});
});

describe("bad requests", () => {
	it("answers malformed JSON, wrong content types and oversized bodies in the error shape", async () => {
		const malformed = await fetch(api("/auth/sms-codes"), {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: '{"phone": ',
		});
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).error.code).toBe("bad_request");

		const form = await fetch(api("/auth/sms-codes"), {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "phone=13800000001",
		});
		expect(form.status).toBe(415);
		expect((await form.json()).error.code).toBe("unsupported_media_type");

		const huge = await fetch(api("/auth/sms-codes"), {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ phone: "1".repeat(200_000) }),
		});
		expect(huge.status).toBe(413);
		const text = await huge.text();
		expect(JSON.parse(text).error.code).toBe("payload_too_large");
		expect(text).not.toContain("    at ");
	});

	it("refuses forged tokens and cross-site requests", async () => {
		expect((await fetch(api("/me"), { headers: { authorization: "Bearer forged-token-forged-token-1234" } })).status).toBe(401);
		const crossSite = await fetch(api("/auth/logout"), {
			method: "POST",
			headers: { origin: "https://evil.example", cookie: "cp_session=abc" },
		});
		expect(crossSite.status).toBe(403);
	});
});

describe("data protection", () => {
	it("stores no phone number or email in clear text anywhere", async () => {
		await signInBySms(app.url, "13900007777");
		const dump = await db().execute<{ row: string }>(`
			select t::text as row from users t union all select t::text from sessions t
			union all select t::text from outbox_messages t union all select t::text from verification_codes t
			union all select t::text from notifications t union all select t::text from audit_log t`);
		const text = dump.rows.map((entry) => entry.row).join("\n");
		expect(text.length).toBeGreaterThan(100);
		for (const personal of ["13800000001", "13900007777", "player@demo.cuepal.cn", "admin@demo.cuepal.cn"]) {
			expect(text).not.toContain(personal);
		}
	});
});
