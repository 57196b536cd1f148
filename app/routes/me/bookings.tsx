import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { BookingCard } from "~/modules/booking/components/booking-card";
import { type PlayerTab, playerTabs, tabOf } from "~/modules/booking/player-tabs";
import { listBookings } from "~/modules/booking/read-bookings.server";
import { ButtonLink } from "~/ui/button";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/bookings";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const asked = new URL(request.url).searchParams.get("tab");
	const tab: PlayerTab = playerTabs.includes(asked as PlayerTab) ? (asked as PlayerTab) : "upcoming";
	const all = await listBookings({ caller: { userId: session.user.id, roles: session.roles }, role: "player", limit: 300 });
	const counts = Object.fromEntries(
		playerTabs.map((name) => [name, all.filter((booking) => tabOf(booking.status) === name).length]),
	);
	const shown = all.filter((booking) => tabOf(booking.status) === tab);
	// The next lesson first; history newest first.
	if (tab === "upcoming") shown.reverse();
	return { tab, counts, bookings: shown, title: pageTitle(request, "booking.player.list.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function MyBookings({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { tab, counts, bookings } = loaderData;
	return (
		<div className="mx-auto max-w-2xl px-4 py-6 sm:py-10">
			<h1 className="text-2xl font-semibold">{t("booking.player.list.title")}</h1>
			<nav aria-label={t("booking.player.list.title")} className="mt-4">
				<ul className="flex gap-2 overflow-x-auto">
					{playerTabs.map((name) => (
						<li key={name}>
							<Link
								to={`?tab=${name}`}
								aria-current={name === tab ? "page" : undefined}
								className={cn(
									"flex h-10 items-center gap-1.5 whitespace-nowrap rounded-full px-4 text-sm ring-1 ring-inset",
									name === tab ? "bg-cloth-700 text-white ring-cloth-700" : "bg-white ring-line hover:bg-paper",
								)}
							>
								{t(`booking.player.list.tabs.${name}`)}
								<span className={cn("text-xs", name === tab ? "text-cloth-100" : "text-muted")}>{counts[name]}</span>
							</Link>
						</li>
					))}
				</ul>
			</nav>
			{bookings.length === 0 ? (
				<div className="mt-6">
					<EmptyState
						icon="📅"
						title={t(`booking.player.list.empty.${tab}`)}
						body={t("booking.player.list.emptyBody")}
						action={<ButtonLink to="/coaches">{t("booking.player.findCoach")}</ButtonLink>}
					/>
				</div>
			) : (
				<ul className="mt-6 space-y-3">
					{bookings.map((booking) => (
						<li key={booking.id}>
							<BookingCard booking={booking} />
						</li>
					))}
				</ul>
			)}
		</div>
	);
}
