import { type Settings, settings } from "~/lib/config.server";
import { blindIndex } from "~/lib/crypto.server";
import { notFound } from "~/lib/errors";
import { isSocialProvider, type SocialProvider, socialProviders } from "./providers";
import type { WechatOpenid } from "./wechat-openid.server";

/** Who the provider says signed in: its stable user id for this platform, and a nickname. */
export interface ProviderIdentity {
	provider: SocialProvider;
	subject: string;
	nickname: string | null;
	/** WeChat: the openid under the AppID signed in with (kept sealed for payouts to a coach's WeChat). */
	openid?: WechatOpenid;
}

/** Providers whose settings are complete: WeChat needs its app id and secret, Alipay its app id and both keys. */
export function providersConfiguredIn(current: Settings): SocialProvider[] {
	return socialProviders.filter((provider) =>
		provider === "wechat"
			? Boolean(current.WECHAT_OAUTH_APPID && current.WECHAT_OAUTH_SECRET)
			: Boolean(current.ALIPAY_APP_ID && current.ALIPAY_PRIVATE_KEY && current.ALIPAY_PUBLIC_KEY),
	);
}

/** The providers to offer on this deployment (the sign-in buttons show only these). */
export function configuredProviders(): SocialProvider[] {
	return providersConfiguredIn(settings());
}

/** A provider named in a URL, if it exists and is set up here; otherwise a 404. */
export function requireConfiguredProvider(value: string | undefined): SocialProvider {
	if (!isSocialProvider(value) || !configuredProviders().includes(value)) throw notFound();
	return value;
}

/** Provider user ids are personal data too: only their blind index is stored. */
export const subjectIndexOf = (provider: SocialProvider, subject: string) => blindIndex(`social-${provider}`, subject);

/** Provider nicknames as a display name: no markup characters, no control characters, at most 40 characters. */
export function displayNameFromNickname(nickname: string | null | undefined): string | null {
	const cleaned = (nickname ?? "")
		.replace(/[<>\p{Cc}]/gu, "")
		.trim()
		.slice(0, 40)
		.trim();
	return cleaned || null;
}
