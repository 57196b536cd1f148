import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { orPageError } from "~/lib/page-errors.server";
import { useLiveRevalidation } from "~/lib/use-live-revalidation";
import { requireUser } from "~/modules/accounts/guards.server";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { getPayment } from "~/modules/payments/read-payment.server";
import { ButtonLink } from "~/ui/button";
import type { Route } from "./+types/payment";

/**
 * The result of a payment, as the provider confirmed it — never as the browser's return from the
 * cashier claims. While pending it waits live (the payment's feed) and says so plainly when the
 * confirmation is slow; refunds show with their state and when they arrive.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const payment = await orPageError(
		getPayment({ caller: { userId: session.user.id, roles: session.roles }, paymentId: params.paymentId }),
	);
	return { payment, title: pageTitle(request, "payments.result.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** After this long without the provider's word the page stops promising "a few seconds". */
const slowAfterMs = 20_000;

export default function PaymentResult({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { payment } = loaderData;
	const locale = i18n.language;
	const pending = payment.status === "pending";
	// Refunds in progress change too: keep listening until nothing is left to happen.
	const settling = pending || payment.refunds.some((refund) => refund.status === "pending");
	useLiveRevalidation(settling ? `/me/payments/${payment.id}/live` : null, "payment_changes");
	const [slow, setSlow] = useState(false);
	useEffect(() => {
		if (!pending) return;
		const timer = setTimeout(() => setSlow(true), slowAfterMs);
		return () => clearTimeout(timer);
	}, [pending]);
	const amount = formatFen(payment.amountFen, locale);
	const headline = {
		pending: { title: t("payments.result.waiting"), body: slow ? t("payments.result.slow") : t("payments.result.waitingHint") },
		succeeded: { title: t("payments.result.succeeded"), body: t("payments.result.succeededBody", { amount }) },
		failed: { title: t("payments.result.failed"), body: t("payments.result.failedBody") },
		closed: { title: t("payments.result.closed"), body: t("payments.result.closedBody") },
	}[payment.status];
	const tone = {
		pending: "bg-white",
		succeeded: "bg-cloth-50 ring-1 ring-cloth-200",
		failed: "bg-red-50 ring-1 ring-red-200",
		closed: "bg-white",
	}[payment.status];
	return (
		<div className="mx-auto max-w-md space-y-5 px-4 py-6 sm:py-12">
			<section
				className={`space-y-3 rounded-3xl p-6 text-center shadow-(--shadow-card) ${tone}`}
				aria-live="polite"
				data-testid="payment-result"
				data-status={payment.status}
			>
				{pending ? (
					<div className="mx-auto size-10 animate-spin rounded-full border-4 border-cloth-200 border-t-cloth-700" aria-hidden />
				) : null}
				<h1 className="text-xl font-semibold">{headline.title}</h1>
				<p className="text-3xl font-semibold tabular-nums">{amount}</p>
				<p className="text-sm text-muted">
					{t(`payments.kinds.${payment.kind}`)} · {t(`payments.methods.${payment.method}`)}
				</p>
				<p className="text-sm">{headline.body}</p>
			</section>

			{payment.refunds.length > 0 ? (
				<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card)" data-testid="refunds">
					<h2 className="text-lg font-semibold">{t("payments.result.refunds")}</h2>
					<ul className="mt-2 divide-y divide-line text-sm">
						{payment.refunds.map((refund) => (
							<li key={refund.id} className="flex justify-between gap-3 py-2">
								<span>{formatDateTime(refund.settledAt ?? refund.createdAt, locale)}</span>
								<span className="tabular-nums">
									{t("payments.result.refundLine", {
										amount: formatFen(refund.amountFen, locale),
										status: t(`payments.refundStatus.${refund.status}`),
									})}
								</span>
							</li>
						))}
					</ul>
					<p className="mt-2 text-xs text-muted">{t("payments.result.refundArrives")}</p>
				</section>
			) : null}

			<div className="grid gap-3">
				<ButtonLink to={`/me/bookings/${payment.bookingId}`}>{t("payments.result.toBooking")}</ButtonLink>
				{payment.status === "failed" || payment.status === "closed" ? (
					<ButtonLink to={`/me/bookings/${payment.bookingId}/pay`} variant="secondary">
						{t("payments.result.retry")}
					</ButtonLink>
				) : null}
			</div>
			<p className="text-center text-xs text-muted">
				<Link to={`/me/bookings/${payment.bookingId}`} className="hover:underline">
					{payment.outTradeNo}
				</Link>
			</p>
		</div>
	);
}
