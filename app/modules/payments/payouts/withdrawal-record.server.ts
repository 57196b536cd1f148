import { desc, eq, type SQL } from "drizzle-orm";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { type CoachPayoutIdentity, payoutIdentityOfCoach } from "~/modules/coaches/payout-identity.server";
import { payoutAccounts, withdrawals } from "../../../../db/schema";
import type { PayoutAccountKind, WithdrawalStatus } from "./schema";

export type WithdrawalRow = typeof withdrawals.$inferSelect;

export interface WithdrawalView {
	id: string;
	status: WithdrawalStatus;
	amountFen: number;
	channel: string;
	payoutAccount: { id: string; kind: PayoutAccountKind; masked: string };
	failureReason: string | null;
	/** A WeChat transfer bill waiting for the coach to confirm receipt in WeChat. */
	awaitingConfirmation: boolean;
	createdAt: string;
	paidAt: string | null;
}

/**
 * The provider's business number: letters and digits only, unique per withdrawal. WeChat Pay's
 * out_bill_no holds at most 32 characters: the id's 32 hex digits, without the W.
 */
export const outBizNoOf = (withdrawalId: string, channel?: string) =>
	channel === "wechatpay" ? withdrawalId.replace(/-/g, "") : `W${withdrawalId.replace(/-/g, "")}`;

export function withdrawalView(
	row: WithdrawalRow,
	account: { id: string; kind: PayoutAccountKind; masked: string },
): WithdrawalView {
	return {
		id: row.id,
		status: row.status,
		amountFen: row.amountFen,
		channel: row.channel,
		payoutAccount: { id: account.id, kind: account.kind, masked: account.masked },
		failureReason: row.failureReason,
		awaitingConfirmation: row.status === "processing" && row.confirmPackage !== null,
		createdAt: row.createdAt.toISOString(),
		paidAt: row.paidAt?.toISOString() ?? null,
	};
}

export async function lockWithdrawal(tx: Transaction, withdrawalId: string): Promise<WithdrawalRow | undefined> {
	const [row] = await tx.select().from(withdrawals).where(eq(withdrawals.id, withdrawalId)).for("update").limit(1);
	return row;
}

/** Withdrawals with the account each went to, newest first. */
export async function withdrawalsWithAccounts(tx: DbOrTx, where: SQL | undefined, limit = 100) {
	return tx
		.select({ withdrawal: withdrawals, account: payoutAccounts })
		.from(withdrawals)
		.innerJoin(payoutAccounts, eq(payoutAccounts.id, withdrawals.payoutAccountId))
		.where(where)
		.orderBy(desc(withdrawals.createdAt))
		.limit(limit);
}

/**
 * Staff deciding a withdrawal (approve, reject, a bank line paid or failed) may not be its coach:
 * roles add up, so an admin can also coach, and deciding their own would make the approval
 * threshold mean nothing. Answers the coach, for the caller's further checks.
 */
export async function payeeDecidedBy(tx: Transaction, row: WithdrawalRow, staffId: string): Promise<CoachPayoutIdentity | null> {
	const coach = await payoutIdentityOfCoach(row.coachId, tx);
	if (coach?.userId === staffId) throw new AppError(403, "forbidden", "payouts.errors.ownWithdrawal");
	return coach;
}
