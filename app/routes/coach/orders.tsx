import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { pageTitle } from "~/lib/i18n";
import { useLiveRevalidation } from "~/lib/use-live-revalidation";
import { requireUser } from "~/modules/accounts/guards.server";
import { coachInbox } from "~/modules/booking/coach-orders.server";
import { LiveDot } from "~/modules/booking/components/orders/live-dot";
import { OrderCard } from "~/modules/booking/components/orders/order-card";
import { orderTabs } from "~/modules/booking/order-tabs";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/orders";

// An unknown tab in the address falls back to the first, rather than an error page.
const tabSchema = z.enum(orderTabs).catch("to_confirm");

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const tab = tabSchema.parse(new URL(request.url).searchParams.get("tab") ?? undefined);
	const coach = await getMyCoachStatus(session.user.id);
	const inbox =
		coach && coach.status !== "suspended"
			? await coachInbox({ caller: { userId: session.user.id, roles: session.roles }, tab })
			: null;
	return { coach, inbox, title: pageTitle(request, "booking.orders.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function CoachOrders({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { coach, inbox } = loaderData;
	const live = useLiveRevalidation(inbox ? "/coach/orders/live" : null, "booking_changes");
	return (
		<CoachPage
			wide
			title={t("booking.orders.title")}
			intro={inbox ? t("booking.orders.intro") : undefined}
			aside={inbox ? <LiveDot live={live} /> : null}
		>
			<CoachGate coach={coach}>
				{inbox ? (
					<>
						<nav aria-label={t("booking.orders.tabsLabel")}>
							<ul className="flex flex-wrap gap-2">
								{orderTabs.map((tab) => {
									const current = tab === inbox.tab;
									return (
										<li key={tab}>
											<Link
												to={tab === "to_confirm" ? "/coach/orders" : `/coach/orders?tab=${tab}`}
												aria-current={current ? "page" : undefined}
												preventScrollReset
												className={cn(
													"inline-flex h-10 items-center gap-1.5 rounded-full px-4 text-[15px] transition-colors",
													current
														? "bg-cloth-700 font-medium text-white"
														: "bg-white text-ink ring-1 ring-line ring-inset hover:bg-cloth-50",
												)}
											>
												{t(`booking.orders.tabs.${tab}`)}
												<span
													data-testid={`count-${tab}`}
													className={cn(
														"min-w-5 rounded-full px-1.5 text-center text-xs leading-5",
														current
															? "bg-white/20"
															: tab === "to_confirm" && inbox.counts[tab]
																? "bg-danger text-white"
																: "bg-cloth-50 text-cloth-800",
													)}
												>
													{inbox.counts[tab]}
												</span>
											</Link>
										</li>
									);
								})}
							</ul>
						</nav>
						{inbox.bookings.length ? (
							<ul className="grid gap-3 lg:grid-cols-2">
								{inbox.bookings.map((booking) => (
									<OrderCard key={booking.id} booking={booking} />
								))}
							</ul>
						) : (
							<EmptyState
								icon="✓"
								title={t(`booking.orders.empty.${inbox.tab}.title`)}
								body={t(`booking.orders.empty.${inbox.tab}.body`)}
							/>
						)}
					</>
				) : null}
			</CoachGate>
		</CoachPage>
	);
}
