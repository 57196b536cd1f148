import { useTranslation } from "react-i18next";
import { fenToYuan } from "~/lib/money";
import type { MonthIncome } from "../movements.server";

/**
 * The chart drawn on the server (an SVG string we made, never user input) and, for screen readers
 * and printing without graphics, the same figures as a table.
 */
export function IncomeChart({ svg, wideSvg, months }: { svg: string; wideSvg: string; months: MonthIncome[] }) {
	const { t } = useTranslation();
	return (
		<figure className="rounded-2xl bg-white p-4 shadow-(--shadow-card)" aria-labelledby="income-chart-title">
			<h2 id="income-chart-title" className="mb-2 font-semibold">
				{t("income.chart.title")}
			</h2>
			{/* The SVG is ECharts' server rendering of our own figures, never anything a user typed. */}
			<div className="sm:hidden" data-testid="income-chart" dangerouslySetInnerHTML={{ __html: svg }} />
			<div className="hidden sm:block" data-testid="income-chart-wide" dangerouslySetInnerHTML={{ __html: wideSvg }} />
			<table className="sr-only">
				<caption>{t("income.chart.tableCaption")}</caption>
				<thead>
					<tr>
						<th scope="col">{t("income.chart.month")}</th>
						<th scope="col">{t("income.kinds.order")}</th>
						<th scope="col">{t("income.kinds.tip")}</th>
					</tr>
				</thead>
				<tbody>
					{months.map((month) => (
						<tr key={month.month}>
							<th scope="row">{month.month}</th>
							<td>{fenToYuan(month.orderFen)}</td>
							<td>{fenToYuan(month.tipFen)}</td>
						</tr>
					))}
				</tbody>
			</table>
		</figure>
	);
}
