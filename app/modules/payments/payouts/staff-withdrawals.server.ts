import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coachIdentity } from "~/modules/coaches/booking-terms.server";
import { withdrawals } from "../../../../db/schema";
import type { WithdrawalStatus } from "./schema";
import { type WithdrawalView, withdrawalsWithAccounts, withdrawalView } from "./withdrawal-record.server";

export interface StaffWithdrawalView extends WithdrawalView {
	coach: { id: string; displayName: string };
	outBizNo: string;
	attempts: number;
	lastError: string | null;
	batchId: string | null;
	decidedAt: string | null;
}

/** The back office's queue: withdrawals by status (all when none is given), newest first, with each transfer's state. */
export async function listWithdrawalsForStaff(filter: { status?: WithdrawalStatus }): Promise<StaffWithdrawalView[]> {
	const rows = await withdrawalsWithAccounts(db(), filter.status ? eq(withdrawals.status, filter.status) : undefined, 200);
	const names = new Map<string, string>();
	const result: StaffWithdrawalView[] = [];
	for (const { withdrawal, account } of rows) {
		if (!names.has(withdrawal.coachId)) {
			names.set(withdrawal.coachId, (await coachIdentity(withdrawal.coachId))?.displayName ?? "");
		}
		result.push({
			...withdrawalView(withdrawal, account),
			coach: { id: withdrawal.coachId, displayName: names.get(withdrawal.coachId) ?? "" },
			outBizNo: withdrawal.outBizNo,
			attempts: withdrawal.attempts,
			lastError: withdrawal.lastError,
			batchId: withdrawal.batchId,
			decidedAt: withdrawal.decidedAt?.toISOString() ?? null,
		});
	}
	return result;
}
