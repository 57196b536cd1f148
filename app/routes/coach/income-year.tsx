import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { PrintButton, YearSheet } from "~/modules/payments/income/components/statement-sheets";
import { periodFrom, requireIncomeCoachPage } from "~/modules/payments/income/income-coach.server";
import { yearStatement } from "~/modules/payments/income/statements.server";
import type { Route } from "./+types/income-year";

/** /coach/income/year?year=YYYY: the yearly income statement (for the coach's own tax return), made to be printed. */
export async function loader({ request }: Route.LoaderArgs) {
	const coach = await requireIncomeCoachPage(request);
	const year = periodFrom(request, "year");
	return {
		coach: coach.displayName,
		statement: await yearStatement(coach.coachId, year),
		title: pageTitle(request, "income.statement.yearPrint"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function IncomeYear({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="mx-auto max-w-3xl space-y-4 px-4 pt-5 pb-16 print:max-w-none print:p-0">
			<div className="flex items-center justify-between gap-3 print:hidden">
				<Link to="/coach/income" className="text-sm text-muted hover:text-ink">
					← {t("income.statement.back")}
				</Link>
				<PrintButton />
			</div>
			<YearSheet statement={loaderData.statement} coach={loaderData.coach} />
		</div>
	);
}
