import { useTranslation } from "react-i18next";
import type { RatingSummary } from "../rating";
import { Stars } from "./stars";

/** The average, the count, the three aspects and the star distribution as bars. */
export function RatingSummaryCard({ summary }: { summary: RatingSummary }) {
	const { t } = useTranslation();
	if (summary.count === 0 || summary.average === null) return null;
	const widest = Math.max(1, ...Object.values(summary.distribution));
	return (
		<div className="grid gap-4 sm:grid-cols-2" data-testid="rating-summary">
			<div>
				<p className="text-3xl font-semibold text-wood-700">{summary.average.toFixed(1)}</p>
				<Stars value={summary.average} />
				<p className="text-sm text-muted">{t("coaches.reviews.count", { count: summary.count })}</p>
				<dl className="mt-2 space-y-0.5 text-sm">
					{(["attitude", "skill", "service"] as const).map((aspect) => (
						<div key={aspect} className="flex justify-between gap-3">
							<dt className="text-muted">{t(`coaches.reviews.aspects.${aspect}`)}</dt>
							<dd>{summary.aspects[aspect]?.toFixed(1)}</dd>
						</div>
					))}
				</dl>
			</div>
			<ul className="space-y-1 text-sm" aria-label={t("coaches.reviews.distribution")}>
				{(["5", "4", "3", "2", "1"] as const).map((stars) => (
					<li key={stars} className="flex items-center gap-2">
						<span className="w-8 shrink-0">{stars}★</span>
						<span className="h-2 flex-1 overflow-hidden rounded-full bg-paper">
							<span
								className="block h-full rounded-full bg-wood-500"
								style={{ width: `${(summary.distribution[stars] / widest) * 100}%` }}
							/>
						</span>
						<span className="w-8 shrink-0 text-right text-muted">{summary.distribution[stars]}</span>
					</li>
				))}
			</ul>
		</div>
	);
}
