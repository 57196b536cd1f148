/** The social sign-in providers, shared by the server code and the components that show them. */
export const socialProviders = ["wechat", "alipay"] as const;
export type SocialProvider = (typeof socialProviders)[number];

export function isSocialProvider(value: unknown): value is SocialProvider {
	return typeof value === "string" && (socialProviders as readonly string[]).includes(value);
}

/** One provider on the security page: whether it can be used here, and whether this user has it. */
export interface LinkedSocialAccount {
	provider: SocialProvider;
	/** The provider is set up on this deployment (a bound but unconfigured one can still be unbound). */
	configured: boolean;
	bound: boolean;
	/** The nickname the provider gave when it was bound. */
	nickname: string | null;
	boundAt: string | null;
	/** False when this is the account's only way in. */
	canUnbind: boolean;
}

/** The label key of a provider's name ("微信", "支付宝"). */
export const providerNameKey = (provider: SocialProvider) => `accounts.security.${provider}`;
