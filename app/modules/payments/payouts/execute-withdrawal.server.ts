import { eq } from "drizzle-orm";
import { decrypt } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { logger } from "~/lib/logger.server";
import { payoutIdentityOfCoach } from "~/modules/coaches/payout-identity.server";
import { payoutAccounts, withdrawals } from "../../../../db/schema";
import { queryAlipayTransfer, type TransferOutcome, transferToAlipay } from "./alipay-transfer.server";
import { wechatPayeeOf } from "./payout-accounts.server";
import { markWithdrawalPaid, reverseWithdrawal, tellCoachToConfirm } from "./settle-withdrawal.server";
import { queryWechatTransfer, transferToWechat } from "./wechat-transfer.server";
import { lockWithdrawal, type WithdrawalRow } from "./withdrawal-record.server";

/** The provider has not given its final word yet: the job throws this so pg-boss asks again later, with backoff. */
export class WithdrawalPending extends Error {
	constructor(
		readonly withdrawalId: string,
		readonly reason: string,
	) {
		super(`withdrawal ${withdrawalId} is still pending with the provider (${reason})`);
		this.name = "WithdrawalPending";
	}
}

type Account = typeof payoutAccounts.$inferSelect;

/**
 * Each attempt is counted (and committed) before the provider is called. So a job that finds an
 * earlier attempt knows the provider may have accepted it — the process may have died, or the
 * answer been lost, between the provider's acceptance and our commit — and asks the provider
 * about the business number first; only a transfer the provider never saw is sent again, under
 * the same number (the provider's idempotency key), so nothing is paid twice.
 */
async function claimAttempt(
	withdrawalId: string,
): Promise<{ row: WithdrawalRow; account: Account; payeeSuspended: boolean } | null> {
	return db().transaction(async (tx) => {
		const row = await lockWithdrawal(tx, withdrawalId);
		if (!row || row.status !== "processing") return null;
		const [account] = await tx.select().from(payoutAccounts).where(eq(payoutAccounts.id, row.payoutAccountId)).limit(1);
		if (!account) throw new Error(`withdrawal ${withdrawalId} has no payout account`);
		const payeeSuspended = (await payoutIdentityOfCoach(row.coachId, tx))?.suspended ?? false;
		if (payeeSuspended) return { row, account, payeeSuspended };
		if (row.channel !== "bank") {
			await tx
				.update(withdrawals)
				.set({ attempts: row.attempts + 1, updatedAt: new Date() })
				.where(eq(withdrawals.id, row.id));
		}
		return { row, account, payeeSuspended };
	});
}

async function askAlipay(row: WithdrawalRow, account: Account): Promise<TransferOutcome> {
	if (row.attempts > 0) {
		const known = await queryAlipayTransfer(row.outBizNo);
		if (known.state !== "not_found") return known;
	}
	return transferToAlipay({
		outBizNo: row.outBizNo,
		amountFen: row.amountFen,
		payeeLogin: decrypt(account.accountNoEnc, sealedIn(payoutAccounts.accountNoEnc, account.id)),
		payeeName: decrypt(account.holderNameEnc, sealedIn(payoutAccounts.holderNameEnc, account.id)),
		title: "球伴教练提现",
	});
}

/** The same rule for WeChat Pay: after an earlier attempt, ask by out_bill_no before sending again under it. */
async function askWechat(row: WithdrawalRow, account: Account): Promise<TransferOutcome> {
	if (row.attempts > 0) {
		const known = await queryWechatTransfer(row.outBizNo);
		if (known.state !== "not_found") return known;
	}
	const payee = wechatPayeeOf(decrypt(account.accountNoEnc, sealedIn(payoutAccounts.accountNoEnc, account.id)));
	return transferToWechat({
		outBillNo: row.outBizNo,
		amountFen: row.amountFen,
		appid: payee.appid,
		openid: payee.openid,
		payeeName: decrypt(account.holderNameEnc, sealedIn(payoutAccounts.holderNameEnc, account.id)),
		remark: "球伴教练提现",
	});
}

/** What the provider of the withdrawal's channel knows of its business number, for a retry or a re-drive. */
export function queryTransfer(row: WithdrawalRow): Promise<TransferOutcome> {
	return row.channel === "wechatpay" ? queryWechatTransfer(row.outBizNo) : queryAlipayTransfer(row.outBizNo);
}

/**
 * The transfer job (payments.withdraw): sends an approved or small withdrawal on its way. Alipay:
 * transfer (or, after an earlier attempt, query first) and record the outcome — paid settles the
 * ledger, a definite no reverses the reservation and tells the coach why, anything else is asked
 * again. The sandbox pays at once. Bank cards wait for the finance team's batch file.
 */
export async function executeWithdrawal(withdrawalId: string): Promise<"paid" | "failed" | "in_bank_batch" | "settled_before"> {
	const claimed = await claimAttempt(withdrawalId);
	if (!claimed) return "settled_before";
	const { row, account, payeeSuspended } = claimed;
	if (payeeSuspended) return stopForSuspendedPayee(row);
	if (row.channel === "bank") {
		await db().update(withdrawals).set({ status: "in_bank_batch", updatedAt: new Date() }).where(eq(withdrawals.id, row.id));
		return "in_bank_batch";
	}
	const outcome: TransferOutcome =
		row.channel === "sandbox"
			? { state: "success", orderId: `SANDBOX${row.outBizNo}` }
			: row.channel === "wechatpay"
				? await askWechat(row, account)
				: await askAlipay(row, account);
	const result = await db().transaction(async (tx) => {
		const current = await lockWithdrawal(tx, withdrawalId);
		if (!current || current.status !== "processing") return "settled_before" as const;
		if (outcome.state === "success") {
			await markWithdrawalPaid(tx, current, outcome.orderId);
			return "paid" as const;
		}
		if (outcome.state === "failed") {
			logger.error({ withdrawalId, provider: row.channel, reason: outcome.reason }, "transfer refused by provider");
			await reverseWithdrawal(tx, current, { status: "failed", reason: outcome.reason });
			return "failed" as const;
		}
		const reason = outcome.state === "dealing" ? "dealing" : outcome.state === "unknown" ? outcome.reason : "not_found";
		// A bill waiting for the payee keeps its package (until WeChat says otherwise); an unknown answer changes nothing.
		const confirmPackage =
			outcome.state === "dealing"
				? (outcome.confirmPackage ?? null)
				: outcome.state === "unknown"
					? current.confirmPackage
					: null;
		await tx
			.update(withdrawals)
			.set({
				lastError: reason,
				providerOrderId: outcome.state === "dealing" ? (outcome.orderId ?? null) : current.providerOrderId,
				confirmPackage,
				updatedAt: new Date(),
			})
			.where(eq(withdrawals.id, current.id));
		// Told once: when the bill starts waiting, not at every query that finds it still waiting.
		if (confirmPackage && !current.confirmPackage) await tellCoachToConfirm(tx, current);
		return { pending: reason };
	});
	if (typeof result === "object") throw new WithdrawalPending(withdrawalId, result.pending);
	return result;
}

/**
 * The coach was suspended after asking: nothing more is sent. A transfer an earlier attempt may
 * have handed to Alipay is asked about first — money that left is recorded as paid, a transfer
 * still in the provider's hands is asked again later — and one the provider never saw is stopped:
 * the reservation is reversed, so the money stays the coach's, available once they are reinstated.
 */
async function stopForSuspendedPayee(row: WithdrawalRow): Promise<"paid" | "failed" | "settled_before"> {
	const known: TransferOutcome =
		(row.channel === "alipay" || row.channel === "wechatpay") && row.attempts > 0
			? await queryTransfer(row)
			: { state: "not_found" };
	if (known.state === "dealing" || known.state === "unknown") throw new WithdrawalPending(row.id, known.state);
	return db().transaction(async (tx) => {
		const current = await lockWithdrawal(tx, row.id);
		if (!current || current.status !== "processing") return "settled_before" as const;
		if (known.state === "success") {
			await markWithdrawalPaid(tx, current, known.orderId);
			return "paid" as const;
		}
		await reverseWithdrawal(tx, current, { status: "failed", reason: "COACH_SUSPENDED" });
		return "failed" as const;
	});
}
