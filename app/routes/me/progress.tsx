import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { z } from "zod";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { percentLineChartSvg } from "~/lib/line-chart.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { LevelCard, PlanList } from "~/modules/learning/components/plan-list";
import { SharingCard } from "~/modules/learning/components/sharing-card";
import { drillsForHistory } from "~/modules/learning/drills.server";
import { readProgress } from "~/modules/learning/progress.server";
import { disciplineSchema } from "~/modules/learning/schema";
import { createReportLink, readSharing, revokeReportLink, setShareWithCoaches } from "~/modules/learning/sharing.server";
import { disciplines } from "~/modules/learning/vocabulary";
import { ButtonLink } from "~/ui/button";
import type { Route } from "./+types/progress";

/**
 * 我的进步: the player's progress per discipline, every rate with its n, from the totals kept on
 * each lesson record and practice session; the pot-rate chart is SVG drawn on the server.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const asked = disciplineSchema.safeParse(new URL(request.url).searchParams.get("discipline") ?? "chinese_8_ball");
	const discipline = asked.success ? asked.data : "chinese_8_ball";
	const locale = localeOfRequest(request);
	const progress = await readProgress({ playerId: session.user.id, discipline, locale });
	const chart =
		progress.series.length > 0
			? percentLineChartSvg(
					progress.series.map((day) => ({ label: day.day.slice(5), percent: Math.round((day.made / day.attempted) * 100) })),
				)
			: null;
	const drillNames = Object.fromEntries(
		(await drillsForHistory({ playerId: session.user.id }))
			.filter((drill) => drill.discipline === discipline)
			.map((drill) => [drill.id, drill.name[locale]]),
	);
	const sharing = await readSharing(session.user.id);
	return {
		progress,
		chart,
		drillNames,
		sharing: { ...sharing, reportSharedAt: sharing.reportSharedAt?.toISOString() ?? null },
		title: pageTitle(request, "learning.progress.title"),
	};
}

const sharingFormSchema = z.discriminatedUnion(
	"intent",
	[
		z.object({ intent: z.literal("share"), shareWithCoaches: z.literal("on").optional() }),
		z.object({ intent: z.literal("createLink") }),
		z.object({ intent: z.literal("revokeLink") }),
	],
	"errors.badRequest",
);

/** The sharing choices: booked coaches on or off, a new report link (shown in the answer, once), or none. */
export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData().catch(() => null);
	const parsed = sharingFormSchema.safeParse(form ? Object.fromEntries(form) : {});
	if (!parsed.success) return data({ newLink: null, error: "errors.badRequest" }, { status: 400 });
	if (parsed.data.intent === "share") {
		await setShareWithCoaches(session.user.id, parsed.data.shareWithCoaches === "on");
		return redirectWithToast("/me/progress", { kind: "success", messageKey: "learning.sharing.saved" });
	}
	if (parsed.data.intent === "revokeLink") {
		await revokeReportLink(session.user.id);
		return redirectWithToast("/me/progress", { kind: "success", messageKey: "learning.sharing.linkRevoked" });
	}
	const token = await createReportLink(session.user.id);
	return { newLink: `${new URL(request.url).origin}/progress/shared/${token}`, error: null };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const percent = (made: number, attempted: number) => `${Math.round((made / attempted) * 100)}%`;

export default function MyProgress({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { progress, chart, drillNames, sharing } = loaderData;
	const box = "rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6";
	const pot = progress.potRate;
	return (
		<div className="mx-auto max-w-3xl space-y-4 px-4 pt-5 pb-16 sm:pt-8">
			<header className="space-y-1">
				<h1 className="text-2xl font-semibold">{t("learning.progress.title")}</h1>
				<p className="text-sm text-muted">{t("learning.progress.intro")}</p>
			</header>
			<nav aria-label={t("learning.record.discipline")} className="flex gap-2 overflow-x-auto">
				{disciplines.map((d) => (
					<Link
						key={d}
						to={`?discipline=${d}`}
						aria-current={d === progress.discipline ? "page" : undefined}
						className={`whitespace-nowrap rounded-full px-4 py-2 text-sm ${d === progress.discipline ? "bg-cloth-700 text-white" : "bg-white text-ink shadow-(--shadow-card)"}`}
					>
						{t(`learning.disciplines.${d}`)}
					</Link>
				))}
			</nav>
			<section className={`${box} grid grid-cols-3 gap-3 text-center`} aria-label={t("learning.progress.title")}>
				<div>
					<p className="text-xs text-muted">{t("learning.progress.lessons")}</p>
					<p className="text-xl font-semibold">{t("learning.progress.lessonsValue", { count: progress.lessonsCompleted })}</p>
				</div>
				<div>
					<p className="text-xs text-muted">{t("learning.progress.hours")}</p>
					<p className="text-xl font-semibold">{t("learning.progress.hoursValue", { hours: progress.hoursCompleted })}</p>
				</div>
				<div>
					<p className="text-xs text-muted">{t("learning.progress.potRate")}</p>
					<p className="text-xl font-semibold" data-testid="pot-rate">
						{pot.attempted > 0 ? percent(pot.made, pot.attempted) : "—"}
					</p>
					<p className="text-xs text-muted">
						{pot.attempted > 0 ? `${pot.made}/${pot.attempted}` : t("learning.progress.noShots")}
					</p>
				</div>
			</section>
			<LevelCard level={progress.level} peers={progress.peers} />
			{chart ? (
				<section className={box} aria-labelledby="pot-chart">
					<h2 id="pot-chart" className="mb-2 text-lg font-semibold">
						{t("learning.progress.chart")}
					</h2>
					{/* The SVG is drawn by ECharts on the server from numbers only. */}
					<div dangerouslySetInnerHTML={{ __html: chart }} />
					<table className="sr-only">
						<caption>{t("learning.progress.chartTable")}</caption>
						<thead>
							<tr>
								<th>{t("learning.progress.day")}</th>
								<th>{t("learning.progress.rate")}</th>
							</tr>
						</thead>
						<tbody>
							{progress.series.map((day) => (
								<tr key={day.day}>
									<td>{day.day}</td>
									<td>
										{percent(day.made, day.attempted)} ({day.made}/{day.attempted})
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			) : null}
			<section className={box} aria-labelledby="skills">
				<h2 id="skills" className="text-lg font-semibold">
					{t("learning.progress.skills")}
				</h2>
				{progress.skills.length === 0 ? <p className="mt-2 text-muted">{t("learning.progress.empty")}</p> : null}
				<ul className="mt-2 divide-y divide-stone-100">
					{progress.skills.map((skill) => (
						<li key={skill.skill} className="flex items-baseline justify-between gap-3 py-2">
							<span>{t(`learning.skills.${skill.skill}`)}</span>
							<span className="text-right tabular-nums">
								{skill.enoughData ? (
									<>
										<strong>{percent(skill.made, skill.attempted)}</strong>{" "}
										<span className="text-xs text-muted">
											({skill.made}/{skill.attempted}，{t("learning.progress.lowerBound")}{" "}
											{Math.round((skill.lowerBound ?? 0) * 100)}%)
										</span>
									</>
								) : (
									<>
										<strong className="text-muted">{t("learning.progress.notEnough")}</strong>{" "}
										<span className="text-xs text-muted">
											({skill.made}/{skill.attempted})
										</span>
									</>
								)}
							</span>
						</li>
					))}
				</ul>
				<p className="mt-2 text-xs text-muted">{t("learning.progress.notEnoughHint")}</p>
			</section>
			<section className={box} aria-labelledby="errors">
				<h2 id="errors" className="text-lg font-semibold">
					{t("learning.progress.errors")}
				</h2>
				<ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
					{Object.entries(progress.errors).map(([type, n]) => (
						<li key={type} className="rounded-xl bg-stone-50 px-3 py-2">
							<span className="block text-xs text-muted">{t(`learning.errorTypes.${type}`)}</span>
							<span className="text-lg font-semibold tabular-nums">{n}</span>
						</li>
					))}
				</ul>
			</section>
			<section className={box} aria-labelledby="plan">
				<h2 id="plan" className="text-lg font-semibold">
					{t("learning.progress.plan")}
				</h2>
				<PlanList plan={progress.plan} drillNames={drillNames} />
			</section>
			<ButtonLink to="/me/practice" variant="secondary" className="w-full">
				{t("learning.progress.logPractice")}
			</ButtonLink>
			<SharingCard sharing={sharing} newLink={actionData?.newLink ?? null} />
		</div>
	);
}
