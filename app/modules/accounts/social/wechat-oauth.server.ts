import { settings } from "~/lib/config.server";
import { AppError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import type { ProviderIdentity } from "./providers.server";

/**
 * WeChat website QR login (snsapi_login, open platform): the browser goes to the QR page, WeChat
 * sends it back with a one-time `code`, and the server trades that code for the user's openid and
 * unionid, then asks for the nickname. The mobile app sends a code from the WeChat SDK instead.
 */
const authorizeBase = () => settings().WECHAT_OAUTH_BASE ?? "https://open.weixin.qq.com";
const apiBase = () => settings().WECHAT_OAUTH_API_BASE ?? "https://api.weixin.qq.com";

export function wechatAuthorizeUrl(input: { state: string; redirectUri: string }): string {
	const url = new URL("/connect/qrconnect", authorizeBase());
	url.searchParams.set("appid", settings().WECHAT_OAUTH_APPID ?? "");
	url.searchParams.set("redirect_uri", input.redirectUri);
	url.searchParams.set("response_type", "code");
	url.searchParams.set("scope", "snsapi_login");
	url.searchParams.set("state", input.state);
	return `${url.toString()}#wechat_redirect`;
}

interface WechatError {
	errcode?: number;
	errmsg?: string;
}

/** Both endpoints answer 200 with `{errcode, errmsg}` on failure (and sometimes as text/plain). */
async function callWechat<T extends object>(path: string, query: Record<string, string>, step: string): Promise<T & WechatError> {
	const url = new URL(path, apiBase());
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	let body: T & WechatError;
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(8000) });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		body = JSON.parse(await response.text());
	} catch (error) {
		logger.warn(
			{ provider: "wechat", step, reason: error instanceof Error ? error.name : "unknown" },
			"social login unreachable",
		);
		throw new AppError(503, "service_unavailable", "accounts.errors.socialFailed");
	}
	if (body.errcode) {
		// The error code only: the message may echo the code or ids.
		logger.warn({ provider: "wechat", step, errcode: body.errcode }, "social login refused");
		throw new AppError(401, "unauthorized", "accounts.errors.socialFailed");
	}
	return body;
}

/** Trades an authorisation code for who signed in. The subject is the unionid when the app has one. */
export async function fetchWechatIdentity(code: string): Promise<ProviderIdentity> {
	const { WECHAT_OAUTH_APPID: appid, WECHAT_OAUTH_SECRET: secret } = settings();
	if (!appid || !secret) throw new AppError(404, "not_found", "errors.notFound");
	const token = await callWechat<{ access_token?: string; openid?: string; unionid?: string }>(
		"/sns/oauth2/access_token",
		{ appid, secret, code, grant_type: "authorization_code" },
		"access_token",
	);
	if (!token.access_token || !token.openid) {
		logger.warn({ provider: "wechat", step: "access_token" }, "social login answer incomplete");
		throw new AppError(401, "unauthorized", "accounts.errors.socialFailed");
	}
	const profile = await callWechat<{ nickname?: string; headimgurl?: string; unionid?: string }>(
		"/sns/userinfo",
		{ access_token: token.access_token, openid: token.openid },
		"userinfo",
	);
	return {
		provider: "wechat",
		subject: token.unionid ?? profile.unionid ?? token.openid,
		nickname: profile.nickname ?? null,
		openid: { appid, openid: token.openid },
	};
}
