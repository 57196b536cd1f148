import { redirect } from "react-router";
import { settings } from "~/lib/config.server";
import { randomToken, safeEqual } from "~/lib/crypto.server";
import { logger } from "~/lib/logger.server";
import { wechatpayConfig } from "~/lib/wechatpay-client.server";
import { cookieHeader, readCookie, seal, unseal } from "~/modules/accounts/social/sealed-cookie.server";

/**
 * The payer's openid for WeChat Pay JSAPI, through the official account's silent authorisation
 * (snsapi_base): inside WeChat's browser the checkout sends the payer to WeChat, which returns at
 * once with a one-time code; the server trades it for the openid under our AppID (the one the
 * payments are made under, WECHATPAY_APPID). The openid is kept in a sealed cookie bound to the
 * signed-in session (encrypted: the browser can neither read nor swap it), never logged.
 */
const authorizeBase = () => settings().WECHAT_OAUTH_BASE ?? "https://open.weixin.qq.com";
const apiBase = () => settings().WECHAT_OAUTH_API_BASE ?? "https://api.weixin.qq.com";

const stateCookie = "cp_wxpay_state";
const openidCookie = "cp_wxpay_openid";
/** Set when WeChat's answer could not be used, so the page does not bounce the payer back and forth. */
const skipCookie = "cp_wxpay_skip";
const skipSeconds = 10 * 60;
const cookiePath = "/me/bookings";
const stateSeconds = 10 * 60;
/** An openid under one AppID never changes; a week spares the payer a redirect on every checkout. */
const openidSeconds = 7 * 24 * 3600;

interface PayerState {
	state: string;
	sessionId: string;
}
interface PayerOpenid {
	sessionId: string;
	appid: string;
	openid: string;
}

/** JSAPI can be offered: WeChat Pay is configured and so is the official account's secret. */
export function jsapiConfigured(): boolean {
	return wechatpayConfig() !== null && Boolean(settings().WECHAT_MP_APP_SECRET);
}

/** The openid this session obtained for our AppID, if any. */
export function payerOpenid(request: Request, sessionId: string): string | null {
	const config = wechatpayConfig();
	const kept = unseal<PayerOpenid>("wxpay-openid", readCookie(request, openidCookie));
	if (!config || !kept || kept.sessionId !== sessionId || kept.appid !== config.appid) return null;
	return kept.openid;
}

/** The page's own address, without the code and state WeChat appended. */
function cleanUrl(request: Request): URL {
	const url = new URL(request.url);
	url.searchParams.delete("code");
	url.searchParams.delete("state");
	const appUrl = settings().APP_URL;
	// Behind a proxy the request's own host may be internal: WeChat must return to the public one.
	return appUrl ? new URL(`${url.pathname}${url.search}`, appUrl) : url;
}

/**
 * On a checkout page opened inside WeChat: without an openid yet, throws the redirect to WeChat's
 * authorisation (state sealed in a cookie bound to this session); on the way back, checks the
 * state, trades the code and throws the redirect to the clean page with the openid cookie set.
 * Answers "failed" when WeChat's answer cannot be used (the page then pays by QR code, and for a
 * few minutes does not ask WeChat again: `setCookie` remembers that), or "ready" when the openid
 * is known or JSAPI is not configured.
 */
export async function ensurePayerOpenid(
	request: Request,
	sessionId: string,
): Promise<{ status: "ready" } | { status: "failed"; setCookie?: string }> {
	const config = wechatpayConfig();
	const secret = settings().WECHAT_MP_APP_SECRET;
	if (!config || !secret || payerOpenid(request, sessionId)) return { status: "ready" };
	if (readCookie(request, skipCookie)) return { status: "failed" };
	const failed = {
		status: "failed" as const,
		setCookie: cookieHeader(skipCookie, "1", { path: cookiePath, maxAgeSeconds: skipSeconds }),
	};
	const url = new URL(request.url);
	const code = url.searchParams.get("code");
	const echoed = url.searchParams.get("state");
	if (code === null && echoed === null) {
		const state = randomToken(24);
		const authorize = new URL("/connect/oauth2/authorize", authorizeBase());
		authorize.searchParams.set("appid", config.appid);
		authorize.searchParams.set("redirect_uri", cleanUrl(request).toString());
		authorize.searchParams.set("response_type", "code");
		authorize.searchParams.set("scope", "snsapi_base");
		authorize.searchParams.set("state", state);
		throw redirect(`${authorize.toString()}#wechat_redirect`, {
			headers: {
				"set-cookie": cookieHeader(stateCookie, seal("wxpay-state", { state, sessionId } satisfies PayerState, stateSeconds), {
					path: cookiePath,
					maxAgeSeconds: stateSeconds,
				}),
			},
		});
	}
	const expected = unseal<PayerState>("wxpay-state", readCookie(request, stateCookie));
	// A code without our state (or for another session) may have been planted: never trade it.
	if (!code || !echoed || !expected || expected.sessionId !== sessionId || !safeEqual(echoed, expected.state)) {
		logger.warn(
			{ provider: "wechat", step: "snsapi_base", reason: expected ? "state_mismatch" : "state_missing" },
			"payer openid refused",
		);
		return failed;
	}
	const openid = await openidOfCode(config.appid, secret, code);
	if (!openid) return failed;
	const headers = new Headers();
	headers.append("set-cookie", cookieHeader(stateCookie, "", { path: cookiePath, maxAgeSeconds: 0 }));
	headers.append(
		"set-cookie",
		cookieHeader(
			openidCookie,
			seal("wxpay-openid", { sessionId, appid: config.appid, openid } satisfies PayerOpenid, openidSeconds),
			{
				path: cookiePath,
				maxAgeSeconds: openidSeconds,
			},
		),
	);
	const back = cleanUrl(request);
	throw redirect(`${back.pathname}${back.search}`, { headers });
}

/** `GET /sns/oauth2/access_token`: WeChat answers 200 with `{errcode, errmsg}` when it refuses. */
async function openidOfCode(appid: string, secret: string, code: string): Promise<string | null> {
	const url = new URL("/sns/oauth2/access_token", apiBase());
	url.search = new URLSearchParams({ appid, secret, code, grant_type: "authorization_code" }).toString();
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(8000) });
		const body = JSON.parse(await response.text()) as { openid?: unknown; errcode?: number };
		if (!response.ok || body.errcode || typeof body.openid !== "string" || !body.openid) {
			// The error code only: the message may echo the code.
			logger.warn({ provider: "wechat", step: "snsapi_base", errcode: body.errcode ?? response.status }, "payer openid refused");
			return null;
		}
		return body.openid;
	} catch (error) {
		logger.warn(
			{ provider: "wechat", step: "snsapi_base", reason: error instanceof Error ? error.name : "unknown" },
			"payer openid unreachable",
		);
		return null;
	}
}
