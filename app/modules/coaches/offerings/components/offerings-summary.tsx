import { useTranslation } from "react-i18next";
import { formatFen } from "~/lib/money";
import { type CourseType, courseTypeNames, courseTypes } from "../../catalog";
import type { OfferingsView } from "../get-offerings.server";

export const localeOf = (language: string) => (language === "en" ? "en" : "zh-CN");

/** What search shows of a coach's prices: the cheapest lesson, and whether any is online. */
export function usePriceSummary(view: Pick<OfferingsView, "priceFromFen" | "offersOnline">): string {
	const { t, i18n } = useTranslation();
	if (view.priceFromFen === null) return t("coaching.dashboard.noPrice");
	return [
		t("coaching.dashboard.priceFrom", { price: formatFen(view.priceFromFen, i18n.language) }),
		view.offersOnline ? t("coaching.dashboard.online") : null,
	]
		.filter(Boolean)
		.join(" · ");
}

/** The coach's lessons itemised: per course type each length with its own price, and the cancellation preset. */
export function OfferingsSummary({ view }: { view: OfferingsView }) {
	const { t, i18n } = useTranslation();
	const locale = localeOf(i18n.language);
	const byCourse = courseTypes
		.map((course) => ({ course, items: view.offerings.filter((item) => item.courseType === course) }))
		.filter((group): group is { course: CourseType; items: OfferingsView["offerings"] } => group.items.length > 0);
	return (
		<div>
			<ul className="divide-y divide-line">
				{byCourse.map(({ course, items }) => (
					<li key={course} className="py-2.5 first:pt-0">
						<h3 className="text-[15px] font-medium">{courseTypeNames[course][locale]}</h3>
						<ul className="mt-1 space-y-0.5">
							{items.map((item) => (
								<li key={item.id} className="flex items-center justify-between gap-3 text-sm">
									<span className="text-muted">
										{t("coaching.offerings.minutes", { count: item.durationMinutes })}
										{item.online ? (
											<span className="ml-2 rounded-full bg-cloth-50 px-2 py-0.5 text-xs text-cloth-800">
												{t("coaches.profile.online")}
											</span>
										) : null}
									</span>
									<strong className="font-semibold text-wood-700 tabular-nums">{formatFen(item.priceFen, locale)}</strong>
								</li>
							))}
						</ul>
					</li>
				))}
			</ul>
			<div className="mt-3 border-t border-line pt-3 text-sm">
				<p className="flex justify-between gap-3">
					<span className="text-muted">{t("coaching.offerings.policy")}</span>
					<span className="font-medium">{t(`coaching.offerings.policies.${view.cancellationPolicy}.name`)}</span>
				</p>
				<p className="mt-1 text-muted">{t(`coaching.offerings.policies.${view.cancellationPolicy}.body`)}</p>
			</div>
		</div>
	);
}
