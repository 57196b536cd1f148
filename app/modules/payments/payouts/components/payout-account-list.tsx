import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "~/ui/empty-state";
import type { PayoutAccountKind } from "../schema";

export interface PayoutAccountItem {
	id: string;
	kind: PayoutAccountKind;
	masked: string;
	bankName: string | null;
	bankBranch: string | null;
	verified: boolean;
	usable: boolean;
}

/** The coach's payout accounts, masked, each with whether withdrawals to it work now. */
export function PayoutAccountList({ accounts }: { accounts: PayoutAccountItem[] }) {
	const { t } = useTranslation();
	if (accounts.length === 0) return <EmptyState icon="¥" title={t("payouts.accounts.empty")} />;
	return (
		<ul className="space-y-3" data-testid="payout-accounts">
			{accounts.map((account) => (
				<li
					key={account.id}
					className="flex flex-wrap items-center justify-between gap-3 rounded-(--radius-card) bg-white px-4 py-3 ring-1 ring-line"
				>
					<div className="min-w-0">
						<p className="font-medium">
							{t(`payouts.kinds.${account.kind}`)} <span className="tabular-nums">{account.masked}</span>
						</p>
						{account.bankName ? (
							<p className="text-sm text-muted">{[account.bankName, account.bankBranch].filter(Boolean).join(" · ")}</p>
						) : null}
					</div>
					<div className="flex gap-2 text-xs">
						{account.verified ? (
							<span className="rounded-full bg-cloth-50 px-2 py-0.5 text-cloth-800">{t("payouts.accounts.verified")}</span>
						) : null}
						{account.usable ? null : (
							<span className="rounded-full bg-wood-100 px-2 py-0.5 text-wood-700">{t("payouts.accounts.unusable")}</span>
						)}
						<Link to={`?change=${account.id}&add=${account.kind}`} preventScrollReset className="text-cloth-700 underline">
							{t("payouts.accounts.change")}
						</Link>
						<Link to={`?remove=${account.id}`} preventScrollReset className="text-danger underline">
							{t("payouts.accounts.remove")}
						</Link>
					</div>
				</li>
			))}
		</ul>
	);
}
