import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { formatFen } from "~/lib/money";
import { Button, ButtonLink } from "~/ui/button";
import { inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { CancellationOutcome } from "../cancellation";

/**
 * The cancellation, quoted before it happens: what comes back and what the coach keeps, exactly as
 * the policy in force gives it now. The quoted refund goes with the form, so a quote that changed
 * meanwhile (a deadline passed) is shown again instead of cancelling on other terms.
 */
export function CancelPanel({
	quote,
	paidFen,
	errors,
	reason,
	busy,
}: {
	quote: CancellationOutcome;
	paidFen: number;
	errors?: FormErrors;
	reason?: string;
	busy: boolean;
}) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	const kept = paidFen - quote.refundFen;
	return (
		<section
			className="rounded-3xl bg-white p-5 shadow-(--shadow-card) ring-2 ring-danger/30 sm:p-6"
			aria-labelledby="cancel-title"
			data-testid="cancel-panel"
		>
			<h2 id="cancel-title" className="text-lg font-semibold">
				{t("booking.player.cancel.title")}
			</h2>
			<p className="mt-1 text-sm text-muted">{t(`booking.player.cancel.tiers.${quote.tier}`)}</p>
			<dl className="mt-3 grid grid-cols-2 gap-3 text-sm">
				<div className="rounded-2xl bg-cloth-50 p-3">
					<dt className="text-muted">{t("booking.player.cancel.refund")}</dt>
					<dd className="mt-1 text-xl font-semibold text-cloth-800" data-testid="quote-refund">
						{formatFen(quote.refundFen, locale)}
					</dd>
				</div>
				<div className="rounded-2xl bg-paper p-3">
					<dt className="text-muted">{t("booking.player.cancel.fee")}</dt>
					<dd className="mt-1 text-xl font-semibold" data-testid="quote-fee">
						{formatFen(kept, locale)}
					</dd>
				</div>
			</dl>
			<Form method="post" className="mt-4 space-y-3">
				<input type="hidden" name="intent" value="cancel" />
				<input type="hidden" name="quotedRefundFen" value={quote.refundFen} />
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<div className="space-y-1.5">
					<label htmlFor="cancel-reason" className="block text-sm font-medium">
						{t("booking.player.cancel.reason")}
					</label>
					<textarea
						id="cancel-reason"
						name="reason"
						rows={2}
						maxLength={300}
						defaultValue={reason ?? ""}
						className={inputClasses}
						placeholder={t("booking.player.cancel.reasonPlaceholder")}
						aria-invalid={errors?.fields?.reason ? true : undefined}
						aria-describedby={errors?.fields?.reason ? "cancel-reason-error" : undefined}
					/>
					{errors?.fields?.reason ? (
						<p id="cancel-reason-error" role="alert" className="text-sm text-danger">
							{t(errors.fields.reason)}
						</p>
					) : null}
				</div>
				<div className="flex flex-col gap-2 sm:flex-row-reverse">
					<Button type="submit" variant="danger" busy={busy}>
						{t("booking.player.cancel.confirm", { amount: formatFen(quote.refundFen, locale) })}
					</Button>
					<ButtonLink to="." variant="secondary" preventScrollReset>
						{t("booking.player.cancel.keep")}
					</ButtonLink>
				</div>
			</Form>
		</section>
	);
}
