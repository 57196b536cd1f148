import type { SocialProvider } from "./providers";
import { cookieHeader, readCookie, seal, unseal } from "./sealed-cookie.server";
import type { WechatOpenid } from "./wechat-openid.server";

/**
 * A provider identity seen for the first time, waiting for a phone number to be bound: kept for
 * ten minutes, encrypted, in a cookie (web) or handed out as a `bindToken` (mobile API). It holds
 * the blind index of the provider's user id, never the id itself.
 */
export interface PendingIdentity {
	provider: SocialProvider;
	subjectIndex: string;
	nickname: string | null;
	/** WeChat: the openid with its AppID (the cookie is sealed, so it stays unreadable to the browser). */
	openid?: WechatOpenid;
}

export const pendingIdentityLifetimeSeconds = 10 * 60;
const kind = "pending-social-identity";
const cookieName = "cp_social_pending";

export const sealPendingIdentity = (pending: PendingIdentity) => seal(kind, pending, pendingIdentityLifetimeSeconds);
export const openPendingIdentity = (sealed: string | null | undefined) => unseal<PendingIdentity>(kind, sealed);

export function pendingIdentityCookie(pending: PendingIdentity): string {
	return cookieHeader(cookieName, sealPendingIdentity(pending), { path: "/", maxAgeSeconds: pendingIdentityLifetimeSeconds });
}

export const clearedPendingIdentityCookie = () => cookieHeader(cookieName, "", { path: "/", maxAgeSeconds: 0 });

export const pendingIdentityOf = (request: Request) => openPendingIdentity(readCookie(request, cookieName));
