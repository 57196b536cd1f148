import { useTranslation } from "react-i18next";
import { availabilityFields, weekdays } from "../form";
import type { AvailabilityView } from "../get-availability.server";
import { ruleTitles, useRuleLabel } from "./weekly-form";

/** The week at a glance (China time) and the booking rules, read-only. */
export function WeeklySummary({ view }: { view: AvailabilityView }) {
	const { t } = useTranslation();
	const ruleLabel = useRuleLabel();
	return (
		<div>
			<ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
				{weekdays.map((weekday) => {
					const ranges = view.weeklyHours.filter((range) => range.weekday === weekday);
					return (
						<li key={weekday} className="flex justify-between gap-3">
							<span className="shrink-0 text-muted">{t(`coaching.availability.weekdays.${weekday}`)}</span>
							<span className="text-right tabular-nums">
								{ranges.length > 0
									? ranges.map((range) => `${range.start}–${range.end}`).join(", ")
									: t("coaching.availability.dayOff")}
							</span>
						</li>
					);
				})}
			</ul>
			<dl className="mt-3 grid gap-1 border-t border-line pt-3 text-sm sm:grid-cols-3 sm:gap-4">
				{availabilityFields.rules.map((rule) => (
					<div key={rule} className="flex justify-between gap-3 sm:block">
						<dt className="text-muted">{t(ruleTitles[rule])}</dt>
						<dd className="tabular-nums">{ruleLabel(rule, view[rule])}</dd>
					</div>
				))}
			</dl>
		</div>
	);
}
