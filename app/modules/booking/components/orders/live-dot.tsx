import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";

/** Says the page updates by itself, and goes grey while the feed reconnects (or before JavaScript). */
export function LiveDot({ live }: { live: boolean }) {
	const { t } = useTranslation();
	return (
		<span className="inline-flex items-center gap-1.5 text-sm text-muted" data-live={live ? "on" : "off"}>
			<span aria-hidden className={cn("size-2 rounded-full", live ? "animate-pulse bg-cloth-600" : "bg-slate-300")} />
			{t("booking.orders.live")}
		</span>
	);
}
