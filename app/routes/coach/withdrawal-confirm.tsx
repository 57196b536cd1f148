import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { settings } from "~/lib/config.server";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { orPageError } from "~/lib/page-errors.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { QrCode } from "~/modules/payments/components/qr-code";
import { deviceOf } from "~/modules/payments/methods.server";
import { WechatTransferConfirming } from "~/modules/payments/payouts/components/wechat-transfer-confirming";
import { WithdrawalStatusChip } from "~/modules/payments/payouts/components/withdrawal-list";
import { myWithdrawal, recheckMyWithdrawal } from "~/modules/payments/payouts/confirm-withdrawal.server";
import { qrSvg } from "~/modules/payments/qr-svg.server";
import type { Route } from "./+types/withdrawal-confirm";

/**
 * A WeChat transfer bill waiting for its payee: inside WeChat's browser the page opens WeChat's
 * confirm sheet (requestMerchantTransfer); elsewhere it shows a QR code of itself to open in WeChat.
 * Only the withdrawal's own coach gets it (404 otherwise).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const found = await orPageError(myWithdrawal(session.user.id, params.id));
	const inWeChat = deviceOf(request.headers.get("user-agent")).inWeChat;
	const url = `${settings().APP_URL ?? new URL(request.url).origin}/coach/withdrawals/${params.id}/confirm`;
	return {
		withdrawal: found.withdrawal,
		waiting: found.confirm !== null,
		// Only WeChat's browser can use the package; elsewhere the page shows the way there instead.
		confirm: inWeChat ? found.confirm : null,
		inWeChat,
		url,
		qr: found.confirm && !inWeChat ? await qrSvg(url) : null,
		title: pageTitle(request, "payouts.confirm.title"),
	};
}

/** "I have confirmed": asks WeChat Pay about the bill now (rate-limited), through the transfer job's ask-first path. */
export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const after = await orPageError(recheckMyWithdrawal(session.user.id, params.id));
	return { checked: after.withdrawal.status };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function WithdrawalConfirm({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { withdrawal, waiting, confirm, inWeChat, url, qr } = loaderData;
	const checked = actionData?.checked;
	return (
		<CoachPage title={t("payouts.confirm.title")}>
			<section className="space-y-4 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6" data-testid="withdrawal-confirm">
				<div className="flex items-center justify-between gap-3">
					<p className="text-2xl font-semibold tabular-nums">{formatFen(withdrawal.amountFen, i18n.language)}</p>
					<WithdrawalStatusChip status={withdrawal.status} />
				</div>
				{checked ? (
					<p role="status" className="text-sm" data-testid="recheck-result">
						{checked === "paid"
							? t("payouts.confirm.paid")
							: checked === "failed"
								? t("payouts.confirm.failed")
								: waiting
									? t("payouts.confirm.stillWaiting")
									: t("payouts.confirm.notWaiting", { status: t(`payouts.status.${checked}`) })}
					</p>
				) : null}
				{waiting ? (
					<>
						<p className="text-sm">{t("payouts.confirm.intro", { amount: formatFen(withdrawal.amountFen, i18n.language) })}</p>
						{inWeChat && confirm ? (
							<WechatTransferConfirming params={confirm} />
						) : (
							<div className="space-y-3 text-center">
								<p className="text-sm text-muted">{t("payouts.confirm.openInWechat")}</p>
								{qr ? <QrCode svg={qr} label={t("payouts.confirm.qrAlt")} /> : null}
								<p className="break-all text-xs text-muted">{url}</p>
								<Form method="post">
									<input type="hidden" name="intent" value="recheck" />
									<button type="submit" className="text-sm text-cloth-700 hover:underline">
										{t("payouts.confirm.recheck")}
									</button>
								</Form>
							</div>
						)}
					</>
				) : checked ? null : (
					<p className="text-sm" data-testid="not-waiting">
						{t("payouts.confirm.notWaiting", { status: t(`payouts.status.${withdrawal.status}`) })}
					</p>
				)}
				<Link to="/coach/withdrawals" className="block text-sm text-cloth-700 hover:underline">
					{t("payouts.confirm.back")}
				</Link>
			</section>
		</CoachPage>
	);
}
