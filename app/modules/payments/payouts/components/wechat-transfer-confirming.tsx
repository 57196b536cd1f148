import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";

export interface TransferConfirmParams {
	mchId: string;
	appId: string;
	package: string;
}

/** WeChat's bridge inside its browser: https://pay.weixin.qq.com/doc/v3/merchant/4012716430 (商家转账 JSAPI 调起确认收款). */
interface MerchantTransferBridge {
	invoke(api: "requestMerchantTransfer", params: TransferConfirmParams, done: (answer: { err_msg?: string }) => void): void;
}

/** The bridge appears a moment after the page loads and announces itself with this event. */
function whenBridgeReady(run: (bridge: MerchantTransferBridge) => void): () => void {
	const current = () => (window as unknown as { WeixinJSBridge?: MerchantTransferBridge }).WeixinJSBridge;
	const bridge = current();
	if (bridge) {
		run(bridge);
		return () => {};
	}
	const ready = () => {
		const found = current();
		if (found) run(found);
	};
	document.addEventListener("WeixinJSBridgeReady", ready, { once: true });
	return () => document.removeEventListener("WeixinJSBridgeReady", ready);
}

/**
 * Inside WeChat: opens WeChat's confirm-receipt sheet with the bill's package, then asks the server
 * to query the bill now (the sheet's answer is only the browser's word; WeChat Pay's query decides).
 * The form works without the script too: the coach can ask after confirming by other means.
 */
export function WechatTransferConfirming({ params }: { params: TransferConfirmParams }) {
	const { t } = useTranslation();
	const fetcher = useFetcher();
	const [attempt, setAttempt] = useState(0);
	const [cancelled, setCancelled] = useState(false);
	const { submit } = fetcher;
	useEffect(() => {
		void attempt;
		return whenBridgeReady((bridge) =>
			bridge.invoke("requestMerchantTransfer", params, (answer) => {
				if (answer.err_msg === "requestMerchantTransfer:ok") submit({ intent: "recheck" }, { method: "post" });
				else setCancelled(true);
			}),
		);
	}, [params, attempt, submit]);
	return (
		<div className="space-y-3" data-testid="wechat-confirm" data-params={JSON.stringify(params)}>
			<p className="text-sm text-muted">{t("payouts.confirm.inWechat")}</p>
			{cancelled ? (
				<button
					type="button"
					className="rounded-xl bg-cloth-700 px-4 py-2 text-white"
					onClick={() => {
						setCancelled(false);
						setAttempt((count) => count + 1);
					}}
				>
					{t("payouts.confirm.retry")}
				</button>
			) : null}
			<fetcher.Form method="post">
				<input type="hidden" name="intent" value="recheck" />
				<button type="submit" className="text-sm text-cloth-700 hover:underline" disabled={fetcher.state !== "idle"}>
					{fetcher.state !== "idle" ? t("payouts.confirm.checking") : t("payouts.confirm.recheck")}
				</button>
			</fetcher.Form>
		</div>
	);
}
