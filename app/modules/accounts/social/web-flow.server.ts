import { data, type RouterContextProvider, redirect } from "react-router";
import { settings } from "~/lib/config.server";
import { isAppError } from "~/lib/errors";
import { redirectWithToast } from "~/lib/toast.server";
import { getUserSession, requireUser } from "../guards.server";
import { clientOfPage, safeRedirect, signedInRedirect } from "../web-session.server";
import { alipayAuthorizeUrl, fetchAlipayIdentity } from "./alipay-oauth.server";
import { linkSocialIdentity } from "./link-social-identity.server";
import { checkOAuthState, clearedOAuthStateCookie, newOAuthState, oauthStateCookie } from "./oauth-state.server";
import { pendingIdentityCookie } from "./pending-identity.server";
import { isSocialProvider, type SocialProvider } from "./providers";
import { configuredProviders, displayNameFromNickname, type ProviderIdentity, subjectIndexOf } from "./providers.server";
import { signInWithSocial } from "./sign-in-with-social.server";
import { unlinkSocialIdentity } from "./unlink-social-identity.server";
import { fetchWechatIdentity, wechatAuthorizeUrl } from "./wechat-oauth.server";

/**
 * The browser side of WeChat and Alipay sign-in: `/auth/:provider/start` sends the browser to the
 * provider, `/auth/:provider/callback` takes it back. Failures end on a page with a toast saying
 * what happened, never on an error screen.
 */

/** A provider in a page URL: unknown or unconfigured ones are a 404 page. */
function pageProvider(value: string | undefined): SocialProvider {
	if (!isSocialProvider(value) || !configuredProviders().includes(value)) throw data(null, { status: 404 });
	return value;
}

function callbackUrl(request: Request, provider: SocialProvider): string {
	return new URL(`/auth/${provider}/callback`, settings().APP_URL ?? new URL(request.url).origin).toString();
}

/**
 * `?redirectTo=/path` says where to land afterwards; `?intent=bind` binds the provider to the
 * signed-in account instead of signing in (anyone else is sent to sign in first).
 */
export async function startSocialSignIn(request: Request, providerParam: string | undefined): Promise<Response> {
	const provider = pageProvider(providerParam);
	const url = new URL(request.url);
	const binding = url.searchParams.get("intent") === "bind";
	const bindUserId = binding ? (await requireUser(request)).user.id : null;
	const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), binding ? "/me/security" : "/me");
	const state = newOAuthState({ redirectTo, bindUserId });
	const target = { state: state.state, redirectUri: callbackUrl(request, provider) };
	return redirect(provider === "wechat" ? wechatAuthorizeUrl(target) : alipayAuthorizeUrl(target), {
		headers: { "Set-Cookie": oauthStateCookie(provider, state), "Cache-Control": "no-store" },
	});
}

export async function finishSocialCallback(
	request: Request,
	context: Readonly<RouterContextProvider>,
	providerParam: string | undefined,
): Promise<Response> {
	const provider = pageProvider(providerParam);
	const url = new URL(request.url);
	// The state is single-use: cleared whatever happens next.
	const clearState = clearedOAuthStateCookie(provider);
	const fail = (to: string, messageKey: string) =>
		redirectWithToast(to, { kind: "error", messageKey }, { headers: { "Set-Cookie": clearState } });

	const checked = checkOAuthState(request, provider, url.searchParams.get("state"));
	if (!checked.ok) {
		return fail("/login", checked.reason === "missing" ? "accounts.errors.socialExpired" : "accounts.errors.socialFailed");
	}
	const { redirectTo, bindUserId } = checked.state;
	const failTo = bindUserId ? redirectTo : `/login?redirectTo=${encodeURIComponent(redirectTo)}`;
	// WeChat answers `code`, Alipay `auth_code`; neither when the user cancels.
	const code = url.searchParams.get(provider === "wechat" ? "code" : "auth_code");
	if (!code || code.length > 512) return fail(failTo, "accounts.errors.socialFailed");

	try {
		const identity: ProviderIdentity = provider === "wechat" ? await fetchWechatIdentity(code) : await fetchAlipayIdentity(code);
		if (bindUserId) {
			const session = await getUserSession(request);
			if (session?.user.id !== bindUserId) return fail("/login", "accounts.errors.socialExpired");
			await linkSocialIdentity({
				userId: bindUserId,
				provider,
				subjectIndex: subjectIndexOf(provider, identity.subject),
				nickname: displayNameFromNickname(identity.nickname),
				...(identity.openid ? { openid: identity.openid } : {}),
			});
			return redirectWithToast(
				redirectTo,
				{ kind: "success", messageKey: "accounts.security.bindDone" },
				{ headers: { "Set-Cookie": clearState } },
			);
		}
		const outcome = await signInWithSocial({ identity, client: clientOfPage(request, context) });
		if (outcome.kind === "signedIn") {
			const response = signedInRedirect(outcome.result, redirectTo, { kind: "success", messageKey: "accounts.login.welcome" });
			response.headers.append("Set-Cookie", clearState);
			return response;
		}
		const headers = new Headers();
		headers.append("Set-Cookie", clearState);
		headers.append("Set-Cookie", pendingIdentityCookie(outcome.pending));
		return redirect(`/login/bind-phone?redirectTo=${encodeURIComponent(redirectTo)}`, { headers });
	} catch (error) {
		if (!isAppError(error)) throw error;
		return fail(failTo, error.messageKey);
	}
}

/** The unbind form of the security page: back to where it was posted from, with a toast either way. */
export async function unbindFromPage(request: Request, providerParam: string | undefined): Promise<Response> {
	const session = await requireUser(request);
	if (!isSocialProvider(providerParam)) throw data(null, { status: 404 });
	const form = await request.formData();
	const back = safeRedirect(form.get("redirectTo"), "/me/security");
	try {
		await unlinkSocialIdentity({ userId: session.user.id, provider: providerParam });
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
	}
	return redirectWithToast(back, { kind: "success", messageKey: "accounts.security.unbound" });
}
