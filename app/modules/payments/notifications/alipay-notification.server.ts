import { alipayConfig } from "~/lib/alipay-client.server";
import { logger } from "~/lib/logger.server";
import { acknowledged, applyProviderResult, type ProviderResult } from "../apply-provider-result.server";
import { readAlipayNotification } from "../providers/alipay.server";

const outcomeOf: Record<string, ProviderResult["outcome"]> = {
	TRADE_SUCCESS: "succeeded",
	TRADE_FINISHED: "succeeded",
	TRADE_CLOSED: "closed",
	WAIT_BUYER_PAY: "pending",
};

/**
 * `POST /api/v1/payments/notify/alipay`: Alipay's asynchronous notification (a signed form). The
 * signature is checked with ALIPAY_PUBLIC_KEY before anything is read; then the one payment path
 * applies it. Answers the plain text Alipay expects: `success` stops its retries, anything else
 * makes it send again later (a forgery or a mismatch is never acknowledged).
 */
export async function handleAlipayNotification(form: Record<string, string>): Promise<"success" | "fail"> {
	const notification = readAlipayNotification(form);
	if (!notification.ok) {
		logger.warn({ provider: "alipay", reason: notification.reason }, "alipay notification refused");
		return "fail";
	}
	const outcome = await applyProviderResult({
		method: "alipay",
		eventId: notification.notifyId,
		kind: "notify",
		outTradeNo: notification.outTradeNo,
		providerTradeNo: notification.tradeNo,
		amountFen: notification.totalFen,
		merchantMatches: notification.appId === alipayConfig()?.appId,
		outcome: outcomeOf[notification.status] ?? "pending",
		paidAt: notification.paidAt,
		refundedFen: notification.refundedFen,
	});
	return acknowledged(outcome) ? "success" : "fail";
}
