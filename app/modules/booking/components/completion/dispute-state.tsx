import { useTranslation } from "react-i18next";
import { formatFen } from "~/lib/money";
import type { CompletionView } from "../../completion/completion-view.server";
import { formatDateTime } from "../time-format";

/** A booking's dispute as both sides and the back office read it: under review, or decided and how. */
export function DisputeState({ dispute }: { dispute: NonNullable<CompletionView["dispute"]> }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	const open = dispute.resolution === null;
	return (
		<section
			aria-labelledby="dispute-state"
			className={open ? "rounded-3xl bg-wood-100 p-5 sm:p-6" : "rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6"}
			data-testid="dispute-state"
		>
			<h2 id="dispute-state" className="text-lg font-semibold">
				{t(open ? "booking.completion.state.openTitle" : "booking.completion.state.resolvedTitle")}
			</h2>
			<p className="mt-1 text-sm">
				{t("booking.completion.state.openBody", {
					who: t(`booking.completion.state.by.${dispute.openedBy}`),
					time: formatDateTime(dispute.openedAt, locale),
					category: t(`booking.completion.categories.${dispute.category}`),
				})}
			</p>
			<p className="mt-2 whitespace-pre-line rounded-xl bg-white/70 px-3 py-2 text-sm">“{dispute.text}”</p>
			{dispute.resolution === "for_coach" ? (
				<p className="mt-3 text-sm font-medium">{t("booking.completion.state.forCoach")}</p>
			) : null}
			{dispute.resolution === "for_player" ? (
				<p className="mt-3 text-sm font-medium">
					{t("booking.completion.state.forPlayer", { amount: formatFen(dispute.refundFen ?? 0, locale) })}
				</p>
			) : null}
			{dispute.note ? (
				<p className="mt-1 text-sm text-muted">{t("booking.completion.state.note", { note: dispute.note })}</p>
			) : null}
		</section>
	);
}
