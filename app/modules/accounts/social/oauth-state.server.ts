import { randomToken, safeEqual } from "~/lib/crypto.server";
import type { SocialProvider } from "./providers";
import { cookieHeader, readCookie, seal, unseal } from "./sealed-cookie.server";

/**
 * The OAuth `state`: a random value sent to the provider and kept in a cookie of this browser,
 * with where to go afterwards and, for a bind, which signed-in user started it. The callback
 * accepts the provider's answer only when its state matches the cookie.
 */
export interface OAuthState {
	state: string;
	redirectTo: string;
	/** Set when a signed-in user is binding this provider to their account. */
	bindUserId: string | null;
}

const lifetimeSeconds = 10 * 60;
const cookieName = (provider: SocialProvider) => `cp_oauth_${provider}`;
const cookiePath = (provider: SocialProvider) => `/auth/${provider}`;

export function newOAuthState(input: { redirectTo: string; bindUserId: string | null }): OAuthState {
	return { state: randomToken(24), ...input };
}

export function oauthStateCookie(provider: SocialProvider, state: OAuthState): string {
	return cookieHeader(cookieName(provider), seal(`oauth-state:${provider}`, state, lifetimeSeconds), {
		path: cookiePath(provider),
		maxAgeSeconds: lifetimeSeconds,
	});
}

export function clearedOAuthStateCookie(provider: SocialProvider): string {
	return cookieHeader(cookieName(provider), "", { path: cookiePath(provider), maxAgeSeconds: 0 });
}

/**
 * The state this browser started with, when the provider's echo matches it.
 * `missing`: no (or an expired) cookie, e.g. the flow took too long; `mismatch`: a forged or stale answer.
 */
export function checkOAuthState(
	request: Request,
	provider: SocialProvider,
	echoed: string | null,
): { ok: true; state: OAuthState } | { ok: false; reason: "missing" | "mismatch" } {
	const state = unseal<OAuthState>(`oauth-state:${provider}`, readCookie(request, cookieName(provider)));
	if (!state) return { ok: false, reason: "missing" };
	if (!echoed || !safeEqual(echoed, state.state)) return { ok: false, reason: "mismatch" };
	return { ok: true, state };
}
