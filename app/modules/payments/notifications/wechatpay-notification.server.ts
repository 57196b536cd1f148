import { logger } from "~/lib/logger.server";
import { wechatpayConfig } from "~/lib/wechatpay-client.server";
import { acknowledged, applyProviderResult, type ProviderResult } from "../apply-provider-result.server";
import { readWechatNotification, type WechatTradeState } from "../providers/wechatpay.server";
import { confirmRefund, refundAcknowledged } from "../refunds/confirm-refund.server";

const outcomeOf: Record<WechatTradeState, ProviderResult["outcome"]> = {
	SUCCESS: "succeeded",
	// Paid, then refunded (by us): the payment itself succeeded.
	REFUND: "succeeded",
	CLOSED: "closed",
	REVOKED: "closed",
	PAYERROR: "failed",
	NOTPAY: "pending",
	USERPAYING: "pending",
};

const signatureReasons = new Set(["missing_signature", "unknown_serial", "stale", "bad_signature"]);

/** What the endpoint answers: 204 stops WeChat's resending; any other status makes it send again later. */
export type WechatNotifyAnswer = { status: 204 } | { status: 400 | 401 | 500; message: string };

/**
 * `POST /api/v1/payments/notify/wechatpay`: a payment (TRANSACTION.*) or refund (REFUND.*)
 * notification. Its signature is checked over the exact raw body and its resource decrypted
 * before anything is read; then a payment goes through the one payment path (merchant: our mchid
 * AND our appid) and a refund settles its refund row. A forgery or a mismatch is never acknowledged.
 */
export async function handleWechatNotification(
	headers: Record<string, string | string[] | undefined>,
	rawBody: Buffer,
): Promise<WechatNotifyAnswer> {
	const notification = readWechatNotification(headers, rawBody);
	const config = wechatpayConfig();
	if (!notification.ok || !config) {
		const reason = notification.ok ? "not_configured" : notification.reason;
		logger.warn({ provider: "wechatpay", reason }, "wechatpay notification refused");
		if (signatureReasons.has(reason)) return { status: 401, message: "签名验证失败" };
		if (reason === "not_configured") return { status: 500, message: "未配置微信支付" };
		return { status: 400, message: "通知内容无法读取" };
	}
	if (notification.kind === "refund") {
		const outcome = await confirmRefund({
			method: "wechatpay",
			eventId: notification.eventId,
			outRequestNo: notification.outRefundNo,
			outTradeNo: notification.outTradeNo,
			amountFen: notification.refundFen,
			merchantMatches: notification.mchid === config.mchid,
			outcome:
				notification.refundStatus === "SUCCESS" ? "succeeded" : notification.refundStatus === "PROCESSING" ? "pending" : "failed",
			message: notification.refundStatus,
		});
		return refundAcknowledged(outcome) ? { status: 204 } : { status: 400, message: `退款通知未被接受：${outcome}` };
	}
	const outcome = await applyProviderResult({
		method: "wechatpay",
		eventId: notification.eventId,
		kind: "notify",
		outTradeNo: notification.outTradeNo,
		providerTradeNo: notification.transactionId,
		amountFen: notification.totalFen,
		merchantMatches: notification.mchid === config.mchid && notification.appid === config.appid,
		outcome: outcomeOf[notification.tradeState],
		paidAt: notification.paidAt,
	});
	return acknowledged(outcome) ? { status: 204 } : { status: 400, message: `支付通知未被接受：${outcome}` };
}
