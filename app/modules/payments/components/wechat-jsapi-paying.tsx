import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { formatFen } from "~/lib/money";
import type { WechatJsapiParams } from "../providers/wechatpay.server";

/** What WeChat's browser puts on the page: https://pay.weixin.qq.com/doc/v3/merchant/4012791857 */
interface WeixinJSBridgeApi {
	invoke(api: "getBrandWCPayRequest", params: WechatJsapiParams, done: (answer: { err_msg?: string }) => void): void;
}
declare global {
	interface Window {
		WeixinJSBridge?: WeixinJSBridgeApi;
	}
}

/** WeChat's bridge appears a moment after the page loads; it announces itself with this event. */
function whenBridgeReady(run: (bridge: WeixinJSBridgeApi) => void): () => void {
	if (window.WeixinJSBridge) {
		run(window.WeixinJSBridge);
		return () => {};
	}
	const ready = () => window.WeixinJSBridge && run(window.WeixinJSBridge);
	document.addEventListener("WeixinJSBridgeReady", ready, { once: true });
	return () => document.removeEventListener("WeixinJSBridgeReady", ready);
}

/**
 * Inside WeChat: opens WeChat's own payment sheet with the signed parameters, then goes to the
 * result page, which waits for WeChat Pay's notification (the sheet's answer is only the
 * browser's word: "ok" does not mean paid, "cancel" may be followed by a retry here).
 */
export function WechatJsapiPaying({ payment }: { payment: { params: WechatJsapiParams; paymentId: string; amountFen: number } }) {
	const { t, i18n } = useTranslation();
	const navigate = useNavigate();
	const [cancelled, setCancelled] = useState(false);
	const [attempt, setAttempt] = useState(0);
	const resultPath = `/me/payments/${payment.paymentId}`;
	useEffect(() => {
		void attempt;
		return whenBridgeReady((bridge) =>
			bridge.invoke("getBrandWCPayRequest", payment.params, (answer) => {
				if (answer.err_msg === "get_brand_wcpay_request:cancel") setCancelled(true);
				else navigate(resultPath);
			}),
		);
	}, [payment.params, resultPath, navigate, attempt]);
	return (
		<section
			className="space-y-4 rounded-3xl bg-white p-5 text-center shadow-(--shadow-card) sm:p-6"
			data-testid="jsapi-payment"
			data-payment-id={payment.paymentId}
			data-params={JSON.stringify(payment.params)}
		>
			<h2 className="text-lg font-semibold">{t("payments.checkout.jsapiTitle")}</h2>
			<p className="text-3xl font-semibold tabular-nums">{formatFen(payment.amountFen, i18n.language)}</p>
			<p className="text-sm text-muted">{t(cancelled ? "payments.checkout.jsapiCancelled" : "payments.checkout.jsapiHint")}</p>
			{cancelled ? (
				<button
					type="button"
					className="rounded-xl bg-cloth-700 px-4 py-2 text-white"
					onClick={() => {
						setCancelled(false);
						setAttempt((count) => count + 1);
					}}
				>
					{t("payments.checkout.jsapiRetry")}
				</button>
			) : null}
			<Link to={resultPath} className="block text-sm text-cloth-700 hover:underline">
				{t("payments.result.title")}
			</Link>
		</section>
	);
}
