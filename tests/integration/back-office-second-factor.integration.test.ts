import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { demoPassword, seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { addRoleGrant, createUser } from "~/modules/accounts/users.server";
import { postJson } from "../support/accounts";
import { freshTotpCode, signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/** Support and admin staff reach the back office (pages and API) only with a second factor. */
let app: TestApp;
const api = (path: string) => `${app.url}/api/v1${path}`;

const bearer = (token: string, language = "zh-CN") => ({ authorization: `Bearer ${token}`, "accept-language": language });

async function apiGet(path: string, token: string, language?: string) {
	const response = await fetch(api(path), { headers: bearer(token, language) });
	return { status: response.status, body: await response.json() };
}

/** A back-office page as a browser with this session's cookie asks for it. */
const page = (path: string, token: string, extraCookie = "") =>
	fetch(`${app.url}${path}`, { headers: { cookie: `cp_session=${token}${extraCookie}` }, redirect: "manual" });

const toastCookieOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.find((cookie) => cookie.startsWith("toast="))
		?.split(";")[0];

let staffCount = 0;
/** A new support account with a password and no TOTP yet, as an admin grant leaves it. */
async function newSupportAccount() {
	staffCount += 1;
	const phone = `+861370000${String(staffCount).padStart(4, "0")}`;
	const user = await createUser({ displayName: `客服${staffCount}`, phone, passwordHash: await hashPassword(demoPassword) });
	await addRoleGrant({ userId: user.id, role: "support", grantedBy: null });
	return { id: user.id, phone };
}

async function passwordToken(identifier: string) {
	const login = await postJson(api("/auth/password-login"), { identifier, password: demoPassword });
	expect(login.status).toBe(200);
	return login.body as { token: string; secondFactorRequired: boolean };
}

/** Turns TOTP on from a session as the security page does; returns the key. */
async function turnOnTotp(token: string) {
	const setup = await postJson(api("/me/two-factor/setup"), {}, bearer(token));
	expect(setup.status).toBe(200);
	const enabled = await postJson(api("/me/two-factor/enable"), { code: freshTotpCode(setup.body.secret) }, bearer(token));
	expect(enabled.status).toBe(200);
	return setup.body.secret as string;
}

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("a staff account without two-step verification", () => {
	it("is refused the back-office API with a message asking to turn it on, in the reader's language", async () => {
		const staff = await newSupportAccount();
		const { token, secondFactorRequired } = await passwordToken(staff.phone);
		expect(secondFactorRequired).toBe(false);

		for (const path of ["/admin/users?q=13800000001", "/admin/coach-reviews", "/admin/bookings"]) {
			const refused = await apiGet(path, token);
			expect(refused.status, path).toBe(403);
			expect(refused.body.error.message, path).toContain("两步验证");
		}
		const inEnglish = await apiGet("/admin/users?q=13800000001", token, "en");
		expect(inEnglish.body.error.message).toMatch(/two-step verification/i);
		// Their own account still works: only the back office needs the second factor.
		expect((await apiGet("/me", token)).status).toBe(200);
	});

	it("is sent from the back-office pages to the security page, which says why", async () => {
		const staff = await newSupportAccount();
		const { token } = await passwordToken(staff.phone);

		for (const path of ["/admin", "/admin/audit", "/admin/coach-reviews", "/admin/bookings"]) {
			const response = await page(path, token);
			expect(response.status, path).toBe(302);
			expect(response.headers.get("location"), path).toBe("/me/security");
		}
		const sent = await page("/admin", token);
		const security = await page("/me/security", token, `; ${toastCookieOf(sent)}`);
		expect(security.status).toBe(200);
		expect(await security.text()).toContain("进入管理后台需要两步验证");
	});

	it("reaches the back office once two-step verification is on, from the session that turned it on", async () => {
		const staff = await newSupportAccount();
		const { token } = await passwordToken(staff.phone);
		await turnOnTotp(token);

		expect((await apiGet("/admin/users?q=13800000001", token)).status).toBe(200);
		expect((await page("/admin/coach-reviews", token)).status).toBe(200);
	});
});

describe("a staff account with two-step verification", () => {
	it("refuses a session that never proved the second factor (signed in before it was turned on)", async () => {
		const staff = await newSupportAccount();
		const earlier = await passwordToken(staff.phone);
		const later = await passwordToken(staff.phone);
		await turnOnTotp(later.token);

		const refused = await apiGet("/admin/users?q=13800000001", earlier.token);
		expect(refused.status).toBe(403);
		expect(refused.body.error.message).toContain("重新登录");
		const sent = await page("/admin", earlier.token);
		expect(sent.status).toBe(302);
		expect(sent.headers.get("location")).toBe("/me/security");
		const security = await page("/me/security", earlier.token, `; ${toastCookieOf(sent)}`);
		expect(await security.text()).toContain("当前登录未经过两步验证");
	});

	it("keeps a session waiting for its code out of the back office", async () => {
		const { token, secondFactorRequired } = await passwordToken("13800000004");
		expect(secondFactorRequired).toBe(true);

		expect((await apiGet("/admin/users?q=13800000001", token)).status).toBe(401);
		const response = await page("/admin", token);
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("/login/two-factor");
	});

	it("lets demo support and admin in after the password and the code of the README's key", async () => {
		for (const identifier of ["13800000004", "admin@demo.cuepal.cn"]) {
			const { token } = await signInStaff(app.url, identifier);
			expect((await apiGet("/admin/users?q=13800000001", token)).status, identifier).toBe(200);
			expect((await apiGet("/admin/coach-reviews", token)).status, identifier).toBe(200);
			expect((await page("/admin", token)).status, identifier).toBe(200);
		}
	});

	it("does not take the same code twice", async () => {
		const first = await passwordToken("13800000005");
		const second = await passwordToken("13800000005");
		const code = freshTotpCode("CUEPALADMINDEMOTOTPSECRETKEY2222");
		expect((await postJson(api("/auth/two-factor"), { code }, bearer(first.token))).status).toBe(204);
		expect((await postJson(api("/auth/two-factor"), { code }, bearer(second.token))).status).toBe(400);
	});
});
