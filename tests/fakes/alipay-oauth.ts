import { type KeyObject, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gatewayParams, requestSignedBy, timestampFresh, writeSignedAnswer } from "./alipay-gateway";

/**
 * A loopback Alipay for user authorisation (auth_user), speaking the wire format alipay-sdk uses:
 * - `GET /oauth2/publicAppAuthorize.htm?app_id&scope=auth_user&redirect_uri&state`: the user's
 *   consent page; here the current `user` consents at once and the browser goes back to
 *   `redirect_uri?app_id&source=alipay_wallet&scope&auth_code=…&state=…`.
 * - `POST /gateway.do`: the open API gateway. Common parameters in the query string, the others
 *   in a form body; the RSA2 request signature (SHA256withRSA over the sorted `key=value` pairs,
 *   all but `sign`) is verified with the app's public key. Answers
 *   `{"<method>_response": {...}, "sign": "<RSA2 over that JSON>"}` signed with this fake's
 *   Alipay private key, for `alipay.system.oauth.token` (grant_type authorization_code; single-use
 *   codes) and `alipay.user.info.share` (auth_token).
 */
export interface AlipayUser {
	userId: string;
	openId: string;
	nickName: string;
	avatar?: string;
}

export interface FakeAlipayOAuth {
	/** http://127.0.0.1:PORT, for ALIPAY_OAUTH_BASE. */
	url: string;
	/** `${url}/gateway.do`, for ALIPAY_GATEWAY. */
	gateway: string;
	/** Who consents on the authorisation page next. */
	user: AlipayUser;
	/** An auth_code as the Alipay SDK in the mobile app would hand it over. */
	issueAuthCode(user?: AlipayUser): string;
	/** The next gateway answer is signed with a key that is not Alipay's. */
	forgeNextSignature(): void;
	/** Gateway calls whose request signature checked out, by method. */
	verifiedCalls: string[];
	/** sub_codes of refused gateway calls. */
	rejected: string[];
	close(): Promise<void>;
}

const codeLifetimeMs = 5 * 60_000;

export async function startFakeAlipayOAuth(options: {
	appId: string;
	/** The app's public key: verifies the SDK's request signatures. */
	appPublicKey: KeyObject | string;
	/** "Alipay's" private key: signs the answers (the app is configured with its public key). */
	alipayPrivateKey: KeyObject | string;
	/** Any other private key, used when a forged answer is asked for. */
	forgerPrivateKey: KeyObject | string;
}): Promise<FakeAlipayOAuth> {
	const codes = new Map<string, { user: AlipayUser; expiresAt: number; used: boolean }>();
	const tokens = new Map<string, AlipayUser>();
	let forgeNext = false;

	const fake: FakeAlipayOAuth = {
		url: "",
		gateway: "",
		user: { userId: "2088000000000000", openId: "open-default", nickName: "default" },
		issueAuthCode(user = fake.user) {
			const code = randomBytes(16).toString("hex");
			codes.set(code, { user, expiresAt: Date.now() + codeLifetimeMs, used: false });
			return code;
		},
		forgeNextSignature() {
			forgeNext = true;
		},
		verifiedCalls: [],
		rejected: [],
		close: () => new Promise((done) => server.close(() => done())),
	};

	function answer(response: ServerResponse, key: string, body: Record<string, unknown>) {
		writeSignedAnswer(response, key, body, forgeNext ? options.forgerPrivateKey : options.alipayPrivateKey);
		forgeNext = false;
	}

	function refuse(
		response: ServerResponse,
		key: string,
		subCode: string,
		subMsg: string,
		code = "40002",
		msg = "Invalid Arguments",
	) {
		fake.rejected.push(subCode);
		answer(response, key, { code, msg, sub_code: subCode, sub_msg: subMsg });
	}

	async function gateway(request: IncomingMessage, response: ServerResponse, url: URL) {
		const params = await gatewayParams(request, url);
		const method = params.get("method") ?? "";
		const key = `${method.replaceAll(".", "_")}_response`;
		if (params.get("app_id") !== options.appId) return refuse(response, key, "isv.invalid-app-id", "无效的AppID参数");
		if (params.get("sign_type") !== "RSA2") return refuse(response, key, "isv.invalid-signature-type", "无效的签名类型");
		if (!timestampFresh(params.get("timestamp"))) return refuse(response, key, "isv.invalid-timestamp", "非法的时间戳参数");
		if (!requestSignedBy(params, options.appPublicKey)) {
			return refuse(response, key, "isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配");
		}
		fake.verifiedCalls.push(method);

		if (method === "alipay.system.oauth.token") {
			if (params.get("grant_type") !== "authorization_code") {
				return refuse(response, "error_response", "isv.grant-type-invalid", "grant_type参数不正确");
			}
			const grant = codes.get(params.get("code") ?? "");
			if (!grant || grant.used || grant.expiresAt < Date.now()) {
				return refuse(response, "error_response", "isv.code-invalid", "授权码code无效");
			}
			grant.used = true;
			const accessToken = `authusrB${randomBytes(16).toString("hex")}`;
			tokens.set(accessToken, grant.user);
			return answer(response, key, {
				access_token: accessToken,
				alipay_user_id: `2088${randomBytes(6).toString("hex")}`,
				auth_start: new Date().toISOString().slice(0, 19).replace("T", " "),
				expires_in: 1296000,
				re_expires_in: 2592000,
				refresh_token: `authusrB${randomBytes(16).toString("hex")}`,
				user_id: grant.user.userId,
				open_id: grant.user.openId,
			});
		}
		if (method === "alipay.user.info.share") {
			const user = tokens.get(params.get("auth_token") ?? "");
			if (!user)
				return refuse(response, key, "aop.invalid-auth-token", "无效的访问令牌", "20001", "Insufficient Token Permissions");
			return answer(response, key, {
				code: "10000",
				msg: "Success",
				user_id: user.userId,
				open_id: user.openId,
				nick_name: user.nickName,
				avatar: user.avatar ?? "https://tfs.alipayobjects.com/images/partner/fake",
			});
		}
		return refuse(response, key, "isv.invalid-method", "不存在的方法名", "40004", "Business Failed");
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? "/", "http://fake");
		if (url.pathname === "/gateway.do" && request.method === "POST") return gateway(request, response, url);
		if (url.pathname === "/oauth2/publicAppAuthorize.htm" && request.method === "GET") {
			const redirectUri = url.searchParams.get("redirect_uri");
			if (url.searchParams.get("app_id") !== options.appId || !redirectUri || url.searchParams.get("scope") !== "auth_user") {
				response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
				return response.end("参数错误");
			}
			const back = new URL(redirectUri);
			back.searchParams.set("app_id", options.appId);
			back.searchParams.set("source", "alipay_wallet");
			back.searchParams.set("scope", "auth_user");
			back.searchParams.set("auth_code", fake.issueAuthCode());
			back.searchParams.set("state", url.searchParams.get("state") ?? "");
			response.writeHead(302, { location: back.toString() });
			return response.end();
		}
		response.writeHead(404, { "content-type": "text/plain" });
		response.end("not found");
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			response.writeHead(500);
			response.end();
		});
	});
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	fake.gateway = `${fake.url}/gateway.do`;
	return fake;
}
