import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";
import type { SocialProvider } from "../social/providers";

const brand: Record<SocialProvider, { mark: string; className: string; labelKey: string }> = {
	wechat: { mark: "微", className: "bg-[#07C160]", labelKey: "accounts.login.wechat" },
	alipay: { mark: "支", className: "bg-[#1677FF]", labelKey: "accounts.login.alipay" },
};

/** The path that starts a provider's sign-in (or, with `intent: "bind"`, binds it to the signed-in account). */
export function socialStartHref(provider: SocialProvider, options: { redirectTo?: string; intent?: "bind" } = {}): string {
	const query = new URLSearchParams();
	if (options.intent) query.set("intent", options.intent);
	if (options.redirectTo) query.set("redirectTo", options.redirectTo);
	const search = query.toString();
	return `/auth/${provider}/start${search ? `?${search}` : ""}`;
}

/**
 * "或" and a button per configured provider, for the sign-in page. Renders nothing when no
 * provider is set up. Plain links: the browser must really leave for the provider's page.
 */
export function SocialLoginButtons({ providers, redirectTo }: { providers: readonly SocialProvider[]; redirectTo?: string }) {
	const { t } = useTranslation();
	if (providers.length === 0) return null;
	return (
		<div className="mt-6">
			<div className="flex items-center gap-3 text-sm text-muted">
				<span aria-hidden className="h-px flex-1 bg-line" />
				{t("accounts.login.or")}
				<span aria-hidden className="h-px flex-1 bg-line" />
			</div>
			<ul className={cn("mt-4 grid gap-3", providers.length > 1 && "sm:grid-cols-2")}>
				{providers.map((provider) => (
					<li key={provider}>
						<a
							href={socialStartHref(provider, { redirectTo })}
							className="flex h-11 w-full items-center justify-center gap-2 rounded-full bg-white text-[15px] font-medium text-ink ring-1 ring-inset ring-line hover:bg-cloth-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-cloth-600"
						>
							<span
								aria-hidden
								className={cn(
									"flex size-6 items-center justify-center rounded-full text-xs font-bold text-white",
									brand[provider].className,
								)}
							>
								{brand[provider].mark}
							</span>
							{t(brand[provider].labelKey)}
						</a>
					</li>
				))}
			</ul>
		</div>
	);
}
