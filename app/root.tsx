import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { data, Links, Meta, Outlet, redirect, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { settings } from "./lib/config.server";
import { defaultLocale, i18nFor, localeOfRequest } from "./lib/i18n";
import { useNonce } from "./lib/nonce";
import { takeToast } from "./lib/toast.server";
import { consentRedirectFor } from "./modules/accounts/consent.server";
import { getUserSession } from "./modules/accounts/guards.server";
import { unreadCount } from "./modules/accounts/notifications.server";
import { can } from "./modules/accounts/permissions";
import { bookingsToConfirm } from "./modules/booking/coach-orders.server";
import { AppShell, type NavItem } from "./ui/app-shell";
import { RouteErrorPage } from "./ui/error-page";
import { NavigationProgress } from "./ui/progress-bar";
import { Toast } from "./ui/toast";

export async function loader({ request }: Route.LoaderArgs) {
	const locale = localeOfRequest(request);
	const { toast, clearHeader } = takeToast(request);
	const session = await getUserSession(request);
	// A user whose agreement is older than the current terms agrees again before anything else.
	const consentPage = session ? consentRedirectFor(request, session.user) : null;
	if (consentPage) throw redirect(consentPage);
	const navItems: NavItem[] = [
		{ to: "/", labelKey: "common.nav.home", icon: "⌂" },
		{ to: "/coaches", labelKey: "common.nav.coaches", icon: "⌕" },
		// The community is open to read signed out, so its tab is there for everyone.
		{ to: "/community", labelKey: "common.nav.community", icon: "☷" },
		...(session ? [{ to: "/me/bookings", labelKey: "common.nav.bookings", icon: "▦" }] : []),
		...(session && can(session.roles, "update:coach-profile:own")
			? [{ to: "/coach", labelKey: "common.nav.coachDesk", icon: "◎", badge: await bookingsToConfirm(session.user.id) }]
			: []),
		...(session && can(session.roles, "access:admin") ? [{ to: "/admin", labelKey: "common.nav.admin", icon: "⚙" }] : []),
	];
	const accountItem: NavItem = session
		? { to: "/me", labelKey: "common.nav.me", icon: "◉", badge: await unreadCount(session.user.id) }
		: { to: "/login", labelKey: "common.nav.signIn", icon: "◉" };
	return data(
		{
			locale,
			toast,
			navItems,
			accountItem,
			// Review cards offer their report button to signed-in visitors only.
			signedIn: session !== null,
			devBadge: settings().APP_ENV !== "production",
			filings: { icp: settings().ICP_LICENSE ?? null, psb: settings().PSB_FILING ?? null },
		},
		{ headers: clearHeader ? { "Set-Cookie": clearHeader } : undefined },
	);
}

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.ico", sizes: "any" }];

export function Layout({ children }: { children: React.ReactNode }) {
	const rootData = useRouteLoaderData<typeof loader>("root");
	const locale = rootData?.locale ?? defaultLocale;
	const i18n = useMemo(() => i18nFor(locale), [locale]);
	const nonce = useNonce();
	return (
		<html lang={locale}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
				<meta name="theme-color" content="#156245" />
				<Meta />
				<Links />
			</head>
			<body>
				<I18nextProvider i18n={i18n}>{children}</I18nextProvider>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	);
}

export default function App({ loaderData }: Route.ComponentProps) {
	return (
		<>
			<NavigationProgress />
			<AppShell
				locale={loaderData.locale}
				navItems={loaderData.navItems}
				accountItem={loaderData.accountItem}
				devBadge={loaderData.devBadge}
				filings={loaderData.filings}
			>
				<Outlet />
			</AppShell>
			<Toast toast={loaderData.toast} />
		</>
	);
}

/** Friendly pages for 404, 403, 503 and anything unexpected; never a stack trace. */
export function ErrorBoundary() {
	return <RouteErrorPage appName="common.appName" className="min-h-dvh" />;
}
