import { isAppError } from "~/lib/errors";
import { localeOfRequest, translate } from "~/lib/i18n";
import { requirePermission } from "~/modules/accounts/guards.server";
import { bankBatchCsv } from "~/modules/payments/payouts/bank-batches.server";
import type { Route } from "./+types/withdrawals-batch-file";

/** A bank payout batch's CSV for the finance team, downloaded from the back office (staff with approve:withdrawal:any). */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "approve:withdrawal:any");
	try {
		const file = await bankBatchCsv(params.batchId, session.user.id);
		return new Response(file.csv, {
			headers: {
				"content-type": "text/csv; charset=utf-8",
				"content-disposition": `attachment; filename="${file.filename}"`,
				"cache-control": "no-store",
			},
		});
	} catch (error) {
		// A file route has no page to show an error on: the status and a line in the reader's language.
		if (!isAppError(error)) throw error;
		return new Response(translate(localeOfRequest(request), error.messageKey), {
			status: error.status,
			headers: { "content-type": "text/plain; charset=utf-8" },
		});
	}
}
