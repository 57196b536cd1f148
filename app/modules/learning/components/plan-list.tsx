import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { courseTypeNames } from "~/modules/coaches/catalog";
import type { Progress } from "../progress.server";
import { reliableScoredDrills } from "../skill-level";

/** The plan: each weak skill with its reason in words, the target, drills, the course type and matching coaches. */
export function PlanList({
	plan,
	drillNames,
	linkCoaches = true,
}: {
	plan: Progress["plan"];
	drillNames: Record<string, string>;
	linkCoaches?: boolean;
}) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language === "en" ? "en" : "zh-CN";
	if (plan.length === 0) return <p className="mt-2 text-muted">{t("learning.progress.noPlan")}</p>;
	return (
		<ol className="mt-2 space-y-4">
			{plan.map((item) => (
				<li key={item.skill} className="space-y-1 rounded-xl bg-stone-50 p-3" data-testid="plan-item">
					<p className="font-medium">{item.reason}</p>
					<p className="text-sm font-medium text-cloth-700">{item.targetText}</p>
					<p className="text-sm">
						<span className="text-muted">{t("learning.plan.drills")}：</span>
						{item.drillIds.map((id) => drillNames[id] ?? id).join("、")}
					</p>
					<p className="text-sm">{t("learning.plan.courseType", { course: courseTypeNames[item.courseType][locale] })}</p>
					<div className="text-sm">
						<span className="text-muted">{t("learning.plan.coaches")}：</span>
						{item.coaches.length === 0 ? (
							<span className="text-muted">{t("learning.plan.noCoaches")}</span>
						) : (
							<span className="inline-flex flex-wrap gap-2">
								{item.coaches.map((coach) =>
									linkCoaches ? (
										<Link key={coach.id} to={`/coaches/${coach.id}`} className="text-cloth-700 underline underline-offset-2">
											{coach.displayName}
										</Link>
									) : (
										<span key={coach.id}>{coach.displayName}</span>
									),
								)}
							</span>
						)}
					</div>
				</li>
			))}
			<li className="text-xs text-muted">{t("learning.plan.coachesHint")}</li>
		</ol>
	);
}

/** The skill level with what it rests on, 暂定 until enough scored drills. */
export function LevelCard({ level, peers }: { level: Progress["level"]; peers: Progress["peers"] }) {
	const { t } = useTranslation();
	return (
		<section className="rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6" aria-labelledby="level">
			<h2 id="level" className="text-lg font-semibold">
				{t("learning.level.title")}
			</h2>
			{level.level === null ? (
				<p className="mt-2 text-muted">{t("learning.level.none")}</p>
			) : (
				<>
					<p className="mt-2 flex flex-wrap items-center gap-2 text-xl font-semibold" data-testid="skill-level">
						{t("learning.level.value", { level: level.level, name: t(`learning.level.names.${level.level}`) })}
						{level.provisional ? (
							<span className="rounded-full bg-wood-100 px-2 py-0.5 text-sm font-medium text-wood-700">
								{t("learning.level.provisional")}
							</span>
						) : null}
					</p>
					<p className="text-sm text-muted">
						{level.provisional
							? t("learning.level.basisProvisional", { count: level.scoredDrills, needed: reliableScoredDrills })
							: t("learning.level.basis", { count: level.scoredDrills })}
					</p>
				</>
			)}
			<p className="mt-1 text-xs text-muted">{t("learning.level.how")}</p>
			<p className="mt-3 text-sm" data-testid="peers">
				{peers ? t("learning.peers.above", { percent: peers.percentBelow, peers: peers.peers }) : t("learning.peers.hidden")}
			</p>
		</section>
	);
}
