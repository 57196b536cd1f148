import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatFen } from "~/lib/money";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { PayoutAccountKind, WithdrawalStatus } from "../schema";

export interface WithdrawalItem {
	id: string;
	status: WithdrawalStatus;
	amountFen: number;
	payoutAccount: { kind: PayoutAccountKind; masked: string };
	failureReason: string | null;
	awaitingConfirmation: boolean;
	createdAt: string;
	paidAt: string | null;
}

const tones: Record<WithdrawalStatus, string> = {
	pending_approval: "bg-wood-100 text-wood-700",
	processing: "bg-sky-50 text-sky-800",
	in_bank_batch: "bg-sky-50 text-sky-800",
	paid: "bg-cloth-50 text-cloth-800",
	failed: "bg-red-50 text-danger",
	rejected: "bg-red-50 text-danger",
};

export function WithdrawalStatusChip({ status }: { status: WithdrawalStatus }) {
	const { t } = useTranslation();
	return (
		<span data-testid="withdrawal-status" className={cn("rounded-full px-2 py-0.5 text-xs font-medium", tones[status])}>
			{t(`payouts.status.${status}`)}
		</span>
	);
}

/** Why a withdrawal did not go: a provider's code in words, or staff's reason as written. */
export function useFailureText() {
	const { t, i18n } = useTranslation();
	return (item: { status: WithdrawalStatus; failureReason: string | null }) => {
		if (!item.failureReason) return null;
		if (item.status === "rejected") return item.failureReason;
		const key = `payouts.failures.${item.failureReason}`;
		return i18n.exists(key) ? t(key) : t("payouts.failures.other");
	};
}

export function WithdrawalList({ items }: { items: WithdrawalItem[] }) {
	const { t, i18n } = useTranslation();
	const failureText = useFailureText();
	if (items.length === 0) return <EmptyState icon="¥" title={t("payouts.withdrawals.empty")} />;
	const time = (at: string) =>
		new Date(at).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });
	return (
		<ul className="space-y-3" data-testid="withdrawals">
			{items.map((item) => {
				const reason = failureText(item);
				return (
					<li key={item.id} className="space-y-1 rounded-(--radius-card) bg-white px-4 py-3 ring-1 ring-line">
						<div className="flex items-center justify-between gap-3">
							<p className="text-lg font-semibold tabular-nums">{formatFen(item.amountFen, i18n.language)}</p>
							<WithdrawalStatusChip status={item.status} />
						</div>
						<p className="text-sm text-muted">
							{t(`payouts.kinds.${item.payoutAccount.kind}`)} {item.payoutAccount.masked} · {t("payouts.withdrawals.requestedAt")}{" "}
							{time(item.createdAt)}
							{item.paidAt ? ` · ${t("payouts.withdrawals.paidAt")} ${time(item.paidAt)}` : ""}
						</p>
						{reason ? <p className="text-sm text-danger">{t("payouts.withdrawals.reason", { reason })}</p> : null}
						{item.awaitingConfirmation ? (
							<div className="flex items-center justify-between gap-3" data-testid="awaiting-confirmation">
								<p className="text-sm font-medium text-wood-700">{t("payouts.withdrawals.awaitingConfirm")}</p>
								<Link
									to={`/coach/withdrawals/${item.id}/confirm`}
									className="rounded-xl bg-cloth-700 px-3 py-1.5 text-sm text-white hover:bg-cloth-800"
								>
									{t("payouts.withdrawals.confirmButton")}
								</Link>
							</div>
						) : null}
					</li>
				);
			})}
		</ul>
	);
}
