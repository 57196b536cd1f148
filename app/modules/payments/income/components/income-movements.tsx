import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatFen } from "~/lib/money";
import { momentOf } from "~/modules/booking/components/orders/format";
import { cn } from "~/ui/cn";
import type { IncomeMovement } from "../movements.server";

const stateTone: Record<IncomeMovement["state"], string> = {
	pending: "bg-wood-100 text-wood-700",
	frozen: "bg-red-50 text-danger",
	available: "bg-cloth-50 text-cloth-800",
	reversed: "bg-gray-100 text-muted",
	in_transit: "bg-wood-100 text-wood-700",
	paid: "bg-cloth-50 text-cloth-800",
	failed: "bg-red-50 text-danger",
};

/** Every movement of the month, each with its order, where it stands and (for a lesson) what the platform kept. */
export function IncomeMovements({ movements }: { movements: IncomeMovement[] }) {
	const { t, i18n } = useTranslation();
	const money = (fen: number) => formatFen(fen, i18n.language);
	if (movements.length === 0) {
		return (
			<p className="rounded-2xl bg-white p-6 text-center text-muted shadow-(--shadow-card)">{t("income.movements.empty")}</p>
		);
	}
	return (
		<ul className="divide-y divide-line rounded-2xl bg-white shadow-(--shadow-card)" data-testid="movements">
			{movements.map((movement) => (
				<li key={`${movement.kind}-${movement.id}`} className="flex items-start justify-between gap-3 p-4">
					<div className="min-w-0 space-y-1">
						<p className="flex flex-wrap items-center gap-2">
							<span className="font-medium">{t(`income.kinds.${movement.kind}`)}</span>
							<span className={cn("rounded-full px-2 text-xs leading-5", stateTone[movement.state])}>
								{t(`income.states.${movement.state}`)}
							</span>
						</p>
						<p className="text-sm text-muted">
							{momentOf(movement.occurredAt, i18n.language)}
							{movement.state === "pending" && movement.availableAt
								? ` · ${t("income.movements.availableAt", { date: momentOf(movement.availableAt, i18n.language) })}`
								: null}
						</p>
						{movement.kind === "order" && movement.commissionFen > 0 ? (
							<p className="text-xs text-muted">
								{t("income.movements.gross", { amount: money(movement.grossFen) })} ·{" "}
								{t("income.movements.commission", { amount: money(movement.commissionFen) })}
							</p>
						) : null}
						{movement.bookingId ? (
							<Link
								to={`/coach/orders/${movement.bookingId}`}
								className="text-sm font-medium text-cloth-700 hover:underline print:hidden"
							>
								{t("income.movements.booking")} ›
							</Link>
						) : null}
					</div>
					<p
						className={cn(
							"shrink-0 text-right font-semibold tabular-nums",
							movement.amountFen < 0 ? "text-ink" : "text-cloth-700",
							movement.state === "reversed" || movement.state === "failed" ? "text-muted line-through" : null,
						)}
					>
						{movement.amountFen > 0 ? "+" : "−"}
						{money(Math.abs(movement.amountFen))}
					</p>
				</li>
			))}
		</ul>
	);
}
