import { isProduction, settings } from "~/lib/config.server";
import { sandboxEnabled } from "../methods.server";
import { alipayTransferConfigured } from "./alipay-transfer.server";
import { wechatTransfersConfigured } from "./wechat-transfer.server";

/**
 * How money reaches a payout account. Alipay accounts: by Alipay transfer when its certificates
 * are configured; outside production without them, by the payments sandbox (pretend money, paid
 * at once through the same bookkeeping), so the demo works end to end — never in production,
 * even with the payments sandbox on, where it would mark real withdrawals paid with nothing
 * sent; otherwise not at all. Bank
 * cards: always by the finance team's batch file. WeChat accounts: by WeChat Pay transfer bills,
 * only while WeChat Pay is configured (no sandbox stand-in).
 */
export type TransferChannel = "alipay" | "bank" | "sandbox" | "wechatpay";

export function alipayChannel(): TransferChannel | null {
	if (alipayTransferConfigured()) return "alipay";
	if (sandboxEnabled() && !isProduction()) return "sandbox";
	return null;
}

export const alipayTransfersOffered = () => alipayChannel() !== null;

export const wechatTransfersOffered = () => wechatTransfersConfigured();

export function channelFor(kind: "alipay" | "bank_card" | "wechat"): TransferChannel | null {
	if (kind === "bank_card") return "bank";
	if (kind === "wechat") return wechatTransfersOffered() ? "wechatpay" : null;
	return alipayChannel();
}

export function withdrawalLimits() {
	const { WITHDRAWAL_MIN_FEN, WITHDRAWAL_DAILY_LIMIT_FEN, WITHDRAWAL_APPROVAL_THRESHOLD_FEN } = settings();
	return {
		minFen: WITHDRAWAL_MIN_FEN,
		dailyLimitFen: WITHDRAWAL_DAILY_LIMIT_FEN,
		approvalThresholdFen: WITHDRAWAL_APPROVAL_THRESHOLD_FEN,
	};
}
