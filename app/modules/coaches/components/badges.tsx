import { useTranslation } from "react-i18next";
import type { CoachBadge } from "../profile/preferred-badge";

/** Verification badges (only what the review verified) and 优选教练 (earned by lessons, recomputed daily). */
export function Badges({ badges }: { badges: CoachBadge[] }) {
	const { t } = useTranslation();
	if (badges.length === 0) return null;
	return (
		<ul className="mt-1 flex flex-wrap gap-1.5">
			{badges.map((badge) => (
				<li
					key={badge}
					data-badge={badge}
					className={
						badge === "preferred"
							? "inline-flex items-center gap-1 rounded-full bg-wood-100 px-2 py-0.5 text-xs font-medium text-wood-800"
							: "inline-flex items-center gap-1 rounded-full bg-cloth-50 px-2 py-0.5 text-xs text-cloth-800"
					}
				>
					<span aria-hidden>{badge === "preferred" ? "★" : "✓"}</span>
					{t(`coaches.badges.${badge}`)}
				</li>
			))}
		</ul>
	);
}
