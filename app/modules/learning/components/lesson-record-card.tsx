import { useTranslation } from "react-i18next";
import type { Locale } from "~/lib/i18n";
import type { ErrorType, Skill } from "../vocabulary";

type Name = { "zh-CN": string; en: string };
export interface LessonRecordSummary {
	drills: { drillId: string; attempts: number; made: number; score: number | null; drill: { name: Name } }[];
	shots: { skill: Skill; attempts: number; made: number }[];
	errors: Partial<Record<ErrorType, number>>;
	notes: string | null;
	homework: { id: string; name: Name }[];
}

/** The coach's lesson record as the player reads it on their booking. */
export function LessonRecordCard({ record }: { record: LessonRecordSummary | null }) {
	const { t, i18n } = useTranslation();
	const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
	return (
		<section aria-labelledby="lesson-record" className="space-y-3 rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6">
			<h2 id="lesson-record" className="text-lg font-semibold">
				{t("learning.record.title")}
			</h2>
			{!record ? (
				<p className="text-muted">{t("learning.record.none")}</p>
			) : (
				<>
					{record.shots.length > 0 ? (
						<ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
							{record.shots.map((shot) => (
								<li key={shot.skill} className="rounded-xl bg-stone-50 px-3 py-2">
									<span className="block text-xs text-muted">{t(`learning.skills.${shot.skill}`)}</span>
									<span className="font-semibold tabular-nums">{`${shot.made}/${shot.attempts}`}</span>
								</li>
							))}
						</ul>
					) : null}
					{record.drills.length > 0 ? (
						<ul className="space-y-1 text-sm">
							{record.drills.map((entry, index) => (
								<li key={`${entry.drillId}-${index}`}>
									{entry.drill.name[locale]}：{entry.made}/{entry.attempts}
									{entry.score !== null ? ` · ${t("learning.record.score")} ${entry.score}` : ""}
								</li>
							))}
						</ul>
					) : null}
					{Object.keys(record.errors).length > 0 ? (
						<p className="text-sm">
							{t("learning.record.errors")}：
							{Object.entries(record.errors)
								.map(([type, n]) => `${t(`learning.errorTypes.${type}`)} ${n}`)
								.join("、")}
						</p>
					) : null}
					{record.notes ? <p className="whitespace-pre-line text-sm">{record.notes}</p> : null}
					{record.homework.length > 0 ? (
						<p className="text-sm">
							{t("learning.record.homework")}：{record.homework.map((drill) => drill.name[locale]).join("、")}
						</p>
					) : null}
				</>
			)}
		</section>
	);
}
