import { generateKeyPairSync } from "node:crypto";
import { AlipaySdk } from "alipay-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { linkSocialIdentity } from "~/modules/accounts/social/link-social-identity.server";
import { linkedSocialAccounts } from "~/modules/accounts/social/linked-social-accounts.server";
import { subjectIndexOf } from "~/modules/accounts/social/providers.server";
import { boundWechatOf } from "~/modules/accounts/social/wechat-openid.server";
import { createUser } from "~/modules/accounts/users.server";
import { termsVersion } from "~/modules/legal/documents";
import { type FakeAlipayOAuth, startFakeAlipayOAuth } from "../fakes/alipay-oauth";
import { type FakeWechatOAuth, startFakeWechatOAuth } from "../fakes/wechat-oauth";
import { latestCode, postJson, signInBySms } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";

const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const appKeys = rsa();
const alipayKeys = rsa();
const forgerKeys = rsa();

let app: TestApp;
let wechat: FakeWechatOAuth;
let alipay: FakeAlipayOAuth;

beforeAll(async () => {
	wechat = await startFakeWechatOAuth({ appid: "wx-test-app", secret: "wx-test-secret" });
	alipay = await startFakeAlipayOAuth({
		appId: "2021000000000001",
		appPublicKey: appKeys.publicKey,
		alipayPrivateKey: alipayKeys.privateKey,
		forgerPrivateKey: forgerKeys.privateKey,
	});
	// Settings are read once per process, on first use: set before the app starts.
	Object.assign(process.env, {
		WECHAT_OAUTH_APPID: "wx-test-app",
		WECHAT_OAUTH_SECRET: "wx-test-secret",
		WECHAT_OAUTH_BASE: wechat.url,
		WECHAT_OAUTH_API_BASE: wechat.url,
		ALIPAY_APP_ID: "2021000000000001",
		// PKCS#8 PEM for the app key, bare base64 (as Alipay's key tool prints it) for Alipay's.
		ALIPAY_PRIVATE_KEY: appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
		ALIPAY_PUBLIC_KEY: alipayKeys.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
		ALIPAY_GATEWAY: alipay.gateway,
		ALIPAY_OAUTH_BASE: alipay.url,
	});
	app = await startTestApp();
});
afterAll(async () => {
	await app?.close();
	await wechat?.close();
	await alipay?.close();
});

/** A browser's cookies for the app (the fakes set none), enough for these flows. */
class Browser {
	cookies = new Map<string, string>();

	constructor(readonly appUrl: string) {}

	private remember(response: Response) {
		for (const header of response.headers.getSetCookie()) {
			const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
			const name = pair.slice(0, pair.indexOf("="));
			const value = pair.slice(pair.indexOf("=") + 1);
			const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute));
			if (expired || !value) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	async request(url: string, init: RequestInit = {}): Promise<Response> {
		const sameSite = url.startsWith(this.appUrl);
		const headers = new Headers(init.headers);
		if (sameSite && this.cookies.size > 0) {
			headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
		}
		const response = await fetch(url, { ...init, headers, redirect: "manual" });
		if (sameSite) this.remember(response);
		return response;
	}

	/** A form post from one of the app's own pages. */
	post(path: string, fields: Record<string, string>): Promise<Response> {
		return this.request(`${this.appUrl}${path}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded", origin: this.appUrl },
			body: new URLSearchParams(fields).toString(),
		});
	}

	/** Starts a provider flow and follows the provider's redirect back; returns the app callback's answer. */
	async socialLogin(provider: "wechat" | "alipay", query = "redirectTo=/me", tamper?: (callback: URL) => void) {
		const start = await this.request(`${this.appUrl}/auth/${provider}/start?${query}`);
		expect(start.status).toBe(302);
		const providerPage = await this.request(start.headers.get("location") as string);
		expect(providerPage.status).toBe(302);
		const callback = new URL(providerPage.headers.get("location") as string);
		expect(callback.pathname).toBe(`/auth/${provider}/callback`);
		tamper?.(callback);
		return this.request(callback.toString());
	}
}

const toastOf = (response: Response) => {
	const raw = response.headers
		.getSetCookie()
		.find((cookie) => cookie.startsWith("toast="))
		?.split(";")[0]
		?.slice("toast=".length);
	return raw ? (JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { kind: string; messageKey: string }) : null;
};

const setsSession = (response: Response) => response.headers.getSetCookie().some((cookie) => /^cp_session=[^;]+/.test(cookie));

async function me(browser: Browser) {
	const response = await browser.request(`${app.url}/api/v1/me`);
	return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

const userCount = async () => Number((await db().execute<{ n: string }>("select count(*) as n from users")).rows[0]?.n);
const identityCount = async () =>
	Number((await db().execute<{ n: string }>("select count(*) as n from social_identities")).rows[0]?.n);

/** The bind-phone page: send a code to the phone, read it from the outbox, bind. */
async function bindPhone(browser: Browser, phone: string) {
	const page = await browser.request(`${app.url}/login/bind-phone?redirectTo=/me`);
	expect(page.status).toBe(200);
	const sent = await browser.post("/login/bind-phone?redirectTo=/me", { intent: "send", phone });
	expect(sent.status).toBe(200);
	const code = await latestCode(app.url, `+86${phone}`);
	return browser.post("/login/bind-phone?redirectTo=/me", { intent: "bind", phone, code, redirectTo: "/me", agreeTerms: "on" });
}

describe("WeChat website login", () => {
	it("asks a first-time user for a phone number, then signs them in; the next login goes straight in", async () => {
		wechat.scanner = { openid: "o-wx-first", unionid: "u-wx-first", nickname: "台球小王子" };
		const browser = new Browser(app.url);
		const start = await browser.request(`${app.url}/auth/wechat/start?redirectTo=/me`);
		const qr = new URL(start.headers.get("location") as string);
		expect(qr.origin + qr.pathname).toBe(`${wechat.url}/connect/qrconnect`);
		expect(qr.searchParams.get("appid")).toBe("wx-test-app");
		expect(qr.searchParams.get("scope")).toBe("snsapi_login");
		expect(qr.searchParams.get("redirect_uri")).toBe(`${app.url}/auth/wechat/callback`);
		expect(qr.hash).toBe("#wechat_redirect");
		expect(start.headers.getSetCookie().join()).toMatch(/cp_oauth_wechat=.+HttpOnly; SameSite=Lax/);

		const back = await browser.request(start.headers.get("location") as string);
		const users = await userCount();
		const callback = await browser.request(back.headers.get("location") as string);
		expect(callback.status).toBe(302);
		expect(callback.headers.get("location")).toBe("/login/bind-phone?redirectTo=%2Fme");
		expect(setsSession(callback)).toBe(false);
		expect(browser.cookies.has("cp_social_pending")).toBe(true);
		expect(browser.cookies.has("cp_oauth_wechat")).toBe(false);
		expect(await userCount()).toBe(users);

		const page = await (await browser.request(`${app.url}/login/bind-phone?redirectTo=/me`)).text();
		expect(page).toContain("绑定手机号");
		expect(page).toContain("台球小王子");

		const bound = await bindPhone(browser, "13911110001");
		expect(bound.status).toBe(302);
		expect(bound.headers.get("location")).toBe("/me");
		expect(toastOf(bound)?.messageKey).toBe("accounts.login.welcomeNew");
		expect(browser.cookies.has("cp_social_pending")).toBe(false);
		const signedIn = await me(browser);
		expect(signedIn.status).toBe(200);
		expect(signedIn.body.phone).toBe("+8613911110001");
		expect(signedIn.body.displayName).toBe("台球小王子");

		const again = new Browser(app.url);
		const second = await again.socialLogin("wechat");
		expect(second.status).toBe(302);
		expect(second.headers.get("location")).toBe("/me");
		expect(setsSession(second)).toBe(true);
		expect((await me(again)).body.id).toBe(signedIn.body.id);
		expect(await userCount()).toBe(users + 1);
	});

	it("binds a new WeChat identity to the account that already has the phone number", async () => {
		const existing = await signInBySms(app.url, "13911110002");
		await db().execute("delete from rate_limits");
		wechat.scanner = { openid: "o-wx-existing", nickname: "老球友" };
		const browser = new Browser(app.url);
		const callback = await browser.socialLogin("wechat");
		expect(callback.headers.get("location")).toContain("/login/bind-phone");
		const bound = await bindPhone(browser, "13911110002");
		expect(toastOf(bound)?.messageKey).toBe("accounts.login.welcome");
		expect((await me(browser)).body.id).toBe(existing.user.id);
		const accounts = await linkedSocialAccounts(existing.user.id);
		expect(accounts.find((account) => account.provider === "wechat")).toMatchObject({
			bound: true,
			nickname: "老球友",
			canUnbind: true,
		});
	});

	it("refuses a callback whose state was tampered with, or that comes without the state cookie", async () => {
		wechat.scanner = { openid: "o-wx-tamper", nickname: "tamper" };
		const users = await userCount();
		const browser = new Browser(app.url);
		const tampered = await browser.socialLogin("wechat", "redirectTo=/me", (callback) => {
			callback.searchParams.set("state", "forged-state-forged-state-forged");
		});
		expect(tampered.status).toBe(302);
		expect(tampered.headers.get("location")).toBe("/login");
		expect(toastOf(tampered)).toEqual({ kind: "error", messageKey: "accounts.errors.socialFailed" });
		expect(setsSession(tampered)).toBe(false);
		expect(browser.cookies.has("cp_social_pending")).toBe(false);

		// The provider's redirect replayed in another browser, which never started a login.
		const starter = new Browser(app.url);
		const start = await starter.request(`${app.url}/auth/wechat/start`);
		const back = await starter.request(start.headers.get("location") as string);
		const stranger = await new Browser(app.url).request(back.headers.get("location") as string);
		expect(toastOf(stranger)?.messageKey).toBe("accounts.errors.socialExpired");
		expect(setsSession(stranger)).toBe(false);
		expect(await userCount()).toBe(users);
	});

	it("says clearly that the login failed when WeChat answers an errcode, and creates nothing", async () => {
		wechat.scanner = { openid: "o-wx-error", nickname: "error" };
		const users = await userCount();
		const identities = await identityCount();
		wechat.failNextTokenWith(40029, "invalid code");
		const browser = new Browser(app.url);
		const callback = await browser.socialLogin("wechat");
		expect(callback.status).toBe(302);
		expect(callback.headers.get("location")).toBe("/login?redirectTo=%2Fme");
		expect(toastOf(callback)).toEqual({ kind: "error", messageKey: "accounts.errors.socialFailed" });
		expect(setsSession(callback)).toBe(false);
		expect(browser.cookies.has("cp_social_pending")).toBe(false);

		const api = await postJson(`${app.url}/api/v1/auth/wechat-login`, { code: "not-a-code" });
		expect(api.status).toBe(401);
		expect(api.body.error.message).toBe("第三方登录失败，请重试");
		expect(wechat.errors).toEqual(expect.arrayContaining([40029]));
		expect(await userCount()).toBe(users);
		expect(await identityCount()).toBe(identities);
	});
});

describe("Alipay login", () => {
	it("asks a first-time user for a phone number, then signs them in; the next login goes straight in", async () => {
		alipay.user = { userId: "2088101122334455", openId: "open-ali-first", nickName: "支付宝球友" };
		const browser = new Browser(app.url);
		const start = await browser.request(`${app.url}/auth/alipay/start?redirectTo=/me`);
		const authorize = new URL(start.headers.get("location") as string);
		expect(authorize.pathname).toBe("/oauth2/publicAppAuthorize.htm");
		expect(authorize.searchParams.get("app_id")).toBe("2021000000000001");
		expect(authorize.searchParams.get("scope")).toBe("auth_user");
		const back = await browser.request(authorize.toString());
		const callback = await browser.request(back.headers.get("location") as string);
		expect(callback.headers.get("location")).toBe("/login/bind-phone?redirectTo=%2Fme");

		const bound = await bindPhone(browser, "13922220001");
		expect(bound.headers.get("location")).toBe("/me");
		const signedIn = await me(browser);
		expect(signedIn.body.displayName).toBe("支付宝球友");
		expect(alipay.verifiedCalls).toEqual(["alipay.system.oauth.token", "alipay.user.info.share"]);
		expect(alipay.rejected).toEqual([]);

		const again = new Browser(app.url);
		const second = await again.socialLogin("alipay");
		expect(setsSession(second)).toBe(true);
		expect((await me(again)).body.id).toBe(signedIn.body.id);
	});

	it("refuses an answer whose Alipay signature is forged", async () => {
		alipay.user = { userId: "2088101122330000", openId: "open-ali-forged", nickName: "forged" };
		const users = await userCount();
		alipay.forgeNextSignature();
		const browser = new Browser(app.url);
		const callback = await browser.socialLogin("alipay");
		expect(toastOf(callback)).toEqual({ kind: "error", messageKey: "accounts.errors.socialFailed" });
		expect(setsSession(callback)).toBe(false);
		expect(browser.cookies.has("cp_social_pending")).toBe(false);

		alipay.forgeNextSignature();
		const api = await postJson(`${app.url}/api/v1/auth/alipay-login`, { authCode: alipay.issueAuthCode() });
		expect(api.status).toBe(401);
		expect(await userCount()).toBe(users);
	});

	it("is a gateway that refuses requests not signed with the app's key", async () => {
		const impostor = new AlipaySdk({
			appId: "2021000000000001",
			privateKey: forgerKeys.privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
			alipayPublicKey: alipayKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
			gateway: alipay.gateway,
		});
		const result = await impostor.exec("alipay.user.info.share", { authToken: "x" }, { validateSign: true });
		expect(result.subCode).toBe("isv.invalid-signature");
	});
});

describe("mobile API", () => {
	it("answers 409 phone_required with a bindToken, binds the phone, then signs straight in", async () => {
		const first = await postJson(`${app.url}/api/v1/auth/alipay-login`, {
			authCode: alipay.issueAuthCode({ userId: "2088101100000001", openId: "open-ali-app", nickName: "App 球友" }),
		});
		expect(first.status).toBe(409);
		expect(first.body.error.code).toBe("phone_required");
		expect(first.body.expiresInSeconds).toBe(600);
		expect(first.body.nickname).toBe("App 球友");

		const tampered = await postJson(`${app.url}/api/v1/auth/bind-phone`, {
			bindToken: `${first.body.bindToken.slice(0, -4)}AAAA`,
			phone: "13933330001",
			code: "123456",
		});
		expect(tampered.status).toBe(401);

		expect((await postJson(`${app.url}/api/v1/auth/sms-codes`, { phone: "13933330001", purpose: "bind" })).status).toBe(202);
		const code = await latestCode(app.url, "+8613933330001");
		const bound = await postJson(`${app.url}/api/v1/auth/bind-phone`, {
			bindToken: first.body.bindToken,
			phone: "13933330001",
			code,
			termsVersion,
		});
		expect(bound.status).toBe(200);
		expect(bound.body.created).toBe(true);
		expect(bound.body.user.displayName).toBe("App 球友");

		const again = await postJson(`${app.url}/api/v1/auth/alipay-login`, {
			authCode: alipay.issueAuthCode({ userId: "2088101100000001", openId: "open-ali-app", nickName: "App 球友" }),
		});
		expect(again.status).toBe(200);
		expect(again.body.user.id).toBe(bound.body.user.id);

		const wechatFirst = await postJson(`${app.url}/api/v1/auth/wechat-login`, {
			code: wechat.issueCode({ openid: "o-wx-app", unionid: "u-wx-app", nickname: "微信 App" }),
		});
		expect(wechatFirst.status).toBe(409);
		expect(wechatFirst.body.bindToken).toBeTruthy();
	});

	it("documents the three operations", async () => {
		const document = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
		for (const path of ["/api/v1/auth/wechat-login", "/api/v1/auth/alipay-login", "/api/v1/auth/bind-phone"]) {
			expect(document.paths[path]?.post).toBeTruthy();
		}
		expect(document.paths["/api/v1/auth/wechat-login"].post.responses["409"]).toBeTruthy();
	});
});

describe("binding and unbinding on the security page", () => {
	it("lets a signed-in user bind WeChat, refuses someone else's identity, and unbinds", async () => {
		const session = await signInBySms(app.url, "13944440001");
		const browser = new Browser(app.url);
		browser.cookies.set("cp_session", session.token);
		wechat.scanner = { openid: "o-wx-binder", unionid: "u-wx-binder", nickname: "绑定者" };

		const bound = await browser.socialLogin("wechat", "intent=bind&redirectTo=/me/security");
		expect(bound.headers.get("location")).toBe("/me/security");
		expect(toastOf(bound)).toEqual({ kind: "success", messageKey: "accounts.security.bindDone" });
		let accounts = await linkedSocialAccounts(session.user.id);
		expect(accounts.find((account) => account.provider === "wechat")).toMatchObject({ bound: true, canUnbind: true });

		// The WeChat identity of the first test belongs to another account.
		wechat.scanner = { openid: "o-wx-first", unionid: "u-wx-first", nickname: "台球小王子" };
		const other = await signInBySms(app.url, "13944440002");
		const otherBrowser = new Browser(app.url);
		otherBrowser.cookies.set("cp_session", other.token);
		const taken = await otherBrowser.socialLogin("wechat", "intent=bind&redirectTo=/me/security");
		expect(toastOf(taken)).toEqual({ kind: "error", messageKey: "accounts.errors.socialTaken" });

		const unbound = await browser.post("/auth/wechat/unbind", { redirectTo: "/me/security" });
		expect(unbound.status).toBe(302);
		expect(unbound.headers.get("location")).toBe("/me/security");
		expect(toastOf(unbound)).toEqual({ kind: "success", messageKey: "accounts.security.unbound" });
		accounts = await linkedSocialAccounts(session.user.id);
		expect(accounts.find((account) => account.provider === "wechat")).toMatchObject({ bound: false });
	});

	it("keeps the openid and its AppID of a WeChat binding, refreshed by each WeChat sign-in, sealed for payouts to that WeChat", async () => {
		const session = await signInBySms(app.url, "13944440009");
		const browser = new Browser(app.url);
		browser.cookies.set("cp_session", session.token);
		wechat.scanner = { openid: "o-wx-payee", unionid: "u-wx-payee", nickname: "收款人" };
		await browser.socialLogin("wechat", "intent=bind&redirectTo=/me/security");
		expect(await boundWechatOf(session.user.id)).toEqual({
			nickname: "收款人",
			openid: { appid: "wx-test-app", openid: "o-wx-payee" },
		});
		// The same person (unionid) seen with another openid: the latest sign-in's is the one kept.
		wechat.scanner = { openid: "o-wx-payee-2", unionid: "u-wx-payee", nickname: "收款人" };
		expect(setsSession(await new Browser(app.url).socialLogin("wechat"))).toBe(true);
		expect((await boundWechatOf(session.user.id))?.openid).toEqual({ appid: "wx-test-app", openid: "o-wx-payee-2" });
		const stored = await db().execute<{ row: string }>("select t::text as row from social_identities t");
		expect(stored.rows.map((entry) => entry.row).join("\n")).not.toContain("o-wx-payee");
	});

	it("sends someone who is not signed in to sign in before binding", async () => {
		const start = await new Browser(app.url).request(`${app.url}/auth/wechat/start?intent=bind&redirectTo=/me/security`);
		expect(start.status).toBe(302);
		expect(start.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
	});

	it("refuses to unbind the account's last way to sign in", async () => {
		const lonely = await createUser({ displayName: "只有微信" });
		await linkSocialIdentity({
			userId: lonely.id,
			provider: "wechat",
			subjectIndex: subjectIndexOf("wechat", "u-wx-lonely"),
			nickname: null,
		});
		wechat.scanner = { openid: "o-wx-lonely", unionid: "u-wx-lonely", nickname: "只有微信" };
		const browser = new Browser(app.url);
		const signedIn = await browser.socialLogin("wechat");
		expect(setsSession(signedIn)).toBe(true);
		expect((await me(browser)).body.id).toBe(lonely.id);

		const accounts = await linkedSocialAccounts(lonely.id);
		expect(accounts.find((account) => account.provider === "wechat")).toMatchObject({ bound: true, canUnbind: false });
		const refused = await browser.post("/auth/wechat/unbind", { redirectTo: "/me/security" });
		expect(toastOf(refused)).toEqual({ kind: "error", messageKey: "accounts.errors.lastMethod" });
		expect((await linkedSocialAccounts(lonely.id)).find((account) => account.provider === "wechat")?.bound).toBe(true);
	});

	it("refuses an unbind posted from another site", async () => {
		const session = await signInBySms(app.url, "13944440003");
		const response = await fetch(`${app.url}/auth/wechat/unbind`, {
			method: "POST",
			headers: {
				cookie: `cp_session=${session.token}`,
				origin: "https://evil.example",
				"content-type": "application/x-www-form-urlencoded",
			},
			body: "redirectTo=/me/security",
			redirect: "manual",
		});
		expect(response.status).toBe(403);
	});
});

describe("privacy", () => {
	it("stores neither the provider user ids nor the phone numbers in clear text", async () => {
		const dump = await db().execute<{ row: string }>(`
			select t::text as row from users t union all select t::text from social_identities t
			union all select t::text from sessions t union all select t::text from notifications t`);
		const text = dump.rows.map((entry) => entry.row).join("\n");
		for (const secret of ["u-wx-first", "o-wx-first", "open-ali-first", "2088101122334455", "13911110001"]) {
			expect(text).not.toContain(secret);
		}
	});
});
