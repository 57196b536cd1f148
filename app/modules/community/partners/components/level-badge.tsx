import { useTranslation } from "react-i18next";

/** A player's level with where it comes from: 训练测评 (with its rounds, 暂定 while few) or 自评. */
export function LevelBadge({
	level,
}: {
	level: { value: number; source: "measured" | "self"; scoredDrills?: number; provisional?: boolean };
}) {
	const { t } = useTranslation();
	const source =
		level.source === "measured"
			? `${t("social.partners.levelMeasured")} · ${t(level.provisional ? "social.partners.levelProvisional" : "social.partners.levelMeasuredN", { n: level.scoredDrills ?? 0 })}`
			: t("social.partners.levelSelf");
	return (
		<span className="inline-flex flex-wrap items-center gap-1.5 text-sm">
			<span className="rounded-full bg-cloth-50 px-2 py-0.5 font-medium text-cloth-800">{t(`social.levels.${level.value}`)}</span>
			<span className="text-xs text-muted">{source}</span>
		</span>
	);
}
