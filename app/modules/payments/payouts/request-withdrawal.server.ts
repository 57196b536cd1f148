import { randomUUID } from "node:crypto";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { fenToYuan } from "~/lib/money";
import { withdrawals } from "../../../../db/schema";
import { sendJobIn } from "../../../../jobs/send-in";
import { coachBalances } from "../income/balances.server";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { ownPayoutAccount, requirePayoutCoach } from "./payout-accounts.server";
import type { RequestWithdrawalInput } from "./schema";
import { channelFor, withdrawalLimits } from "./transfer-channels.server";
import { outBizNoOf, type WithdrawalView, withdrawalView } from "./withdrawal-record.server";

/**
 * One coach's money moves one request at a time: the balance is read and the reservation posted
 * under this transaction-scoped lock, so two withdrawals that together exceed the balance cannot
 * both read it before either reserves (the second waits, then sees what the first took).
 */
export async function lockCoachPayouts(tx: Transaction, coachId: string): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payouts:${coachId}`}, 0))`);
}

/** What the coach took out (or has on its way) since midnight in Beijing; failed and rejected ones gave it back. */
async function withdrawnToday(tx: Transaction, coachId: string): Promise<number> {
	const [row] = await tx
		.select({ total: sql<string>`coalesce(sum(${withdrawals.amountFen}), 0)` })
		.from(withdrawals)
		.where(
			and(
				eq(withdrawals.coachId, coachId),
				notInArray(withdrawals.status, ["failed", "rejected"]),
				sql`${withdrawals.createdAt} >= (date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`,
			),
		);
	return Number(row?.total ?? 0);
}

const refused = (
	status: number,
	code: "insufficient_balance" | "below_minimum" | "daily_limit_exceeded",
	key: string,
	params: Record<string, string>,
) => new AppError(status, code, key, { params, fields: { amountFen: key } });

/**
 * A coach asks to take money out to one of their own payout accounts. Refused, changing nothing:
 * a suspended coach, someone else's account, an amount below the minimum, above what is left of
 * today's limit, or above the available balance (422 insufficient_balance). Otherwise the ledger
 * reserves it at once (coach payable → payouts in transit), and it goes to the transfer job, or,
 * above the approval threshold, waits for the back office.
 */
export async function requestWithdrawal(input: { userId: string; request: RequestWithdrawalInput }): Promise<WithdrawalView> {
	const coach = await requirePayoutCoach(input.userId);
	if (coach.suspended) throw new AppError(403, "forbidden", "payouts.errors.coachSuspended");
	const { amountFen, payoutAccountId } = input.request;
	const limits = withdrawalLimits();
	if (amountFen < limits.minFen) {
		throw refused(422, "below_minimum", "payouts.errors.belowMinimum", { min: fenToYuan(limits.minFen) });
	}
	return db().transaction(async (tx) => {
		// Locked before the account is read: an account being changed or removed is not picked meanwhile.
		await lockCoachPayouts(tx, coach.coachId);
		const account = await ownPayoutAccount(tx, coach.coachId, payoutAccountId);
		const channel = channelFor(account.kind);
		if (!channel)
			throw new AppError(
				409,
				"conflict",
				account.kind === "wechat" ? "payouts.errors.wechatUnavailable" : "payouts.errors.alipayUnavailable",
			);
		const today = await withdrawnToday(tx, coach.coachId);
		if (today + amountFen > limits.dailyLimitFen) {
			throw refused(422, "daily_limit_exceeded", "payouts.errors.dailyLimit", {
				limit: fenToYuan(limits.dailyLimitFen),
				left: fenToYuan(Math.max(0, limits.dailyLimitFen - today)),
			});
		}
		const { availableFen } = await coachBalances(coach.coachId, tx);
		if (amountFen > availableFen) {
			throw refused(422, "insufficient_balance", "payouts.errors.insufficientBalance", { available: fenToYuan(availableFen) });
		}
		const id = randomUUID();
		const needsApproval = amountFen > limits.approvalThresholdFen;
		const [row] = await tx
			.insert(withdrawals)
			.values({
				id,
				coachId: coach.coachId,
				payoutAccountId: account.id,
				channel,
				amountFen,
				status: needsApproval ? "pending_approval" : "processing",
				outBizNo: outBizNoOf(id, channel),
			})
			.returning();
		if (!row) throw new Error("withdrawal insert returned nothing");
		await postJournal(tx, {
			idempotencyKey: `withdrawal:${id}`,
			kind: "withdrawal_reserved",
			memo: `withdrawal ${id}`,
			lines: entries(amountFen, {
				debit: { account: "coach_payable", ref: coach.coachId },
				credit: { account: "payouts_in_transit", ref: coach.coachId },
			}),
		});
		if (!needsApproval) await sendJobIn(tx, "payments.withdraw", { withdrawalId: id });
		return withdrawalView(row, account);
	});
}
