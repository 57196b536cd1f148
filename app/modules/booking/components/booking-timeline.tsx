import { useTranslation } from "react-i18next";
import { formatFen } from "~/lib/money";
import type { BookingEventView } from "../present.server";
import { formatDateTime } from "./time-format";

const known = new Set([
	"created",
	"pay",
	"expire",
	"confirm",
	"reject",
	"cancel",
	"start",
	"finish",
	"no_show",
	"dispute",
	"complete",
	"resolve_for_coach",
	"resolve_for_player",
	"adjusted",
	"reschedule_requested",
	"change_accepted",
	"change_declined",
	"change_withdrawn",
	"change_lapsed",
	"balance_paid",
	"tip",
	"lesson_joined",
	"lesson_left",
]);

/** Every event of a booking, oldest first: who did what and when, in the player's words. */
export function BookingTimeline({ events, coachName }: { events: BookingEventView[]; coachName: string }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	return (
		<ol className="relative space-y-4 border-l-2 border-cloth-100 pl-5" data-testid="timeline">
			{events.map((event) => {
				const actor = event.actor === "coach" ? coachName : t(`booking.player.actors.${event.actor}`);
				const detail = event.detail as { reason?: string | null; refundFen?: number; paidFen?: number; amountFen?: number };
				return (
					<li key={`${event.kind}-${event.at}`} className="relative">
						<span aria-hidden className="absolute top-1.5 -left-[27px] size-3 rounded-full bg-cloth-600 ring-4 ring-white" />
						<p className="text-sm">
							{t(`booking.player.events.${known.has(event.kind) ? event.kind : "other"}`, {
								actor,
								device: typeof event.detail.device === "string" ? t(`booking.online.devices.${event.detail.device}`) : "",
							})}
							{event.kind === "pay" && typeof detail.paidFen === "number" ? ` · ${formatFen(detail.paidFen, locale)}` : ""}
							{(event.kind === "balance_paid" || event.kind === "tip") && typeof detail.amountFen === "number"
								? ` · ${formatFen(detail.amountFen, locale)}`
								: ""}
							{(event.kind === "cancel" || event.kind === "resolve_for_player") && typeof detail.refundFen === "number"
								? ` · ${t("booking.player.amounts.refund")} ${formatFen(detail.refundFen, locale)}`
								: ""}
						</p>
						{detail.reason ? <p className="text-sm text-muted">“{detail.reason}”</p> : null}
						<p className="text-xs text-muted">
							<time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
						</p>
					</li>
				);
			})}
		</ol>
	);
}
