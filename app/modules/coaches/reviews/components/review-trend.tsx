import { useTranslation } from "react-i18next";
import type { ReviewMonth } from "../review-trend";

/**
 * The monthly trend drawn on the server (an SVG string we made from counts, never user input) and,
 * for screen readers and printing without graphics, the same figures as a table.
 */
export function ReviewTrend({ svg, wideSvg, months }: { svg: string; wideSvg: string; months: ReviewMonth[] }) {
	const { t } = useTranslation();
	return (
		<figure aria-labelledby="review-trend-title">
			<h2 id="review-trend-title" className="mb-2 font-semibold">
				{t("coaches.reviews.desk.trendTitle")}
			</h2>
			{/* The SVG is ECharts' server rendering of our own figures, never anything a user typed. */}
			<div className="sm:hidden" data-testid="review-trend" dangerouslySetInnerHTML={{ __html: svg }} />
			<div className="hidden sm:block" data-testid="review-trend-wide" dangerouslySetInnerHTML={{ __html: wideSvg }} />
			<table className="sr-only" data-testid="review-trend-table">
				<caption>{t("coaches.reviews.desk.trendCaption")}</caption>
				<thead>
					<tr>
						<th scope="col">{t("coaches.reviews.desk.month")}</th>
						<th scope="col">{t("coaches.reviews.desk.trendCount")}</th>
						<th scope="col">{t("coaches.reviews.desk.trendAverage")}</th>
					</tr>
				</thead>
				<tbody>
					{months.map((month) => (
						<tr key={month.month}>
							<th scope="row">{month.month}</th>
							<td>{month.count}</td>
							<td>{month.average === null ? "–" : month.average.toFixed(2)}</td>
						</tr>
					))}
				</tbody>
			</table>
		</figure>
	);
}
