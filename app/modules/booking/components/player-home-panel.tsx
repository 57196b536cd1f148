import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PlayerHomeBooking } from "../player-home.server";
import { StatusChip } from "./status-chip";
import { formatDateTime } from "./time-format";

/** The signed-in home's first panel: the next lesson, and what waits for the player or the coach. */
export function PlayerHomePanel({
	next,
	waiting,
	locale,
}: {
	next: PlayerHomeBooking | null;
	waiting: PlayerHomeBooking[];
	locale: string;
}) {
	const { t } = useTranslation();
	const row = (booking: PlayerHomeBooking) => (
		<li key={booking.id}>
			<Link
				to={booking.status === "pending_payment" ? `/me/bookings/${booking.id}/pay` : `/me/bookings/${booking.id}`}
				className="flex items-center justify-between gap-3 rounded-2xl bg-white px-4 py-3 text-ink shadow-(--shadow-card) hover:ring-2 hover:ring-cloth-200"
			>
				<span className="min-w-0">
					<span className="block truncate font-medium">{booking.coachName}</span>
					<span className="block text-sm text-muted tabular-nums">{formatDateTime(booking.startsAt, locale)}</span>
				</span>
				<StatusChip status={booking.status} />
			</Link>
		</li>
	);
	return (
		<section className="mx-auto max-w-6xl px-5 pt-8 sm:px-6" aria-labelledby="my-lessons-title">
			<h2 id="my-lessons-title" className="text-xl font-semibold sm:text-2xl">
				{t("home.mine.title")}
			</h2>
			<div className="mt-4 grid gap-4 md:grid-cols-2">
				<div>
					<h3 className="text-sm font-medium text-muted">{t("home.mine.next")}</h3>
					{next ? (
						<ul className="mt-2">{row(next)}</ul>
					) : (
						<p className="mt-2 text-sm text-muted">
							{t("home.mine.noNext")}{" "}
							<Link to="/coaches" className="font-medium text-cloth-700 hover:underline">
								{t("home.hero.findCoach")}
							</Link>
						</p>
					)}
				</div>
				<div>
					<h3 className="text-sm font-medium text-muted">{t("home.mine.waiting")}</h3>
					{waiting.length > 0 ? (
						<ul className="mt-2 space-y-2">{waiting.map(row)}</ul>
					) : (
						<p className="mt-2 text-sm text-muted">{t("home.mine.nothingWaiting")}</p>
					)}
				</div>
			</div>
		</section>
	);
}
