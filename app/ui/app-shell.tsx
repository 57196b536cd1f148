import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, NavLink, useLocation } from "react-router";
import type { Locale } from "~/lib/i18n";
import { cn } from "./cn";

/** The registration numbers a site in China shows in its footer (from ICP_LICENSE and PSB_FILING); null: not shown. */
export interface SiteFilings {
	icp: string | null;
	psb: string | null;
}

export interface NavItem {
	to: string;
	labelKey: string;
	icon: string;
	/** A count shown on the item, e.g. unread notifications. */
	badge?: number;
}

/**
 * The frame of every page: a top bar with navigation on a desktop, a bottom tab bar on a phone.
 * The items come from the root loader, so each person sees what they may use.
 */
export function AppShell({
	locale,
	navItems,
	accountItem,
	devBadge,
	filings,
	children,
}: {
	locale: Locale;
	navItems: NavItem[];
	accountItem: NavItem;
	devBadge: boolean;
	filings: SiteFilings;
	children: ReactNode;
}) {
	const { t } = useTranslation();
	const tabs = [...navItems, accountItem];
	const { pathname } = useLocation();
	// On /me/bookings only "Bookings" is current, not "Me" as well; /me/security still lights "Me".
	const inDeeperTab = (to: string) =>
		tabs.some((other) => other.to.startsWith(`${to}/`) && (pathname === other.to || pathname.startsWith(`${other.to}/`)));
	return (
		<div className="flex min-h-dvh flex-col">
			<a
				href="#main"
				className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2"
			>
				{t("common.nav.skipToContent")}
			</a>
			<header className="sticky top-0 z-40 border-b border-line/80 bg-white/90 backdrop-blur">
				<div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:h-16 sm:px-6">
					<Link to="/" className="flex items-center gap-2 font-semibold text-cloth-800">
						<span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-cloth-700 text-sm text-white">
							8
						</span>
						<span className="text-lg">{t("common.appNameFull")}</span>
					</Link>
					{devBadge ? (
						<span className="hidden rounded-full bg-wood-100 px-2 py-0.5 text-xs text-wood-700 sm:inline">
							{t("common.devBadge")}
						</span>
					) : null}
					<nav aria-label={t("common.nav.mainNavigation")} className="ml-auto hidden items-center gap-1 md:flex">
						{tabs.map((item) => (
							<NavLink
								key={item.to}
								to={item.to}
								end={item.to === "/" || inDeeperTab(item.to)}
								className={({ isActive }) =>
									cn(
										"rounded-full px-3 py-2 text-[15px] transition-colors",
										isActive ? "bg-cloth-50 font-medium text-cloth-800" : "text-muted hover:text-ink",
									)
								}
							>
								{t(item.labelKey)}
								<Badge count={item.badge} />
							</NavLink>
						))}
					</nav>
					<LanguageSwitch locale={locale} />
				</div>
			</header>
			<main id="main" className="flex-1 pb-24 md:pb-0">
				{children}
			</main>
			<SiteFooter filings={filings} />
			<nav
				aria-label={t("common.nav.mainNavigation")}
				className="fixed inset-x-0 bottom-0 z-40 border-t border-line bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
			>
				<ul className="mx-auto flex max-w-md">
					{tabs.map((item) => (
						<li key={item.to} className="flex-1">
							<NavLink
								to={item.to}
								end={item.to === "/" || inDeeperTab(item.to)}
								className={({ isActive }) =>
									cn(
										"flex h-16 flex-col items-center justify-center gap-0.5 text-xs",
										isActive ? "font-medium text-cloth-700" : "text-muted",
									)
								}
							>
								<span aria-hidden className="relative text-xl leading-none">
									{item.icon}
									<span className="absolute -right-3 -top-1">
										<Badge count={item.badge} />
									</span>
								</span>
								{t(item.labelKey)}
							</NavLink>
						</li>
					))}
				</ul>
			</nav>
		</div>
	);
}

/**
 * On every page and every screen size (above the phone's tab bar): the site's pages, the legal
 * documents, and the ICP and public-security numbers linked to their registries, as Chinese sites show them.
 */
function SiteFooter({ filings }: { filings: SiteFilings }) {
	const { t } = useTranslation();
	const links = [
		{ to: "/about", key: "legal.footer.about" },
		{ to: "/help", key: "legal.footer.help" },
		{ to: "/terms", key: "legal.footer.terms" },
		{ to: "/privacy", key: "legal.footer.privacy" },
	];
	const psbCode = filings.psb?.match(/\d{14}/)?.[0];
	return (
		<footer className="border-t border-line bg-white pb-20 md:pb-0">
			<div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted sm:px-6 md:flex-row md:items-center md:justify-between">
				<nav aria-label={t("legal.footer.nav")}>
					<ul className="flex flex-wrap gap-x-4 gap-y-2">
						{links.map((link) => (
							<li key={link.to}>
								<Link to={link.to} className="hover:text-ink hover:underline">
									{t(link.key)}
								</Link>
							</li>
						))}
					</ul>
				</nav>
				<div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
					<span>{t("common.footer.rights", { year: new Date().getFullYear() })}</span>
					{filings.icp ? (
						<a href="https://beian.miit.gov.cn/" target="_blank" rel="noreferrer" className="hover:text-ink hover:underline">
							{filings.icp}
						</a>
					) : null}
					{filings.psb ? (
						<a
							href={`https://beian.mps.gov.cn/#/query/webSearch?code=${psbCode ?? ""}`}
							target="_blank"
							rel="noreferrer"
							className="hover:text-ink hover:underline"
						>
							{filings.psb}
						</a>
					) : null}
				</div>
			</div>
		</footer>
	);
}

function Badge({ count }: { count?: number }) {
	if (!count) return null;
	return (
		<span className="ml-1 inline-flex min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[10px] leading-4 text-white">
			{count > 99 ? "99+" : count}
		</span>
	);
}

/**
 * A plain form, so switching language works before (and without) JavaScript; with JavaScript it
 * still reloads the document, since the browser holds only the current language's texts.
 */
function LanguageSwitch({ locale }: { locale: Locale }) {
	const { t } = useTranslation();
	const location = useLocation();
	const other: Locale = locale === "zh-CN" ? "en" : "zh-CN";
	return (
		<Form method="post" action="/set-language" reloadDocument className="ml-auto md:ml-0">
			<input type="hidden" name="locale" value={other} />
			<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
			<button type="submit" className="rounded-full px-3 py-1.5 text-sm text-muted ring-1 ring-inset ring-line hover:text-ink">
				<span className="sr-only">{t("common.language.switchTo")}: </span>
				<span lang={other}>{t(`common.language.${other}`)}</span>
			</button>
		</Form>
	);
}
