import { useTranslation } from "react-i18next";
import type { BookingEventView } from "../../present.server";
import { momentOf } from "./format";

/** Every event of the booking, oldest first: what happened, who did it, when. */
export function OrderTimeline({ events }: { events: BookingEventView[] }) {
	const { t, i18n } = useTranslation();
	return (
		<ol className="space-y-4 border-l-2 border-cloth-100 pl-5">
			{events.map((event, index) => {
				const reason = typeof event.detail.reason === "string" && event.detail.reason ? event.detail.reason : null;
				// Joins and leaves of the video room say which device (the phone over the table is a second one).
				const device = typeof event.detail.device === "string" ? t(`booking.online.devices.${event.detail.device}`) : "";
				return (
					<li key={`${event.at}-${index}`} className="relative">
						<span aria-hidden className="absolute top-1.5 -left-[27px] size-3 rounded-full bg-cloth-600 ring-4 ring-white" />
						<p className="font-medium">{t(`booking.orders.events.${event.kind}`, { defaultValue: event.kind, device })}</p>
						<p className="text-sm text-muted">
							{t(`booking.orders.actors.${event.actor}`)} · <time dateTime={event.at}>{momentOf(event.at, i18n.language)}</time>
						</p>
						{reason ? <p className="mt-1 text-sm">{t("booking.orders.detail.reason", { reason })}</p> : null}
					</li>
				);
			})}
		</ol>
	);
}
