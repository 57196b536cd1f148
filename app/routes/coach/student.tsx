import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { z } from "zod";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { percentLineChartSvg } from "~/lib/line-chart.server";
import { orPageError } from "~/lib/page-errors.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { coachStudent } from "~/modules/learning/coach-students.server";
import { LevelCard, PlanList } from "~/modules/learning/components/plan-list";
import { drillsForHistory } from "~/modules/learning/drills.server";
import type { Route } from "./+types/student";

/**
 * One student for their coach: the records of this coach's lessons (notes, homework, pot rate per
 * lesson as a chart) and, only when the student shares it, their whole progress and level. A
 * coach the player never booked gets 404, as the API answers.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const playerId = z.string().uuid().safeParse(params.playerId);
	if (!coach || !playerId.success) throw data(null, { status: 404 });
	const locale = localeOfRequest(request);
	const student = await orPageError(coachStudent({ coachId: coach.id, playerId: playerId.data, locale }));
	const rated = [...student.records].reverse().filter((record) => record.potRate.attempted > 0);
	const chart =
		rated.length > 0
			? percentLineChartSvg(
					rated.map((record) => ({
						label: record.completedAt.toISOString().slice(5, 10),
						percent: Math.round((record.potRate.made / record.potRate.attempted) * 100),
					})),
				)
			: null;
	const drillNames = Object.fromEntries(
		(await drillsForHistory({ coachId: coach.id })).map((drill) => [drill.id, drill.name[locale]]),
	);
	return {
		coach,
		student: { ...student, records: student.records.map((r) => ({ ...r, completedAt: r.completedAt.toISOString() })) },
		chart,
		drillNames,
		title: pageTitle(request, "learning.students.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function CoachStudentPage({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language === "en" ? "en" : "zh-CN";
	const { coach, student, chart, drillNames } = loaderData;
	const box = "rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6";
	return (
		<CoachPage
			title={student.displayName}
			back={false}
			intro={
				<Link to="/coach/students" className="text-sm text-muted hover:text-ink">
					← {t("learning.students.back")}
				</Link>
			}
		>
			<CoachGate coach={coach}>
				{chart ? (
					<section className={box} aria-labelledby="student-chart">
						<h2 id="student-chart" className="mb-2 text-lg font-semibold">
							{t("learning.students.chart")}
						</h2>
						{/* Drawn by ECharts on the server from numbers only. */}
						<div dangerouslySetInnerHTML={{ __html: chart }} />
					</section>
				) : null}
				<section className="space-y-3" aria-labelledby="student-records">
					<h2 id="student-records" className="text-lg font-semibold">
						{t("learning.students.recordsTitle")}
					</h2>
					{student.records.length === 0 ? <p className="text-muted">{t("learning.students.noRecords")}</p> : null}
					{student.records.map((record) => (
						<article key={record.bookingId} className={`${box} space-y-2`} data-testid="student-record">
							<header className="flex flex-wrap items-baseline justify-between gap-2">
								<h3 className="font-medium">
									{formatDateTime(record.completedAt, i18n.language)} · {t(`learning.disciplines.${record.discipline}`)}
								</h3>
								{record.potRate.attempted > 0 ? (
									<span className="text-sm tabular-nums">
										{t("learning.students.lessonPotRate", {
											rate: `${Math.round((record.potRate.made / record.potRate.attempted) * 100)}%`,
											made: record.potRate.made,
											attempted: record.potRate.attempted,
										})}
									</span>
								) : null}
							</header>
							{record.drills.length > 0 ? (
								<p className="text-sm">
									{record.drills
										.map((d) => `${d.name[locale]} ${d.made}/${d.attempts}${d.score !== null ? ` · ${d.score}` : ""}`)
										.join("、")}
								</p>
							) : null}
							{record.notes ? (
								<p className="text-sm">
									<span className="text-muted">{t("learning.students.notes")}：</span>
									{record.notes}
								</p>
							) : null}
							{record.homework.length > 0 ? (
								<p className="text-sm">
									<span className="text-muted">{t("learning.students.homework")}：</span>
									{record.homework.map((h) => h.name[locale]).join("、")}
								</p>
							) : null}
							<Link
								to={`/coach/orders/${record.bookingId}/record`}
								className="text-sm text-cloth-700 underline underline-offset-2"
							>
								{t("learning.record.edit")}
							</Link>
						</article>
					))}
				</section>
				<section className="space-y-3" aria-labelledby="student-shared">
					<h2 id="student-shared" className="text-lg font-semibold">
						{t("learning.students.shared")}
					</h2>
					{student.shared ? (
						<>
							<LevelCard level={student.shared.level} peers={null} />
							<div className={box}>
								<h3 className="font-semibold">{t("learning.progress.plan")}</h3>
								<PlanList plan={student.shared.plan} drillNames={drillNames} linkCoaches={false} />
							</div>
						</>
					) : (
						<p className="text-muted" data-testid="not-shared">
							{t("learning.students.notShared")}
						</p>
					)}
				</section>
			</CoachGate>
		</CoachPage>
	);
}
