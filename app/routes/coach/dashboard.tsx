import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { useLiveRevalidation } from "~/lib/use-live-revalidation";
import { requireUser } from "~/modules/accounts/guards.server";
import { bookingsToConfirm } from "~/modules/booking/coach-orders.server";
import { CoachStatusChip } from "~/modules/coaches/application/components/status-chip";
import { BecomeCoach, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import {
	ApplicationCard,
	CoachHero,
	HoursCard,
	OfferingsCard,
	ReviewCard,
	Shortcuts,
} from "~/modules/coaches/dashboard/dashboard-cards";
import { getCoachDashboard } from "~/modules/coaches/dashboard/get-dashboard.server";
import type { Route } from "./+types/dashboard";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getCoachDashboard(session.user.id);
	return {
		coach,
		toConfirm: coach?.status === "approved" ? await bookingsToConfirm(session.user.id) : 0,
		title: pageTitle(request, "coaching.dashboard.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function CoachDashboardPage({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { coach, toConfirm } = loaderData;
	// New bookings update the orders shortcut and the navigation badge while the desk is open.
	useLiveRevalidation(coach?.status === "approved" ? "/coach/orders/live" : null, "booking_changes");
	return (
		<CoachPage
			title={t("coaching.dashboard.title")}
			back={false}
			wide={coach?.status === "approved"}
			aside={coach ? <CoachStatusChip status={coach.status} /> : null}
		>
			{!coach ? (
				<BecomeCoach />
			) : coach.status === "approved" ? (
				<>
					<CoachHero coach={coach} />
					<Shortcuts coachId={coach.id} toConfirm={toConfirm} />
					<div className="grid gap-5 lg:grid-cols-2 lg:items-start">
						<OfferingsCard coach={coach} />
						<div className="space-y-5">
							<HoursCard coach={coach} />
							<ReviewCard coach={coach} />
						</div>
					</div>
				</>
			) : (
				<ApplicationCard coach={coach} />
			)}
		</CoachPage>
	);
}
