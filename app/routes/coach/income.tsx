import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { settings } from "~/lib/config.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { can } from "~/modules/accounts/permissions";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { IncomeChart } from "~/modules/payments/income/components/income-chart";
import { IncomeMovements } from "~/modules/payments/income/components/income-movements";
import { IncomeTotals } from "~/modules/payments/income/components/income-totals";
import { incomePage } from "~/modules/payments/income/income-page.server";
import { movementKinds } from "~/modules/payments/income/movement-kinds";
import { buttonClasses } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/income";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const income =
		coach && coach.status !== "suspended" && can(session.roles, "read:income:own")
			? await incomePage(coach.id, new URL(request.url).searchParams, localeOfRequest(request))
			: null;
	return { coach, income, hours: settings().BOOKING_DISPUTE_WINDOW_HOURS, title: pageTitle(request, "income.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function CoachIncome({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { coach, income, hours } = loaderData;
	return (
		<CoachPage wide title={t("income.title")} intro={t("income.intro", { hours })}>
			<CoachGate coach={coach}>
				{income ? (
					<div className="space-y-5">
						<IncomeTotals balances={income.balances} />
						{income.empty ? (
							<EmptyState icon="¥" title={t("income.empty.title")} body={t("income.empty.body")} />
						) : (
							<>
								<IncomeChart svg={income.chart.svg} wideSvg={income.chart.wideSvg} months={income.chart.months} />
								<section className="space-y-3" aria-labelledby="movements-title">
									<h2 id="movements-title" className="text-lg font-semibold">
										{t("income.movements.title")}
									</h2>
									{income.filterError ? <FormAlert messageKey={income.filterError} /> : null}
									<Filters month={income.month} kind={income.kind} />
									<IncomeMovements movements={income.movements} />
									<Statements month={income.month} />
								</section>
							</>
						)}
					</div>
				) : null}
			</CoachGate>
		</CoachPage>
	);
}

/** A plain GET form: the filters work without JavaScript and the address can be shared or bookmarked. */
function Filters({ month, kind }: { month: string; kind: string | null }) {
	const { t } = useTranslation();
	const field = "h-11 rounded-xl bg-white px-3 text-[15px] ring-1 ring-line ring-inset";
	return (
		<Form method="get" aria-label={t("income.filters.label")} className="flex flex-wrap items-end gap-3 print:hidden">
			<label className="grid gap-1 text-sm">
				{t("income.filters.month")}
				<input type="month" name="month" defaultValue={month} className={field} required />
			</label>
			<label className="grid gap-1 text-sm">
				{t("income.filters.kind")}
				<select name="kind" defaultValue={kind ?? ""} className={field}>
					<option value="">{t("income.filters.allKinds")}</option>
					{movementKinds.map((value) => (
						<option key={value} value={value}>
							{t(`income.kinds.${value}`)}
						</option>
					))}
				</select>
			</label>
			<button type="submit" className={buttonClasses("secondary")}>
				{t("income.filters.apply")}
			</button>
		</Form>
	);
}

function Statements({ month }: { month: string }) {
	const { t } = useTranslation();
	const year = month.slice(0, 4);
	const link = "text-sm font-medium text-cloth-700 hover:underline";
	return (
		<ul className="grid gap-2 pt-2 sm:grid-cols-2 print:hidden">
			<li>
				<a href={`/coach/income/statement.csv?month=${month}`} download className={link}>
					{t("income.statement.csv")}
				</a>
			</li>
			<li>
				<Link to={`/coach/income/statement?month=${month}`} className={link}>
					{t("income.statement.print")}
				</Link>
			</li>
			<li>
				<a href={`/coach/income/year.csv?year=${year}`} download className={link}>
					{t("income.statement.yearCsv")}
				</a>
			</li>
			<li>
				<Link to={`/coach/income/year?year=${year}`} className={link}>
					{t("income.statement.yearPrint")}
				</Link>
			</li>
		</ul>
	);
}
