import { useTranslation } from "react-i18next";

/** Verification badges: shown only for what the review verified. */
export function Badges({ badges }: { badges: Array<"real_name" | "certificate"> }) {
	const { t } = useTranslation();
	if (badges.length === 0) return null;
	return (
		<ul className="mt-1 flex flex-wrap gap-1.5">
			{badges.map((badge) => (
				<li key={badge} className="inline-flex items-center gap-1 rounded-full bg-cloth-50 px-2 py-0.5 text-xs text-cloth-800">
					<span aria-hidden>✓</span>
					{t(`coaches.badges.${badge}`)}
				</li>
			))}
		</ul>
	);
}
