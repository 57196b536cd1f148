import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { cn } from "~/ui/cn";
import type { FreeDay } from "../booking-form.server";
import { Choice } from "./choice";
import { SlotClock } from "./lesson-time";
import { formatDay } from "./time-format";

/**
 * Free times to pick one from: the days as links (so the times follow without JavaScript) and the
 * chosen day's times as radio buttons named `name`. Used by the booking form and by the forms that
 * propose another time for a booking.
 */
export function FreeTimePicker({
	days,
	selectedDay,
	dayLink,
	checked,
	name = "startsAt",
	describedBy,
}: {
	days: FreeDay[];
	selectedDay: string | null;
	/** The link that shows another day's times. */
	dayLink: (date: string) => string;
	checked?: string;
	name?: string;
	describedBy?: string;
}) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	const day = days.find((item) => item.date === selectedDay) ?? days[0];
	if (!day) return null;
	return (
		<>
			<nav aria-label={t("booking.player.form.days")} className="-mx-5 overflow-x-auto px-5 sm:-mx-6 sm:px-6">
				<ul className="flex gap-2 pb-1">
					{days.map((item) => (
						<li key={item.date}>
							<Link
								to={dayLink(item.date)}
								preventScrollReset
								aria-current={item.date === day.date ? "page" : undefined}
								className={cn(
									"flex h-10 items-center whitespace-nowrap rounded-full px-4 text-sm ring-1 ring-inset",
									item.date === day.date ? "bg-cloth-700 text-white ring-cloth-700" : "bg-white ring-line hover:bg-paper",
								)}
							>
								{formatDay(item.date, locale)}
							</Link>
						</li>
					))}
				</ul>
			</nav>
			<div className="grid grid-cols-3 gap-2 sm:grid-cols-6" data-testid="free-times">
				{day.times.map((slot) => (
					<Choice
						key={slot.startsAt}
						name={name}
						value={slot.startsAt}
						defaultChecked={checked === slot.startsAt}
						describedBy={describedBy}
						compact
					>
						<SlotClock startsAt={slot.startsAt} />
					</Choice>
				))}
			</div>
		</>
	);
}
