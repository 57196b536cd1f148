import { localeOfRequest } from "~/lib/i18n";
import { csvResponse, periodFrom, requireIncomeCoachPage } from "~/modules/payments/income/income-coach.server";
import { yearStatement, yearStatementCsv } from "~/modules/payments/income/statements.server";
import type { Route } from "./+types/income-year-csv";

/** /coach/income/year.csv?year=YYYY: the yearly income statement for a spreadsheet. */
export async function loader({ request }: Route.LoaderArgs) {
	const coach = await requireIncomeCoachPage(request);
	const year = periodFrom(request, "year");
	return csvResponse(
		yearStatementCsv(await yearStatement(coach.coachId, year), localeOfRequest(request)),
		`cuepal-income-${year}.csv`,
	);
}
