import { localeOfRequest } from "~/lib/i18n";
import { csvResponse, periodFrom, requireIncomeCoachPage } from "~/modules/payments/income/income-coach.server";
import { monthStatement, monthStatementCsv } from "~/modules/payments/income/statements.server";
import type { Route } from "./+types/income-statement-csv";

/** /coach/income/statement.csv?month=YYYY-MM: the month's movements for a spreadsheet. */
export async function loader({ request }: Route.LoaderArgs) {
	const coach = await requireIncomeCoachPage(request);
	const month = periodFrom(request, "month");
	const csv = monthStatementCsv(await monthStatement(coach.coachId, month), localeOfRequest(request));
	return csvResponse(csv, `cuepal-income-${month}.csv`);
}
