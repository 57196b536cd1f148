import { useTranslation } from "react-i18next";
import { formatFen } from "~/lib/money";
import { ButtonLink } from "~/ui/button";
import type { CoachBalances } from "../balances.server";

/** The three figures a coach comes for (what may be withdrawn, what is pending, what went out), and where the income came from. */
export function IncomeTotals({ balances }: { balances: CoachBalances }) {
	const { t, i18n } = useTranslation();
	const money = (fen: number) => formatFen(fen, i18n.language);
	return (
		<section aria-label={t("income.totals.label")} className="space-y-3">
			<div className="rounded-2xl bg-cloth-800 p-5 text-white shadow-(--shadow-card)">
				<p className="text-sm text-cloth-100">{t("income.totals.available")}</p>
				<div className="mt-1 flex flex-wrap items-end justify-between gap-3">
					<p className="text-3xl font-semibold tabular-nums" data-testid="available">
						{money(balances.availableFen)}
					</p>
					<ButtonLink to="/coach/withdrawals/new" variant="secondary" className="print:hidden">
						{t("income.withdraw")}
					</ButtonLink>
				</div>
				<dl className="mt-4 grid grid-cols-2 gap-3 border-t border-cloth-700 pt-3 text-sm">
					<div>
						<dt className="text-cloth-100">{t("income.totals.pending")}</dt>
						<dd className="text-lg font-medium tabular-nums" data-testid="pending">
							{money(balances.pendingFen)}
						</dd>
					</div>
					<div>
						<dt className="text-cloth-100">{t("income.totals.withdrawn")}</dt>
						<dd className="text-lg font-medium tabular-nums" data-testid="withdrawn">
							{money(balances.withdrawnFen)}
						</dd>
					</div>
				</dl>
			</div>
			<dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
				<Figure label={t("income.totals.order")} value={money(balances.orderIncomeFen)} testId="order-income" />
				<Figure label={t("income.totals.tip")} value={money(balances.tipIncomeFen)} testId="tip-income" />
				{balances.inTransitFen > 0 ? (
					<Figure label={t("income.totals.inTransit")} value={money(balances.inTransitFen)} testId="in-transit" />
				) : null}
			</dl>
		</section>
	);
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
	return (
		<div className="rounded-2xl bg-white p-4 shadow-(--shadow-card)">
			<dt className="text-sm text-muted">{label}</dt>
			<dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={testId}>
				{value}
			</dd>
		</div>
	);
}
