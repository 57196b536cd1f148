import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { cn } from "./cn";

/**
 * Previous / next links that keep every other search parameter, so filters survive paging and
 * the back button works. Takes either page numbers or keyset cursors.
 */
export function Pagination({
	previous,
	next,
	label,
}: {
	previous?: Record<string, string> | null;
	next?: Record<string, string> | null;
	label?: string;
}) {
	const { t } = useTranslation();
	const location = useLocation();
	const hrefWith = (change: Record<string, string>) => {
		const params = new URLSearchParams(location.search);
		for (const [key, value] of Object.entries(change)) {
			if (value) params.set(key, value);
			else params.delete(key);
		}
		return `${location.pathname}?${params}`;
	};
	const linkClass = "inline-flex h-10 items-center rounded-full px-4 ring-1 ring-inset ring-line bg-white hover:bg-cloth-50";
	const disabledClass = "inline-flex h-10 items-center rounded-full px-4 text-muted/60 ring-1 ring-inset ring-line";
	if (!previous && !next) return null;
	return (
		<nav aria-label={t("common.pagination.label")} className="flex items-center justify-between gap-3 py-4">
			{previous ? (
				<Link to={hrefWith(previous)} className={linkClass} rel="prev">
					← {t("common.actions.previous")}
				</Link>
			) : (
				<span className={disabledClass} aria-disabled>
					← {t("common.actions.previous")}
				</span>
			)}
			{label ? <span className="text-sm text-muted">{label}</span> : null}
			{next ? (
				<Link to={hrefWith(next)} className={cn(linkClass)} rel="next">
					{t("common.actions.next")} →
				</Link>
			) : (
				<span className={disabledClass} aria-disabled>
					{t("common.actions.next")} →
				</span>
			)}
		</nav>
	);
}
