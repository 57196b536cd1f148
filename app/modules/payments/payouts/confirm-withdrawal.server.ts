import { and, eq } from "drizzle-orm";
import { decrypt } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { notFound } from "~/lib/errors";
import { consume } from "~/lib/rate-limit.server";
import { wechatpayConfig } from "~/lib/wechatpay-client.server";
import { payoutAccounts, withdrawals } from "../../../../db/schema";
import { executeWithdrawal, WithdrawalPending } from "./execute-withdrawal.server";
import { requirePayoutCoach, wechatPayeeOf } from "./payout-accounts.server";
import { type WithdrawalView, withdrawalsWithAccounts, withdrawalView } from "./withdrawal-record.server";

/**
 * What the payee's WeChat needs to confirm a transfer bill waiting for them: JSAPI
 * `WeixinJSBridge.invoke('requestMerchantTransfer', { mchId, appId, package })` (or
 * `wx.requestMerchantTransfer` in a mini-program). The app id is the one the bill's openid belongs to.
 */
export interface TransferConfirmation {
	mchId: string;
	appId: string;
	package: string;
}

export interface WithdrawalWithConfirmation {
	withdrawal: WithdrawalView;
	/** Only while the bill waits for the payee (status processing, WAIT_USER_CONFIRM). */
	confirm: TransferConfirmation | null;
}

async function ownWithdrawal(userId: string, withdrawalId: string) {
	const coach = await requirePayoutCoach(userId);
	// Another coach's withdrawal answers exactly as one that does not exist.
	const [found] = await withdrawalsWithAccounts(
		db(),
		and(eq(withdrawals.id, withdrawalId), eq(withdrawals.coachId, coach.coachId)),
		1,
	);
	if (!found) throw notFound("payouts.errors.withdrawalNotFound");
	return found;
}

/** One of the caller's withdrawals, with what confirming it in WeChat takes while it waits for that. */
export async function myWithdrawal(userId: string, withdrawalId: string): Promise<WithdrawalWithConfirmation> {
	const { withdrawal, account } = await ownWithdrawal(userId, withdrawalId);
	const config = wechatpayConfig();
	const waiting =
		withdrawal.status === "processing" &&
		withdrawal.channel === "wechatpay" &&
		withdrawal.confirmPackage &&
		account.kind === "wechat";
	const confirm =
		waiting && config && withdrawal.confirmPackage
			? {
					mchId: config.mchid,
					appId: wechatPayeeOf(decrypt(account.accountNoEnc, sealedIn(payoutAccounts.accountNoEnc, account.id))).appid,
					package: withdrawal.confirmPackage,
				}
			: null;
	return { withdrawal: withdrawalView(withdrawal, account), confirm };
}

/**
 * After the coach confirmed in WeChat: asks WeChat about the bill now instead of waiting for the
 * re-drive, through the transfer job's own path (a withdrawal with an attempt behind it is queried
 * by out_bill_no first, so nothing is sent twice). Limited per withdrawal: each asks WeChat Pay.
 */
export async function recheckMyWithdrawal(userId: string, withdrawalId: string): Promise<WithdrawalWithConfirmation> {
	const { withdrawal } = await ownWithdrawal(userId, withdrawalId);
	if (withdrawal.status === "processing" && withdrawal.channel === "wechatpay") {
		await consume({ key: `withdrawal-recheck:${withdrawal.id}`, points: 5, windowSeconds: 60 });
		try {
			await executeWithdrawal(withdrawal.id);
		} catch (error) {
			// Still waiting (or WeChat did not answer): the page says so; the job and the re-drive keep asking.
			if (!(error instanceof WithdrawalPending)) throw error;
		}
	}
	return myWithdrawal(userId, withdrawalId);
}
