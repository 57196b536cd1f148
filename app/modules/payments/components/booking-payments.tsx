import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatFen } from "~/lib/money";
import { formatDateTime } from "~/modules/booking/components/time-format";
import type { BookingPaymentLine } from "../read-payment.server";

/** A booking's payments and refunds, each a link to its result page (state, refunds, when they arrive). */
export function BookingPayments({ lines }: { lines: BookingPaymentLine[] }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	if (lines.length === 0) return null;
	return (
		<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6" data-testid="booking-payments">
			<h2 className="text-lg font-semibold">{t("payments.booking.title")}</h2>
			<ul className="mt-2 divide-y divide-line text-sm">
				{lines.map((line) => (
					<li key={line.id}>
						<Link to={`/me/payments/${line.id}`} className="flex items-center justify-between gap-3 py-2 hover:bg-paper">
							<span>
								<span className="font-medium">{t(`payments.kinds.${line.kind}`)}</span>
								<span className="text-muted">
									{" "}
									· {t(`payments.methods.${line.method}`)} · {formatDateTime(line.at, locale)}
								</span>
							</span>
							<span className="text-right tabular-nums">
								{formatFen(line.amountFen, locale)}
								<span className="block text-xs text-muted">
									{line.refundedFen > 0
										? t(line.refundPending ? "payments.booking.refunding" : "payments.booking.refunded", {
												amount: formatFen(line.refundedFen, locale),
											})
										: t(`payments.status.${line.status}`)}
								</span>
							</span>
						</Link>
					</li>
				))}
			</ul>
		</section>
	);
}
