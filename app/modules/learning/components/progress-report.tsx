import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/modules/booking/components/time-format";
import type { ProgressReport } from "../report.server";
import { LevelCard, PlanList } from "./plan-list";

const percent = (made: number, attempted: number) => `${Math.round((made / attempted) * 100)}%`;
const share = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);

/**
 * The printable progress report (the player's own and the shared link's): one page per discipline
 * on paper, every rate with its n; print CSS drops the buttons and the shadows.
 */
export function ProgressReportView({ report, actions }: { report: ProgressReport; actions?: React.ReactNode }) {
	const { t, i18n } = useTranslation();
	const box = "rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6 print:rounded-none print:p-0 print:shadow-none";
	return (
		<article className="mx-auto max-w-3xl space-y-4 px-4 pt-5 pb-16 sm:pt-8 print:max-w-none print:space-y-3 print:p-0 print:text-black">
			<header className="space-y-1">
				<h1 className="text-2xl font-semibold">{t("learning.report.title", { name: report.playerName })}</h1>
				<p className="text-sm text-muted">
					{t("learning.report.generated", { time: formatDateTime(report.generatedAt, i18n.language) })}
				</p>
				<p className="text-sm text-muted">{t("learning.progress.intro")}</p>
			</header>
			{actions ? <div className="flex flex-wrap gap-2 print:hidden">{actions}</div> : null}
			{report.sections.map(({ progress, chart, trends }) => (
				<section
					key={progress.discipline}
					className="space-y-3 break-inside-avoid-page"
					aria-labelledby={`report-${progress.discipline}`}
				>
					<h2 id={`report-${progress.discipline}`} className="text-xl font-semibold">
						{t(`learning.disciplines.${progress.discipline}`)}
					</h2>
					<div className={`${box} grid grid-cols-3 gap-3 text-center`}>
						<div>
							<p className="text-xs text-muted">{t("learning.progress.lessons")}</p>
							<p className="text-lg font-semibold">{t("learning.progress.lessonsValue", { count: progress.lessonsCompleted })}</p>
						</div>
						<div>
							<p className="text-xs text-muted">{t("learning.progress.hours")}</p>
							<p className="text-lg font-semibold">{t("learning.progress.hoursValue", { hours: progress.hoursCompleted })}</p>
						</div>
						<div>
							<p className="text-xs text-muted">{t("learning.progress.potRate")}</p>
							<p className="text-lg font-semibold">
								{progress.potRate.attempted > 0 ? percent(progress.potRate.made, progress.potRate.attempted) : "—"}
							</p>
							<p className="text-xs text-muted">
								{progress.potRate.made}/{progress.potRate.attempted}
							</p>
						</div>
					</div>
					<LevelCard level={progress.level} peers={progress.peers} />
					{chart ? (
						<div className={box}>
							<h3 className="mb-2 font-semibold">{t("learning.progress.chart")}</h3>
							{/* Drawn by ECharts on the server from numbers only. */}
							<div dangerouslySetInnerHTML={{ __html: chart }} />
						</div>
					) : null}
					<div className={box}>
						<h3 className="font-semibold">{t("learning.progress.skills")}</h3>
						<table className="mt-2 w-full text-sm">
							<tbody className="divide-y divide-stone-100">
								{progress.skills.map((skill) => (
									<tr key={skill.skill}>
										<td className="py-1.5">{t(`learning.skills.${skill.skill}`)}</td>
										<td className="py-1.5 text-right tabular-nums">
											{skill.enoughData ? percent(skill.made, skill.attempted) : t("learning.progress.notEnough")} ({skill.made}/
											{skill.attempted})
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					<div className={box}>
						<h3 className="font-semibold">{t("learning.report.drillTrends")}</h3>
						{trends.length === 0 ? (
							<p className="mt-2 text-sm text-muted">{t("learning.report.drillTrendsNone")}</p>
						) : (
							<table className="mt-2 w-full text-sm" data-testid="drill-trends">
								<thead>
									<tr className="text-left text-xs text-muted">
										<th className="py-1 font-normal">{t("learning.practice.drill")}</th>
										<th className="py-1 text-right font-normal">{t("learning.report.first")}</th>
										<th className="py-1 text-right font-normal">{t("learning.report.latest")}</th>
									</tr>
								</thead>
								<tbody className="divide-y divide-stone-100">
									{trends.map((trend) => (
										<tr key={trend.drillId}>
											<td className="py-1.5">
												{trend.name}{" "}
												<span className="text-xs text-muted">({t("learning.report.drillRounds", { count: trend.rounds })})</span>
											</td>
											<td className="py-1.5 text-right tabular-nums">{share(trend.first)}</td>
											<td className="py-1.5 text-right font-medium tabular-nums">{share(trend.latest)}</td>
										</tr>
									))}
								</tbody>
							</table>
						)}
					</div>
					<div className={box}>
						<h3 className="font-semibold">{t("learning.progress.plan")}</h3>
						<PlanList plan={progress.plan} drillNames={report.drillNames} linkCoaches={false} />
					</div>
				</section>
			))}
		</article>
	);
}
