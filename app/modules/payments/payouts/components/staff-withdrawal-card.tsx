import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { formatFen } from "~/lib/money";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { StaffWithdrawalView } from "../staff-withdrawals.server";
import { useFailureText, WithdrawalStatusChip } from "./withdrawal-list";

/** One withdrawal in the back office: who, how much, where to, the transfer's state, and what staff may do with it now. */
export function StaffWithdrawalCard({
	item,
	errors,
	busy,
}: {
	item: StaffWithdrawalView;
	errors: FormErrors | null;
	busy: (intent: string) => boolean;
}) {
	const { t, i18n } = useTranslation();
	const failureText = useFailureText();
	const reason = failureText(item);
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name] as string) : null);
	const time = (at: string) =>
		new Date(at).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });
	return (
		<li className="space-y-3 rounded-3xl bg-white p-4 shadow-(--shadow-card) sm:p-5" data-testid="staff-withdrawal">
			<div className="flex flex-wrap items-center justify-between gap-2">
				<p className="text-lg font-semibold tabular-nums">{formatFen(item.amountFen, i18n.language)}</p>
				<WithdrawalStatusChip status={item.status} />
			</div>
			{item.status === "processing" && item.attempts > 0 && item.channel !== "bank" ? (
				// Each attempt asks the provider (the first by sending); the re-drive job keeps asking.
				<p className="text-sm text-sky-800" data-testid="withdrawal-asked">
					{t("payouts.admin.processingAsked", { count: item.attempts })}
				</p>
			) : null}
			<dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
				<div className="flex gap-2">
					<dt className="text-muted">{t("payouts.admin.coach")}</dt>
					<dd>{item.coach.displayName}</dd>
				</div>
				<div className="flex gap-2">
					<dt className="text-muted">{t("payouts.withdrawals.account")}</dt>
					<dd>
						{t(`payouts.kinds.${item.payoutAccount.kind}`)} {item.payoutAccount.masked}
					</dd>
				</div>
				<div className="flex gap-2">
					<dt className="text-muted">{t("payouts.withdrawals.requestedAt")}</dt>
					<dd>{time(item.createdAt)}</dd>
				</div>
				<div className="flex min-w-0 gap-2">
					<dt className="shrink-0 text-muted">{t("payouts.admin.outBizNo")}</dt>
					<dd className="truncate font-mono text-xs leading-5">{item.outBizNo}</dd>
				</div>
				<div className="flex gap-2">
					<dt className="text-muted">{t("payouts.admin.attempts")}</dt>
					<dd>{item.attempts}</dd>
				</div>
				{item.lastError ? (
					<div className="flex gap-2">
						<dt className="text-muted">{t("payouts.admin.lastError")}</dt>
						<dd className="font-mono text-xs leading-5">{item.lastError}</dd>
					</div>
				) : null}
			</dl>
			{reason ? <p className="text-sm text-danger">{t("payouts.withdrawals.reason", { reason })}</p> : null}
			{item.status === "pending_approval" ? (
				<div className="flex flex-col gap-3 sm:flex-row sm:items-end">
					<Form method="post">
						<input type="hidden" name="intent" value="approve" />
						<input type="hidden" name="withdrawalId" value={item.id} />
						<Button type="submit" busy={busy(`approve:${item.id}`)}>
							{t("payouts.admin.approve")}
						</Button>
					</Form>
					<Form method="post" className="flex flex-1 items-end gap-2" noValidate>
						<input type="hidden" name="intent" value="reject" />
						<input type="hidden" name="withdrawalId" value={item.id} />
						<div className="flex-1">
							<Field label={t("payouts.admin.rejectReason")} name="reason" error={fieldError("reason")} />
						</div>
						<Button type="submit" variant="secondary" busy={busy(`reject:${item.id}`)} className="mb-px">
							{t("payouts.admin.reject")}
						</Button>
					</Form>
				</div>
			) : null}
			{item.status === "in_bank_batch" && item.batchId ? (
				<div className="flex flex-col gap-3 sm:flex-row sm:items-end">
					<Form method="post">
						<input type="hidden" name="intent" value="bank-paid" />
						<input type="hidden" name="withdrawalId" value={item.id} />
						<Button type="submit" busy={busy(`bank-paid:${item.id}`)}>
							{t("payouts.admin.markPaid")}
						</Button>
					</Form>
					<Form method="post" className="flex flex-1 items-end gap-2" noValidate>
						<input type="hidden" name="intent" value="bank-failed" />
						<input type="hidden" name="withdrawalId" value={item.id} />
						<div className="flex-1">
							<Field label={t("payouts.admin.failReason")} name="reason" error={fieldError("reason")} />
						</div>
						<Button type="submit" variant="secondary" busy={busy(`bank-failed:${item.id}`)} className="mb-px">
							{t("payouts.admin.markFailed")}
						</Button>
					</Form>
				</div>
			) : null}
			<FormAlert messageKey={errors?.formError} params={errors?.params} />
		</li>
	);
}
