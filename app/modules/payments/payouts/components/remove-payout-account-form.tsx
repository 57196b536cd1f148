import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";

/**
 * Removing a payout account: a fresh SMS code (sent by the page's code form) and a confirmation.
 * A refusal (a withdrawal still on its way) is said here, and nothing changes.
 */
export function RemovePayoutAccountForm({
	account,
	errors,
	codeSent,
	busy,
}: {
	account: { id: string; masked: string };
	errors: FormErrors;
	codeSent: boolean;
	busy: (intent: string) => boolean;
}) {
	const { t } = useTranslation();
	return (
		<section className="space-y-3 rounded-(--radius-card) bg-white p-4 ring-1 ring-line sm:p-6" data-testid="remove-account">
			<h2 className="text-lg font-semibold">{t("payouts.accounts.removeTitle", { masked: account.masked })}</h2>
			<p className="text-sm text-muted">{t("payouts.accounts.removeHint")}</p>
			<Form method="post" id="payout-code-form" hidden>
				<input type="hidden" name="intent" value="proof-code" />
			</Form>
			<Form method="post" className="space-y-3" noValidate>
				<input type="hidden" name="intent" value="remove" />
				<input type="hidden" name="accountId" value={account.id} />
				<div className="flex items-end gap-2">
					<div className="flex-1">
						<Field
							label={t("payouts.accounts.smsCode")}
							name="smsCode"
							inputMode="numeric"
							autoComplete="one-time-code"
							maxLength={6}
							hint={codeSent ? t("payouts.accounts.codeSent") : undefined}
							error={errors.fields?.smsCode ? t(errors.fields.smsCode, errors.params ?? {}) : null}
						/>
					</div>
					<Button type="submit" form="payout-code-form" variant="secondary" busy={busy("proof-code")} className="mb-px">
						{t("payouts.accounts.sendCode")}
					</Button>
				</div>
				<FormAlert messageKey={errors.formError} params={errors.params} />
				<Button type="submit" variant="danger" busy={busy("remove")}>
					{t("payouts.accounts.removeConfirm")}
				</Button>
				<Link to="/coach/payout-accounts" className="ml-3 text-sm text-muted underline">
					{t("payouts.accounts.cancel")}
				</Link>
			</Form>
		</section>
	);
}
