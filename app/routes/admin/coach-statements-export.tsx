import { db } from "~/lib/db.server";
import { localeOfRequest } from "~/lib/i18n";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { requirePermission } from "~/modules/accounts/guards.server";
import { csvResponse, quarterFrom } from "~/modules/payments/income/income-coach.server";
import { quarterReport, quarterReportCsv } from "~/modules/payments/income/statements.server";
import type { Route } from "./+types/coach-statements-export";

/**
 * /admin/income/export.csv?quarter=YYYY-Qn: the quarter's report with real names, for the finance
 * team's filing. Admins only, and each export is audited: it carries personal data.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requirePermission(request, "export:income:any");
	const quarter = quarterFrom(request);
	const rows = await quarterReport(quarter, { withIdentity: true });
	await db().transaction((tx) =>
		recordAudit(tx, {
			actorId: session.user.id,
			action: "income.quarter.exported",
			targetType: "income_report",
			targetId: quarter,
			detail: { coaches: rows.length },
		}),
	);
	return csvResponse(quarterReportCsv(rows, localeOfRequest(request)), `cuepal-coach-income-${quarter}.csv`);
}
