import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback WeChat open platform for website QR login (snsapi_login), with the three endpoints
 * the login uses:
 * - `GET /connect/qrconnect?appid&redirect_uri&response_type=code&scope=snsapi_login&state`: where
 *   WeChat shows its QR code. Here the current `scanner` "scans" at once: the browser is sent back
 *   to `redirect_uri?code=…&state=…`.
 * - `GET /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope=snsapi_base&state`: an
 *   official account's web authorisation inside WeChat's browser (silent for snsapi_base): the
 *   current `scanner` is the WeChat user, sent back to `redirect_uri?code=…&state=…` at once.
 * - `GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code`: checks the app
 *   id and secret, spends the code (single use, 5 minutes) and answers
 *   `{access_token, expires_in, refresh_token, openid, scope, unionid}`.
 * - `GET /sns/userinfo?access_token&openid`: the profile (`nickname`, `headimgurl`, `unionid`…).
 * Failures answer HTTP 200 with `{errcode, errmsg}`, as WeChat does.
 */
export interface WechatUser {
	openid: string;
	unionid?: string;
	nickname: string;
	headimgurl?: string;
}

export interface FakeWechatOAuth {
	/** http://127.0.0.1:PORT: both WECHAT_OAUTH_BASE and WECHAT_OAUTH_API_BASE. */
	url: string;
	/** Who scans the QR code next. */
	scanner: WechatUser;
	/** A code as the WeChat SDK in the mobile app would hand it over, for `scanner` or another user. */
	issueCode(user?: WechatUser, scope?: string): string;
	/** redirect_uri of every authorisation asked for, in order. */
	authorizations: Array<{ path: string; scope: string; redirectUri: string; state: string }>;
	/** The next access_token call answers this errcode. */
	failNextTokenWith(errcode: number, errmsg: string): void;
	/** errcodes this fake answered, in order. */
	errors: number[];
	close(): Promise<void>;
}

const codeLifetimeMs = 5 * 60_000;

export async function startFakeWechatOAuth(options: { appid: string; secret: string }): Promise<FakeWechatOAuth> {
	const codes = new Map<string, { user: WechatUser; expiresAt: number; used: boolean; scope: string }>();
	const tokens = new Map<string, WechatUser>();
	const errors: number[] = [];
	let nextTokenFailure: { errcode: number; errmsg: string } | null = null;

	const fake: FakeWechatOAuth = {
		url: "",
		scanner: { openid: "o-default", nickname: "default" },
		issueCode(user = fake.scanner, scope = "snsapi_login") {
			const code = randomBytes(16).toString("hex");
			codes.set(code, { user, expiresAt: Date.now() + codeLifetimeMs, used: false, scope });
			return code;
		},
		authorizations: [],
		failNextTokenWith(errcode, errmsg) {
			nextTokenFailure = { errcode, errmsg };
		},
		errors,
		close: () => new Promise((done) => server.close(() => done())),
	};

	function json(response: ServerResponse, body: object) {
		// WeChat's API answers JSON labelled text/plain.
		response.writeHead(200, { "content-type": "text/plain" });
		response.end(JSON.stringify(body));
	}
	function fail(response: ServerResponse, errcode: number, errmsg: string) {
		errors.push(errcode);
		json(response, { errcode, errmsg: `${errmsg}, rid: ${randomBytes(6).toString("hex")}` });
	}

	function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? "/", "http://fake");
		const query = url.searchParams;
		if (request.method !== "GET") return fail(response, 43001, "require GET method");

		if (url.pathname === "/connect/oauth2/authorize") {
			const redirectUri = query.get("redirect_uri");
			const scope = query.get("scope") ?? "";
			if (query.get("appid") !== options.appid || !redirectUri) {
				response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
				return response.end("参数错误");
			}
			if (!["snsapi_base", "snsapi_userinfo"].includes(scope) || query.get("response_type") !== "code") {
				response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
				return response.end("Scope 参数错误或没有 Scope 权限");
			}
			fake.authorizations.push({ path: url.pathname, scope, redirectUri, state: query.get("state") ?? "" });
			const back = new URL(redirectUri);
			back.searchParams.set("code", fake.issueCode(fake.scanner, scope));
			back.searchParams.set("state", query.get("state") ?? "");
			response.writeHead(302, { location: back.toString() });
			return response.end();
		}

		if (url.pathname === "/connect/qrconnect") {
			const redirectUri = query.get("redirect_uri");
			if (query.get("appid") !== options.appid || !redirectUri) {
				response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
				return response.end("参数错误");
			}
			if (query.get("scope") !== "snsapi_login" || query.get("response_type") !== "code") {
				response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
				return response.end("Scope 参数错误或没有 Scope 权限");
			}
			const back = new URL(redirectUri);
			back.searchParams.set("code", fake.issueCode());
			back.searchParams.set("state", query.get("state") ?? "");
			response.writeHead(302, { location: back.toString() });
			return response.end();
		}

		if (url.pathname === "/sns/oauth2/access_token") {
			if (query.get("appid") !== options.appid) return fail(response, 40013, "invalid appid");
			if (query.get("secret") !== options.secret) return fail(response, 40125, "invalid appsecret");
			if (query.get("grant_type") !== "authorization_code") return fail(response, 40002, "invalid grant_type");
			if (nextTokenFailure) {
				const failure = nextTokenFailure;
				nextTokenFailure = null;
				return fail(response, failure.errcode, failure.errmsg);
			}
			const grant = codes.get(query.get("code") ?? "");
			if (!grant || grant.expiresAt < Date.now()) return fail(response, 40029, "invalid code");
			if (grant.used) return fail(response, 40163, "code been used");
			grant.used = true;
			const accessToken = randomBytes(24).toString("base64url");
			tokens.set(accessToken, grant.user);
			return json(response, {
				access_token: accessToken,
				expires_in: 7200,
				refresh_token: randomBytes(24).toString("base64url"),
				openid: grant.user.openid,
				scope: grant.scope,
				...(grant.user.unionid ? { unionid: grant.user.unionid } : {}),
			});
		}

		if (url.pathname === "/sns/userinfo") {
			const user = tokens.get(query.get("access_token") ?? "");
			if (!user) return fail(response, 40001, "invalid credential, access_token is invalid or not latest");
			if (query.get("openid") !== user.openid) return fail(response, 40003, "invalid openid");
			return json(response, {
				openid: user.openid,
				nickname: user.nickname,
				sex: 0,
				province: "",
				city: "",
				country: "CN",
				headimgurl: user.headimgurl ?? "https://thirdwx.qlogo.cn/mmopen/fake/132",
				privilege: [],
				...(user.unionid ? { unionid: user.unionid } : {}),
			});
		}

		response.writeHead(404, { "content-type": "text/plain" });
		response.end("not found");
	}

	const server = createServer(handle);
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return fake;
}
