import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { unreadCount } from "~/modules/accounts/notifications.server";
import { can } from "~/modules/accounts/permissions";
import { maskPhone } from "~/modules/accounts/phone";
import { toPublicUser } from "~/modules/accounts/users.server";
import { Button } from "~/ui/button";
import type { Route } from "./+types/index";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const user = await toPublicUser(session.user);
	return {
		user: { ...user, phone: user.phone ? maskPhone(user.phone) : null },
		unread: await unreadCount(user.id),
		canAdmin: can(session.roles, "access:admin"),
		isCoach: can(session.roles, "update:coach-profile:own"),
		title: pageTitle(request, "accounts.me.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Me({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { user, unread, canAdmin, isCoach } = loaderData;
	const joined = new Date(user.createdAt).toLocaleDateString(i18n.language, {
		timeZone: "Asia/Shanghai",
		year: "numeric",
		month: "long",
	});
	const links = [
		{ to: "/me/bookings", label: t("booking.player.list.title"), badge: null },
		{ to: "/me/notifications", label: t("accounts.me.notifications"), badge: unread > 0 ? String(unread) : null },
		{ to: "/me/security", label: t("accounts.me.security"), badge: null },
		{ to: "/me/calendar", label: t("booking.calendar.page.title"), badge: null },
		isCoach
			? { to: "/coach", label: t("accounts.me.coachDesk"), badge: null }
			: { to: "/coach/apply", label: t("accounts.me.becomeCoach"), badge: null },
		...(canAdmin ? [{ to: "/admin", label: t("accounts.me.admin"), badge: null }] : []),
	];
	return (
		<div className="mx-auto max-w-2xl px-4 py-6 sm:py-10">
			<section className="flex items-center gap-4 rounded-3xl bg-cloth-900 p-5 text-white sm:p-7">
				<span
					aria-hidden
					className="flex size-16 shrink-0 items-center justify-center rounded-full bg-cloth-700 text-2xl font-semibold"
				>
					{user.displayName.slice(0, 1)}
				</span>
				<div className="min-w-0">
					<h1 className="truncate text-xl font-semibold">{user.displayName}</h1>
					<p className="text-sm text-cloth-100">{user.phone ?? user.email}</p>
					<p className="text-xs text-cloth-200">{t("accounts.me.memberSince", { date: joined })}</p>
				</div>
			</section>

			<section className="mt-5 rounded-3xl bg-white p-5 shadow-(--shadow-card)">
				<h2 className="text-sm font-medium text-muted">{t("accounts.me.roles")}</h2>
				<ul className="mt-2 flex flex-wrap gap-2">
					{user.roles.map((role) => (
						<li key={role} className="rounded-full bg-cloth-50 px-3 py-1 text-sm text-cloth-800">
							{t(`accounts.roles.${role}`)}
						</li>
					))}
				</ul>
			</section>

			<nav className="mt-5 overflow-hidden rounded-3xl bg-white shadow-(--shadow-card)" aria-label={t("accounts.me.title")}>
				<ul className="divide-y divide-line">
					{links.map((link) => (
						<li key={link.to}>
							<Link to={link.to} className="flex items-center justify-between px-5 py-4 hover:bg-paper">
								<span>{link.label}</span>
								<span className="flex items-center gap-2 text-muted">
									{link.badge ? <span className="rounded-full bg-danger px-2 text-xs text-white">{link.badge}</span> : null}
									<span aria-hidden>›</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			</nav>

			<Form method="post" action="/logout" className="mt-6">
				<Button type="submit" variant="secondary" className="w-full">
					{t("accounts.me.signOut")}
				</Button>
			</Form>
		</div>
	);
}
