import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatFen } from "~/lib/money";
import { courseTypeNames } from "~/modules/coaches/catalog";
import type { BookingView } from "../present.server";
import { LessonTime } from "./lesson-time";
import { StatusChip } from "./status-chip";

/** Where a lesson takes place, as its player reads it. */
export function placeLabel(location: BookingView["location"], t: (key: string) => string): string {
	if (location.kind === "online") return t("booking.player.form.online");
	if (location.kind === "venue") return location.placeName ?? "";
	return location.address ?? t("booking.player.form.ownAddress");
}

/** One of the player's bookings in the list: coach, time, place, course, amounts, status. */
export function BookingCard({ booking }: { booking: BookingView }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	return (
		<Link
			to={`/me/bookings/${booking.id}`}
			className="block rounded-3xl bg-white p-4 shadow-(--shadow-card) transition-shadow hover:ring-2 hover:ring-cloth-200 sm:p-5"
			data-testid="booking-card"
		>
			<div className="flex items-start justify-between gap-3">
				<div className="min-w-0">
					<p className="font-semibold">{booking.coach.displayName}</p>
					<p className="text-sm text-muted">
						{courseTypeNames[booking.courseType][locale === "en" ? "en" : "zh-CN"]} ·{" "}
						{t("coaches.profile.minutes", { minutes: booking.durationMinutes })}
					</p>
				</div>
				<StatusChip status={booking.status} />
			</div>
			<div className="mt-3 space-y-1 text-sm">
				<p>
					<LessonTime startsAt={booking.startsAt} endsAt={booking.endsAt} />
				</p>
				<p className="text-muted">{placeLabel(booking.location, t)}</p>
			</div>
			<p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
				<span>
					{t("booking.player.amounts.price")} <strong className="text-wood-700">{formatFen(booking.priceFen, locale)}</strong>
				</span>
				<span>
					{t("booking.player.amounts.paid")} <strong>{formatFen(booking.paidFen, locale)}</strong>
				</span>
				{booking.refundFen !== null ? (
					<span>
						{t("booking.player.amounts.refund")} <strong>{formatFen(booking.refundFen, locale)}</strong>
					</span>
				) : null}
			</p>
			{/* The coach finished: the player's one thing left to do, visible from the list. */}
			{booking.status === "in_progress" && booking.completion.finishedAt ? (
				<p className="mt-3 rounded-xl bg-cloth-50 px-3 py-2 text-sm font-medium text-cloth-900">
					{t("booking.completion.player.listHint")}
				</p>
			) : null}
		</Link>
	);
}
