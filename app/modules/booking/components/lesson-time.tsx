import { useTranslation } from "react-i18next";
import { formatClock, formatDateTime } from "./time-format";
import { useViewerTimeZone } from "./viewer-time-zone";

/** A lesson's time in Shanghai, and in the viewer's own zone beside it when that differs. */
export function LessonTime({ startsAt, endsAt }: { startsAt: string; endsAt?: string }) {
	const { t, i18n } = useTranslation();
	const viewerZone = useViewerTimeZone();
	const locale = i18n.language;
	const span = (zone?: string) =>
		`${formatDateTime(startsAt, locale, zone)}${endsAt ? `–${formatClock(endsAt, locale, zone)}` : ""}`;
	return (
		<span className="inline-flex flex-col">
			<span>
				{span()} <span className="text-xs text-muted">{t("booking.player.time.shanghai")}</span>
			</span>
			{viewerZone ? (
				<span className="text-xs text-muted" data-testid="viewer-time">
					{t("booking.player.time.yours", { time: span(viewerZone), zone: viewerZone })}
				</span>
			) : null}
		</span>
	);
}

/** A free time as a short clock ("14:00"), with the viewer's clock under it when it differs. */
export function SlotClock({ startsAt }: { startsAt: string }) {
	const { i18n } = useTranslation();
	const viewerZone = useViewerTimeZone();
	return (
		<>
			<span>{formatClock(startsAt, i18n.language)}</span>
			{viewerZone ? (
				<span className="block text-[11px] leading-tight">{formatClock(startsAt, i18n.language, viewerZone)}</span>
			) : null}
		</>
	);
}

/** Says which clock is which under free times, once the viewer's zone is known to differ. */
export function ViewerZoneLegend() {
	const { t } = useTranslation();
	const viewerZone = useViewerTimeZone();
	return viewerZone ? <p className="text-sm text-muted">{t("booking.player.time.legend", { zone: viewerZone })}</p> : null;
}
