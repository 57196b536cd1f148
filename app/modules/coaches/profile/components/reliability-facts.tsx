import { useTranslation } from "react-i18next";
import type { PublicReliability } from "../reliability.server";

/** How quickly the coach usually answers, in the words a player reads at a glance. */
function answerKey(minutes: number): { key: string; count: number } {
	if (minutes < 60) return { key: "coaches.reliability.answerWithinHours", count: 1 };
	if (minutes < 24 * 60) return { key: "coaches.reliability.answerWithinHours", count: Math.ceil(minutes / 60) };
	return { key: "coaches.reliability.answerWithinDays", count: Math.ceil(minutes / (24 * 60)) };
}

/**
 * The coach's last 90 days of bookings as short facts ("通常 1 小时内确认", "接单率 96%", "近 90 天 0 次爽约"),
 * or 数据不足 while there are too few requests for a rate to mean anything.
 */
export function ReliabilityFacts({ reliability }: { reliability: PublicReliability }) {
	const { t } = useTranslation();
	if (!reliability.enoughData) {
		return (
			<p className="mt-2 text-sm text-cloth-100" data-testid="reliability">
				{t("coaches.reliability.notEnough")}
			</p>
		);
	}
	const facts = [
		reliability.medianAnswerMinutes === null
			? null
			: t(answerKey(reliability.medianAnswerMinutes).key, { count: answerKey(reliability.medianAnswerMinutes).count }),
		reliability.acceptanceRate === null
			? null
			: t("coaches.reliability.acceptance", { percent: Math.round(reliability.acceptanceRate * 100) }),
		t("coaches.reliability.noShows", { count: reliability.coachNoShows }),
		t("coaches.reliability.cancellations", { count: reliability.coachCancellations }),
	].filter((fact): fact is string => fact !== null);
	return (
		<ul
			className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-cloth-100"
			data-testid="reliability"
			aria-label={t("coaches.reliability.title")}
		>
			{facts.map((fact) => (
				<li key={fact}>{fact}</li>
			))}
		</ul>
	);
}
