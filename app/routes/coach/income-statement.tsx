import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { MonthSheet, PrintButton } from "~/modules/payments/income/components/statement-sheets";
import { periodFrom, requireIncomeCoachPage } from "~/modules/payments/income/income-coach.server";
import { monthStatement } from "~/modules/payments/income/statements.server";
import type { Route } from "./+types/income-statement";

/** /coach/income/statement?month=YYYY-MM: the month's statement, made to be printed. */
export async function loader({ request }: Route.LoaderArgs) {
	const coach = await requireIncomeCoachPage(request);
	const month = periodFrom(request, "month");
	return {
		coach: coach.displayName,
		statement: await monthStatement(coach.coachId, month),
		title: pageTitle(request, "income.statement.print"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function IncomeStatement({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="mx-auto max-w-3xl space-y-4 px-4 pt-5 pb-16 print:max-w-none print:p-0">
			<div className="flex items-center justify-between gap-3 print:hidden">
				<Link to={`/coach/income?month=${loaderData.statement.month}`} className="text-sm text-muted hover:text-ink">
					← {t("income.statement.back")}
				</Link>
				<PrintButton />
			</div>
			<MonthSheet statement={loaderData.statement} coach={loaderData.coach} />
		</div>
	);
}
