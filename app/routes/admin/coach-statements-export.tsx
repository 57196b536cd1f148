import { localeOfRequest } from "~/lib/i18n";
import { requirePermission } from "~/modules/accounts/guards.server";
import { csvResponse, quarterFrom } from "~/modules/payments/income/income-coach.server";
import { exportQuarterReport } from "~/modules/payments/income/statements.server";
import type { Route } from "./+types/coach-statements-export";

/**
 * /admin/income/export.csv?quarter=YYYY-Qn: the quarter's report with real names, for the finance
 * team's filing. Admins only, and each export is audited: it carries personal data.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requirePermission(request, "export:income:any");
	const quarter = quarterFrom(request);
	const csv = await exportQuarterReport({ actorId: session.user.id, quarter, locale: localeOfRequest(request) });
	return csvResponse(csv, `cuepal-coach-income-${quarter}.csv`);
}
