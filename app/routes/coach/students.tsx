import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { coachStudents } from "~/modules/learning/coach-students.server";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/students";

/** 我的学员: teaching statistics (with n) and the students of the coach's own lessons, latest first. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const result = coach ? await coachStudents(coach.id) : null;
	return {
		coach,
		stats: result?.stats ?? null,
		students: (result?.students ?? []).map((s) => ({ ...s, lastLessonAt: s.lastLessonAt?.toISOString() ?? null })),
		title: pageTitle(request, "learning.students.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const rate = (pots: { made: number; attempted: number } | null) =>
	pots ? `${Math.round((pots.made / pots.attempted) * 100)}%` : "—";

export default function CoachStudents({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { coach, stats, students } = loaderData;
	const box = "rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6";
	const change = stats?.potRateChange;
	return (
		<CoachPage title={t("learning.students.title")} intro={t("learning.students.intro")}>
			<CoachGate coach={coach}>
				{stats ? (
					<section className={box} aria-labelledby="teaching-stats">
						<h2 id="teaching-stats" className="text-lg font-semibold">
							{t("learning.students.stats")}
						</h2>
						<dl className="mt-3 grid grid-cols-3 gap-3 text-center">
							{(
								[
									["students", stats.students],
									["lessons", stats.lessons],
									["records", stats.recordsWritten],
								] as const
							).map(([key, value]) => (
								<div key={key}>
									<dt className="text-xs text-muted">{t(`learning.students.${key}`)}</dt>
									<dd className="text-xl font-semibold tabular-nums">{value}</dd>
								</div>
							))}
						</dl>
						<div className="mt-4 rounded-xl bg-stone-50 p-3" data-testid="pot-change">
							<p className="text-xs text-muted">{t("learning.students.potChange")}</p>
							{change && change.averagePoints !== null ? (
								<>
									<p className="text-lg font-semibold tabular-nums">
										{t("learning.students.potChangeValue", {
											points: `${change.averagePoints > 0 ? "+" : ""}${change.averagePoints}`,
										})}
									</p>
									<p className="text-xs text-muted">{t("learning.students.potChangeBasis", { count: change.students })}</p>
								</>
							) : (
								<p className="text-sm text-muted">{t("learning.students.potChangeNone")}</p>
							)}
						</div>
					</section>
				) : null}
				{students.length === 0 ? (
					<EmptyState icon="◎" title={t("learning.students.none")} />
				) : (
					<ul className="space-y-2">
						{students.map((student) => (
							<li key={student.playerId}>
								<Link
									to={`/coach/students/${student.playerId}`}
									className="flex items-center justify-between gap-3 rounded-2xl bg-white p-4 shadow-(--shadow-card) hover:ring-1 hover:ring-cloth-300"
								>
									<span className="min-w-0">
										<span className="block truncate font-medium">{student.displayName}</span>
										<span className="block text-sm text-muted">
											{t("learning.students.lessonCount", { count: student.lessons, records: student.records })}
											{student.lastLessonAt ? ` · ${formatDateTime(student.lastLessonAt, i18n.language)}` : ""}
										</span>
										{student.firstPotRate ? (
											<span className="block text-sm tabular-nums">
												{t("learning.students.potRateFromTo", {
													from: rate(student.firstPotRate),
													to: rate(student.latestPotRate ?? student.firstPotRate),
												})}
											</span>
										) : null}
									</span>
									<span className="shrink-0 text-sm text-cloth-700">{t("learning.students.open")} →</span>
								</Link>
							</li>
						))}
					</ul>
				)}
			</CoachGate>
		</CoachPage>
	);
}
