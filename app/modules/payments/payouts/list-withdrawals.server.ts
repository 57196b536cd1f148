import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { withdrawals } from "../../../../db/schema";
import { coachBalances } from "../income/balances.server";
import { requirePayoutCoach } from "./payout-accounts.server";
import { alipayTransfersOffered, withdrawalLimits } from "./transfer-channels.server";
import { type WithdrawalView, withdrawalsWithAccounts, withdrawalView } from "./withdrawal-record.server";

/** The caller's withdrawals, newest first, each with its state and the account it went to. */
export async function listMyWithdrawals(userId: string): Promise<WithdrawalView[]> {
	const coach = await requirePayoutCoach(userId);
	const rows = await withdrawalsWithAccounts(db(), eq(withdrawals.coachId, coach.coachId));
	return rows.map(({ withdrawal, account }) => withdrawalView(withdrawal, account));
}

/** What the withdrawal form shows: what is available, the minimum, the daily limit, the approval threshold. */
export async function withdrawalTerms(userId: string) {
	const coach = await requirePayoutCoach(userId);
	const { availableFen } = await coachBalances(coach.coachId);
	return { availableFen, suspended: coach.suspended, alipayOffered: alipayTransfersOffered(), ...withdrawalLimits() };
}
