import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { FreeDay } from "../booking-form.server";
import { SlotClock, ViewerZoneLegend } from "./lesson-time";
import { formatDay } from "./time-format";

const shownPerDay = 4;

/**
 * The next seven days of one offering's free times on the coach's profile: each day its first few
 * times, each a link into the booking form with that time chosen.
 */
export function WeekStrip({ coachId, offeringId, days }: { coachId: string; offeringId: string; days: FreeDay[] }) {
	const { t, i18n } = useTranslation();
	if (days.length === 0) return <p className="text-sm text-muted">{t("booking.player.week.none")}</p>;
	const book = (choice: { startsAt: string } | { day: string }) =>
		`/coaches/${coachId}/book?${new URLSearchParams({ offeringId, ...choice })}`;
	return (
		<>
			<ViewerZoneLegend />
			<ul className="-mx-5 flex snap-x gap-2 overflow-x-auto px-5 pb-1 sm:-mx-6 sm:px-6" data-testid="week-strip">
				{days.map((day) => (
					<li key={day.date} className="w-28 shrink-0 snap-start rounded-2xl bg-paper p-2.5">
						<p className="text-sm font-medium">{formatDay(day.date, i18n.language)}</p>
						<ul className="mt-2 space-y-1.5">
							{day.times.slice(0, shownPerDay).map((time) => (
								<li key={time.startsAt}>
									<Link
										to={book({ startsAt: time.startsAt })}
										className="block rounded-lg bg-white px-2 py-1.5 text-center text-sm text-cloth-800 ring-1 ring-cloth-200 hover:bg-cloth-50"
									>
										<SlotClock startsAt={time.startsAt} />
									</Link>
								</li>
							))}
						</ul>
						{day.times.length > shownPerDay ? (
							<Link to={book({ day: day.date })} className="mt-1.5 block text-center text-xs text-cloth-700 hover:underline">
								{t("booking.player.week.more", { count: day.times.length - shownPerDay })}
							</Link>
						) : null}
					</li>
				))}
			</ul>
		</>
	);
}
