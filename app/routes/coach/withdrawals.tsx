import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { WithdrawalList } from "~/modules/payments/payouts/components/withdrawal-list";
import { listMyWithdrawals, withdrawalTerms } from "~/modules/payments/payouts/list-withdrawals.server";
import { ButtonLink } from "~/ui/button";
import type { Route } from "./+types/withdrawals";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const ready = coach && coach.status !== "suspended";
	return {
		coach,
		items: ready ? await listMyWithdrawals(session.user.id) : [],
		terms: ready ? await withdrawalTerms(session.user.id) : null,
		title: pageTitle(request, "payouts.withdrawals.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Withdrawals({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { coach, items, terms } = loaderData;
	return (
		<CoachPage
			title={t("payouts.withdrawals.title")}
			aside={
				<ButtonLink to="/coach/withdrawals/new" size="sm">
					{t("payouts.withdrawals.new")}
				</ButtonLink>
			}
		>
			<CoachGate coach={coach}>
				{terms ? (
					<p className="rounded-(--radius-card) bg-white px-4 py-3 ring-1 ring-line">
						<span className="text-sm text-muted">{t("payouts.withdrawals.available")}</span>{" "}
						<span className="text-xl font-semibold tabular-nums" data-testid="available">
							{formatFen(terms.availableFen, i18n.language)}
						</span>
					</p>
				) : null}
				<WithdrawalList items={items} />
			</CoachGate>
		</CoachPage>
	);
}
