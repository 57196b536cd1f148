import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { requirePermission } from "~/modules/accounts/guards.server";
import { can, type Permission } from "~/modules/accounts/permissions";
import { cn } from "~/ui/cn";
import { RouteErrorPage } from "~/ui/error-page";
import type { Route } from "./+types/layout";

/** The back office frame: staff only (support and admin), with its own sub-navigation. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requirePermission(request, "access:admin");
	// Sections a role cannot open are not offered (support reads payments; the ledger is admins').
	return {
		allowed: sections.filter((section) => !section.permission || can(session.roles, section.permission)).map((s) => s.to),
	};
}

const sections: Array<{ to: string; labelKey: string; matches: (path: string) => boolean; permission?: Permission }> = [
	{ to: "/admin", labelKey: "admin.nav.users", matches: (path: string) => path === "/admin" || path.startsWith("/admin/users/") },
	{
		to: "/admin/coach-reviews",
		labelKey: "admin.nav.coachReviews",
		matches: (path: string) => path === "/admin/coach-reviews" || path.startsWith("/admin/coach-reviews/"),
	},
	{ to: "/admin/bookings", labelKey: "admin.nav.bookings", matches: (path: string) => path.startsWith("/admin/bookings") },
	{ to: "/admin/reviews", labelKey: "coaches.reviews.admin.title", matches: (path: string) => path === "/admin/reviews" },
	{
		to: "/admin/moderation/words",
		labelKey: "moderation.words.title",
		matches: (path: string) => path.startsWith("/admin/moderation"),
		permission: "moderate:content:any",
	},
	{
		to: "/admin/drills",
		labelKey: "learning.drillEditor.adminTitle",
		matches: (path: string) => path.startsWith("/admin/drills"),
		permission: "manage:drill:any",
	},
	{
		to: "/admin/payments",
		labelKey: "admin.nav.payments",
		matches: (path: string) => path.startsWith("/admin/payments"),
		permission: "read:payment:any",
	},
	{
		to: "/admin/ledger",
		labelKey: "admin.nav.ledger",
		matches: (path: string) => path.startsWith("/admin/ledger"),
		permission: "reconcile:payment:any",
	},
	{
		to: "/admin/reconciliation",
		labelKey: "admin.nav.reconciliation",
		matches: (path: string) => path.startsWith("/admin/reconciliation"),
		permission: "reconcile:payment:any",
	},
	{
		to: "/admin/withdrawals",
		labelKey: "admin.nav.withdrawals",
		matches: (path: string) => path.startsWith("/admin/withdrawals"),
		permission: "approve:withdrawal:any",
	},
	{
		to: "/admin/income",
		labelKey: "income.admin.nav",
		matches: (path: string) => path.startsWith("/admin/income"),
		permission: "read:income:any",
	},
	{ to: "/admin/audit", labelKey: "admin.nav.audit", matches: (path: string) => path.startsWith("/admin/audit") },
];

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const shown = sections.filter((section) => loaderData.allowed.includes(section.to));
	const { pathname } = useLocation();
	return (
		<div className="mx-auto max-w-6xl px-4 pt-4 pb-10 sm:px-6 sm:pt-8">
			<div className="flex items-center gap-2 text-sm font-medium tracking-widest text-cloth-700">
				<span aria-hidden className="flex size-6 items-center justify-center rounded-md bg-cloth-800 text-xs text-white">
					⚙
				</span>
				{t("admin.title")}
			</div>
			<nav aria-label={t("admin.nav.label")} className="mt-3 border-b border-line">
				<ul className="-mb-px flex gap-1 overflow-x-auto">
					{shown.map((section) => {
						const current = section.matches(pathname.replace(/\/$/, ""));
						return (
							<li key={section.to}>
								<Link
									to={section.to}
									aria-current={current ? "page" : undefined}
									className={cn(
										"inline-flex h-11 items-center whitespace-nowrap border-b-2 px-3 text-[15px] transition-colors sm:px-4",
										current ? "border-cloth-700 font-medium text-cloth-800" : "border-transparent text-muted hover:text-ink",
									)}
								>
									{t(section.labelKey)}
								</Link>
							</li>
						);
					})}
				</ul>
			</nav>
			<div className="pt-5 sm:pt-8">
				<Outlet />
			</div>
		</div>
	);
}

/** Friendly pages inside the frame: no permission, no such user, or anything unexpected. */
export function ErrorBoundary() {
	return <RouteErrorPage appName="common.appNameFull" className="sm:py-24" />;
}
