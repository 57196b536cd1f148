import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { dateTimeFormat } from "~/lib/intl-formats";
import { formatFen } from "~/lib/money";
import { addDays, timeZone, todayInShanghai } from "../availability/time";
import { courseTypeNames, disciplineNames } from "../catalog";
import type { CoachCard as Card } from "../search/search-coaches.server";
import { Badges } from "./badges";

/** One coach in the search results: photo, trust badges, itemised cheapest price, distance. */
export function CoachCard({ coach, locale, profileSearch }: { coach: Card; locale: "zh-CN" | "en"; profileSearch: string }) {
	const { t } = useTranslation();
	const offering = coach.cheapestOffering;
	return (
		<li>
			<Link
				to={`/coaches/${coach.id}${profileSearch}`}
				className="flex gap-4 rounded-3xl bg-white p-3 shadow-(--shadow-card) transition-shadow hover:shadow-md sm:p-4"
			>
				<div className="size-24 shrink-0 overflow-hidden rounded-2xl bg-cloth-50 sm:size-28">
					{coach.photoUrl ? (
						<img src={coach.photoUrl} alt="" loading="lazy" className="size-full object-cover" width={112} height={112} />
					) : (
						<span aria-hidden className="flex size-full items-center justify-center text-3xl text-cloth-700">
							{coach.displayName.slice(0, 1)}
						</span>
					)}
				</div>
				<div className="min-w-0 flex-1">
					<div className="flex items-start justify-between gap-2">
						<h3 className="truncate text-lg font-semibold">{coach.displayName}</h3>
						{coach.distanceKm !== null ? (
							<span className="shrink-0 text-sm text-muted">{t("coaches.search.away", { km: coach.distanceKm })}</span>
						) : null}
					</div>
					<p className="mt-0.5 text-sm text-muted">
						{[
							coach.level ? t(`coaches.levels.${coach.level}`) : null,
							coach.yearsExperience ? t("coaches.search.years", { years: coach.yearsExperience }) : null,
						]
							.filter(Boolean)
							.join(" · ")}
					</p>
					<Badges badges={coach.badges} />
					<p className="mt-1 text-sm text-muted">{coach.disciplines.map((code) => disciplineNames[code][locale]).join(" / ")}</p>
					<div className="mt-2 flex flex-wrap items-baseline justify-between gap-x-3">
						<p className="text-sm">
							<span className="text-muted">
								{t("coaches.search.perLesson", {
									course: courseTypeNames[offering.courseType][locale],
									minutes: offering.durationMinutes,
								})}
							</span>{" "}
							<strong className="text-base text-wood-700">{formatFen(offering.priceFen, locale)}</strong>
						</p>
						<p className="text-xs text-muted">
							{coach.rating !== null
								? t("coaches.search.ratingCount", { rating: coach.rating.toFixed(1), count: coach.ratingCount })
								: t("coaches.search.noRating")}
							{coach.acceptingBookings ? null : ` · ${t("coaches.search.paused")}`}
						</p>
					</div>
					{coach.acceptingBookings ? (
						<p className="mt-1 text-sm font-medium text-cloth-700">
							{coach.nextFreeAt
								? t("coaches.search.nextFree", { when: nextFreeLabel(coach.nextFreeAt, locale, t) })
								: t("coaches.search.nextFreeNone")}
						</p>
					) : null}
				</div>
			</Link>
		</li>
	);
}

/** "今天 14:00", "明天 09:30", or "12月5日 周六 19:00", in Shanghai time like the coach's hours. */
function nextFreeLabel(iso: string, locale: "zh-CN" | "en", t: (key: string) => string): string {
	const instant = new Date(iso);
	const time = dateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone }).format(instant);
	const date = todayInShanghai(instant);
	const today = todayInShanghai();
	if (date === today) return `${t("coaches.search.freeToday")} ${time}`;
	if (date === addDays(today, 1)) return `${t("coaches.search.freeTomorrow")} ${time}`;
	const day = dateTimeFormat(locale, { month: "short", day: "numeric", weekday: "short", timeZone }).format(instant);
	return `${day} ${time}`;
}
