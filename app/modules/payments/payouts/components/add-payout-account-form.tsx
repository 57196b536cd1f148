import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { PayoutAccountKind } from "../schema";

/**
 * Adding an Alipay account, a bank card or (with WeChat Pay) the WeChat bound to the coach's
 * sign-in: the kind is chosen by a link (works without JavaScript), the SMS code is sent by a
 * separate small form the "send code" button submits.
 */
export function AddPayoutAccountForm({
	kind,
	errors,
	codeSent,
	busy,
	values,
	wechat,
	changing,
}: {
	/** Set when the form changes this account instead of adding one. */
	changing?: { id: string; masked: string };
	kind: PayoutAccountKind;
	/** Offered when WeChat Pay is configured; `bound`: the coach's sign-in has a WeChat bound (its nickname). */
	wechat: { offered: boolean; bound: boolean; nickname: string | null };
	errors: FormErrors;
	codeSent: boolean;
	busy: (intent: string) => boolean;
	values: Record<string, string>;
}) {
	const { t } = useTranslation();
	const fieldError = (name: string) => (errors.fields?.[name] ? t(errors.fields[name] as string, errors.params ?? {}) : null);
	const tab = (value: PayoutAccountKind, label: string) => (
		<Link
			to={changing ? `?change=${changing.id}&add=${value}` : `?add=${value}`}
			replace
			preventScrollReset
			aria-current={kind === value ? "page" : undefined}
			className={cn(
				"inline-flex h-10 items-center rounded-full px-4 text-[15px]",
				kind === value ? "bg-cloth-700 font-medium text-white" : "bg-white text-ink ring-1 ring-line ring-inset",
			)}
		>
			{label}
		</Link>
	);
	return (
		<section className="space-y-4 rounded-(--radius-card) bg-white p-4 ring-1 ring-line sm:p-6">
			<h2 className="text-lg font-semibold">
				{changing ? t("payouts.accounts.changeTitle", { masked: changing.masked }) : t("payouts.accounts.add")}
			</h2>
			<div className="flex gap-2">
				{tab("alipay", t("payouts.accounts.addAlipay"))}
				{tab("bank_card", t("payouts.accounts.addBankCard"))}
				{wechat.offered ? tab("wechat", t("payouts.accounts.addWechat")) : null}
			</div>
			{kind === "wechat" && !wechat.bound ? (
				<p className="rounded-2xl bg-wood-100 px-4 py-3 text-sm text-wood-700 ring-1 ring-wood-300 ring-inset">
					{t("payouts.accounts.wechatNotBound")}{" "}
					<Link to="/me/security" className="font-medium underline">
						{t("payouts.accounts.bindWechat")}
					</Link>
				</p>
			) : null}
			<Form method="post" id="payout-code-form" hidden>
				<input type="hidden" name="intent" value="proof-code" />
			</Form>
			<Form method="post" className="space-y-3" noValidate>
				<input type="hidden" name="intent" value={changing ? "change" : "add"} />
				{changing ? <input type="hidden" name="accountId" value={changing.id} /> : null}
				<input type="hidden" name="kind" value={kind} />
				{kind === "wechat" ? (
					<p className="text-sm text-muted" data-testid="wechat-payee">
						{t("payouts.accounts.wechatPayee", { nickname: wechat.nickname ?? "" })}
					</p>
				) : kind === "alipay" ? (
					<Field
						label={t("payouts.accounts.alipayLogin")}
						name="alipayLogin"
						autoComplete="off"
						defaultValue={values.alipayLogin}
						error={fieldError("alipayLogin")}
					/>
				) : (
					<>
						<Field
							label={t("payouts.accounts.bankName")}
							name="bankName"
							defaultValue={values.bankName}
							error={fieldError("bankName")}
						/>
						<Field
							label={t("payouts.accounts.bankBranch")}
							name="bankBranch"
							defaultValue={values.bankBranch}
							error={fieldError("bankBranch")}
						/>
						<Field
							label={t("payouts.accounts.cardNumber")}
							name="cardNumber"
							inputMode="numeric"
							autoComplete="off"
							defaultValue={values.cardNumber}
							error={fieldError("cardNumber")}
						/>
					</>
				)}
				{kind === "wechat" ? null : (
					<Field
						label={t("payouts.accounts.holderName")}
						name="holderName"
						hint={t("payouts.accounts.holderHint")}
						defaultValue={values.holderName}
						error={fieldError("holderName")}
					/>
				)}
				<div className="flex items-end gap-2">
					<div className="flex-1">
						<Field
							label={t("payouts.accounts.smsCode")}
							name="smsCode"
							inputMode="numeric"
							autoComplete="one-time-code"
							maxLength={6}
							hint={codeSent ? t("payouts.accounts.codeSent") : undefined}
							error={fieldError("smsCode")}
						/>
					</div>
					<Button type="submit" form="payout-code-form" variant="secondary" busy={busy("proof-code")} className="mb-px">
						{t("payouts.accounts.sendCode")}
					</Button>
				</div>
				<FormAlert messageKey={errors.formError} params={errors.params} />
				<Button type="submit" busy={busy(changing ? "change" : "add")}>
					{t("payouts.accounts.save")}
				</Button>
				{changing ? (
					<Link to="/coach/payout-accounts" className="ml-3 text-sm text-muted underline">
						{t("payouts.accounts.cancel")}
					</Link>
				) : null}
			</Form>
		</section>
	);
}
