import { useTranslation } from "react-i18next";
import { formatFen } from "~/lib/money";
import { momentOf } from "~/modules/booking/components/orders/format";
import type { MonthStatement, YearStatement } from "../statements.server";

/**
 * The printable statements (a month's movements, a year's income by month): plain tables on white,
 * the page's chrome hidden when printed (print: classes), so "print" gives a clean A4 sheet.
 */
function SheetHeader({ title, coach, period }: { title: string; coach: string; period: string }) {
	const { t, i18n } = useTranslation();
	return (
		<header className="space-y-1 border-b border-line pb-3">
			<p className="text-sm text-muted">{t("common.appNameFull")}</p>
			<h1 className="text-2xl font-semibold">{title}</h1>
			<dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
				<dt className="text-muted">{t("income.statement.coach")}</dt>
				<dd>{coach}</dd>
				<dt className="text-muted">{t("income.statement.period")}</dt>
				<dd>{period}</dd>
				<dt className="text-muted">{t("income.statement.generatedAt")}</dt>
				<dd>{momentOf(new Date().toISOString(), i18n.language)}</dd>
			</dl>
		</header>
	);
}

export function PrintButton() {
	const { t } = useTranslation();
	return (
		<button
			type="button"
			onClick={() => window.print()}
			className="h-11 rounded-full bg-cloth-700 px-5 text-[15px] font-medium text-white print:hidden"
		>
			{t("income.statement.printButton")}
		</button>
	);
}

const cell = "border-b border-line px-2 py-1.5 text-left align-top";
const number = `${cell} text-right tabular-nums`;

export function MonthSheet({ statement, coach }: { statement: MonthStatement; coach: string }) {
	const { t, i18n } = useTranslation();
	const money = (fen: number) => (fen < 0 ? `−${formatFen(-fen, i18n.language)}` : formatFen(fen, i18n.language));
	return (
		<article className="space-y-4 bg-white p-4 text-sm print:p-0" data-testid="month-statement">
			<SheetHeader title={t("income.statement.monthTitle", { month: statement.month })} coach={coach} period={statement.month} />
			<div className="overflow-x-auto">
				<table className="w-full min-w-[32rem] border-collapse">
					<thead>
						<tr>
							<th className={cell}>{t("income.statement.columns.date")}</th>
							<th className={cell}>{t("income.statement.columns.kind")}</th>
							<th className={cell}>{t("income.statement.columns.state")}</th>
							<th className={number}>{t("income.statement.columns.commission")}</th>
							<th className={number}>{t("income.statement.columns.amount")}</th>
						</tr>
					</thead>
					<tbody>
						{statement.movements.map((movement) => (
							<tr key={`${movement.kind}-${movement.id}`}>
								<td className={cell}>{momentOf(movement.occurredAt, i18n.language)}</td>
								<td className={cell}>{t(`income.kinds.${movement.kind}`)}</td>
								<td className={cell}>{t(`income.states.${movement.state}`)}</td>
								<td className={number}>{movement.commissionFen ? money(movement.commissionFen) : ""}</td>
								<td className={number}>{money(movement.amountFen)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<dl className="ml-auto grid max-w-xs grid-cols-[1fr_auto] gap-x-4 gap-y-1">
				<dt>{t("income.totals.order")}</dt>
				<dd className="text-right tabular-nums">{money(statement.totals.orderFen)}</dd>
				<dt>{t("income.totals.tip")}</dt>
				<dd className="text-right tabular-nums">{money(statement.totals.tipFen)}</dd>
				<dt>{t("income.totals.withdrawn")}</dt>
				<dd className="text-right tabular-nums">{money(statement.totals.withdrawnFen)}</dd>
			</dl>
		</article>
	);
}

export function YearSheet({ statement, coach }: { statement: YearStatement; coach: string }) {
	const { t, i18n } = useTranslation();
	const money = (fen: number) => formatFen(fen, i18n.language);
	return (
		<article className="space-y-4 bg-white p-4 text-sm print:p-0" data-testid="year-statement">
			<SheetHeader title={t("income.statement.yearTitle", { year: statement.year })} coach={coach} period={statement.year} />
			<table className="w-full border-collapse">
				<thead>
					<tr>
						<th className={cell}>{t("income.statement.columns.month")}</th>
						<th className={number}>{t("income.totals.order")}</th>
						<th className={number}>{t("income.totals.tip")}</th>
						<th className={number}>{t("income.totals.withdrawn")}</th>
					</tr>
				</thead>
				<tbody>
					{statement.months.map((month) => (
						<tr key={month.month}>
							<td className={cell}>{month.month}</td>
							<td className={number}>{money(month.orderFen)}</td>
							<td className={number}>{money(month.tipFen)}</td>
							<td className={number}>{money(month.withdrawnFen)}</td>
						</tr>
					))}
				</tbody>
				<tfoot>
					<tr className="font-semibold">
						<td className={cell}>{t("income.statement.columns.total")}</td>
						<td className={number}>{money(statement.totals.orderFen)}</td>
						<td className={number}>{money(statement.totals.tipFen)}</td>
						<td className={number}>{money(statement.totals.withdrawnFen)}</td>
					</tr>
				</tfoot>
			</table>
			<p className="text-xs text-muted">{t("income.statement.yearNote")}</p>
		</article>
	);
}
