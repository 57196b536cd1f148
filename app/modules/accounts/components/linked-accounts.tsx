import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Button, buttonClasses } from "~/ui/button";
import { cn } from "~/ui/cn";
import { type LinkedSocialAccount, providerNameKey } from "../social/providers";
import { socialStartHref } from "./social-login-buttons";

const markClass = { wechat: "bg-[#07C160]", alipay: "bg-[#1677FF]" } as const;
const mark = { wechat: "微", alipay: "支" } as const;

/**
 * WeChat and Alipay on the security page: bound or not, a link to bind, a form to unbind (posted
 * to /auth/:provider/unbind, which comes back to `redirectTo` with a toast). The account's last
 * way in cannot be unbound, and says so.
 */
export function LinkedAccounts({
	accounts,
	redirectTo = "/me/security",
	className,
}: {
	accounts: readonly LinkedSocialAccount[];
	redirectTo?: string;
	className?: string;
}) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	if (accounts.length === 0) return null;
	return (
		<ul className={cn("divide-y divide-line", className)}>
			{accounts.map((account) => {
				const name = t(providerNameKey(account.provider));
				const unbindAction = `/auth/${account.provider}/unbind`;
				const unbinding = navigation.state === "submitting" && navigation.formAction === unbindAction;
				return (
					<li key={account.provider} className="flex flex-wrap items-center gap-3 py-3">
						<span
							aria-hidden
							className={cn(
								"flex size-9 shrink-0 items-center justify-center rounded-full text-sm font-bold text-white",
								markClass[account.provider],
							)}
						>
							{mark[account.provider]}
						</span>
						<div className="min-w-0 flex-1">
							<p className="font-medium">{name}</p>
							<p className="truncate text-sm text-muted">
								{account.bound
									? account.nickname
										? t("accounts.security.boundAs", { nickname: account.nickname })
										: t("accounts.security.bound")
									: t("accounts.security.notBound")}
							</p>
							{account.bound && !account.canUnbind ? (
								<p className="text-sm text-muted">{t("accounts.errors.lastMethod")}</p>
							) : null}
						</div>
						{account.bound ? (
							<Form method="post" action={unbindAction}>
								<input type="hidden" name="redirectTo" value={redirectTo} />
								<Button
									type="submit"
									variant="secondary"
									size="sm"
									busy={unbinding}
									disabled={!account.canUnbind}
									aria-label={`${t("accounts.security.unbind")} ${name}`}
								>
									{t("accounts.security.unbind")}
								</Button>
							</Form>
						) : account.configured ? (
							<a
								href={socialStartHref(account.provider, { intent: "bind", redirectTo })}
								className={buttonClasses("secondary", "sm")}
								aria-label={`${t("accounts.security.bind")} ${name}`}
							>
								{t("accounts.security.bind")}
							</a>
						) : null}
					</li>
				);
			})}
		</ul>
	);
}
