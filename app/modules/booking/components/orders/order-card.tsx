import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { BookingView } from "../../present.server";
import { lessonTime } from "./format";
import { OrderStatus, useOrderText } from "./order-facts";

/** One booking in the coach's inbox: who, when, where, what, the note and the money, in one glance. */
export function OrderCard({ booking }: { booking: BookingView }) {
	const { t } = useTranslation();
	const text = useOrderText();
	return (
		<li>
			<Link
				to={`/coach/orders/${booking.id}`}
				className="block rounded-2xl bg-white p-4 shadow-(--shadow-card) transition-shadow hover:shadow-md sm:p-5"
			>
				<div className="flex items-start justify-between gap-3">
					<div className="min-w-0">
						<p className="truncate text-base font-semibold">{booking.player.displayName}</p>
						<p className="mt-0.5 text-[15px] font-medium text-cloth-800">{lessonTime(booking, text.language)}</p>
					</div>
					<OrderStatus status={booking.status} />
				</div>
				<dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-muted sm:grid-cols-2">
					<div className="flex gap-2">
						<dt className="sr-only">{t("booking.orders.detail.lesson")}</dt>
						<dd>{text.course(booking)}</dd>
					</div>
					<div className="flex gap-2">
						<dt className="sr-only">{t("booking.orders.detail.place")}</dt>
						<dd className="truncate">{text.place(booking)}</dd>
					</div>
					<div className="flex gap-2 sm:col-span-2">
						<dt className="sr-only">{t("booking.orders.detail.amounts")}</dt>
						<dd>
							{t("booking.orders.price")} {text.money(booking.priceFen)} · {t("booking.orders.paid")}{" "}
							{text.money(booking.paidFen)}
							{booking.refundFen ? ` · ${t("booking.orders.refund")} ${text.money(booking.refundFen)}` : ""}
						</dd>
					</div>
				</dl>
				{booking.note ? (
					<p className="mt-3 line-clamp-2 rounded-xl bg-cloth-50/60 px-3 py-2 text-sm text-ink">
						<span className="sr-only">{t("booking.orders.note")}: </span>“{booking.note}”
					</p>
				) : null}
			</Link>
		</li>
	);
}
