import type { AlipaySdk } from "alipay-sdk";
import { alipaySdk } from "~/lib/alipay-client.server";
import { settings } from "~/lib/config.server";
import { AppError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import type { ProviderIdentity } from "./providers.server";

/**
 * Alipay login: the browser goes to Alipay's authorisation page (scope auth_user), Alipay sends it
 * back with an `auth_code`, and the server trades it with `alipay.system.oauth.token` for an access
 * token, then reads the user with `alipay.user.info.share`. Both calls are signed with the app's
 * private key and their answers checked against Alipay's public key (validateSign).
 */
const authorizeBase = () => settings().ALIPAY_OAUTH_BASE ?? "https://openauth.alipay.com";

export function alipayAuthorizeUrl(input: { state: string; redirectUri: string }): string {
	const url = new URL("/oauth2/publicAppAuthorize.htm", authorizeBase());
	url.searchParams.set("app_id", settings().ALIPAY_APP_ID ?? "");
	url.searchParams.set("scope", "auth_user");
	url.searchParams.set("redirect_uri", input.redirectUri);
	url.searchParams.set("state", input.state);
	return url.toString();
}

function alipayClient(): AlipaySdk {
	const client = alipaySdk();
	if (!client) throw new AppError(404, "not_found", "errors.notFound");
	return client;
}

/** One signed call whose answer must carry Alipay's valid signature. */
async function callAlipay(method: string, params: Record<string, string>): Promise<Record<string, unknown>> {
	try {
		return (await alipayClient().exec(method, params, { validateSign: true })) as Record<string, unknown>;
	} catch (error) {
		if (error instanceof AppError) throw error;
		// The SDK's messages quote the response (user ids, tokens): log only what failed.
		logger.warn(
			{ provider: "alipay", step: method, reason: error instanceof Error ? error.name : "unknown" },
			"social login failed",
		);
		throw new AppError(401, "unauthorized", "accounts.errors.socialFailed");
	}
}

function refused(method: string, answer: Record<string, unknown>): AppError {
	logger.warn(
		{ provider: "alipay", step: method, alipayCode: String(answer.code ?? ""), subCode: String(answer.subCode ?? "") },
		"social login refused",
	);
	return new AppError(401, "unauthorized", "accounts.errors.socialFailed");
}

/** Trades an auth_code for who signed in. The subject is the open_id (the user_id for older apps). */
export async function fetchAlipayIdentity(authCode: string): Promise<ProviderIdentity> {
	const token = await callAlipay("alipay.system.oauth.token", { grantType: "authorization_code", code: authCode });
	if (typeof token.accessToken !== "string" || !token.accessToken) throw refused("alipay.system.oauth.token", token);
	const profile = await callAlipay("alipay.user.info.share", { authToken: token.accessToken });
	if (profile.code !== "10000") throw refused("alipay.user.info.share", profile);
	const subject = [token.openId, token.userId, profile.openId, profile.userId].find(
		(value): value is string => typeof value === "string" && value.length > 0,
	);
	if (!subject) throw refused("alipay.user.info.share", profile);
	return { provider: "alipay", subject, nickname: typeof profile.nickName === "string" ? profile.nickName : null };
}
