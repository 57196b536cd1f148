import { useTranslation } from "react-i18next";
import { formatFen } from "~/lib/money";
import { courseTypeNames } from "~/modules/coaches/catalog";
import { cn } from "~/ui/cn";
import type { BookingStatus } from "../../lifecycle";
import type { BookingView } from "../../present.server";

const tones: Record<BookingStatus, string> = {
	pending_payment: "bg-wood-100 text-wood-700",
	pending_confirmation: "bg-wood-100 text-wood-700 ring-1 ring-wood-300",
	confirmed: "bg-cloth-50 text-cloth-800",
	in_progress: "bg-cloth-700 text-white",
	completed: "bg-slate-100 text-slate-700",
	no_show: "bg-slate-100 text-slate-700",
	disputed: "bg-red-50 text-danger",
	cancelled: "bg-slate-100 text-muted",
	rejected: "bg-slate-100 text-muted",
	expired: "bg-slate-100 text-muted",
};

export function OrderStatus({ status }: { status: BookingStatus }) {
	const { t } = useTranslation();
	return (
		<span className={cn("inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium", tones[status])}>
			{t(`booking.orders.status.${status}`)}
		</span>
	);
}

export function useOrderText() {
	const { t, i18n } = useTranslation();
	const language = i18n.language === "en" ? "en" : "zh-CN";
	return {
		language,
		course: (booking: BookingView) =>
			`${courseTypeNames[booking.courseType][language]} · ${t("booking.orders.minutes", { count: booking.durationMinutes })}`,
		place: (booking: BookingView) =>
			booking.location.kind === "online"
				? t("booking.orders.place.online")
				: booking.location.kind === "address"
					? t("booking.orders.place.address", { address: booking.location.address ?? "" })
					: (booking.location.placeName ?? ""),
		money: (fen: number) => formatFen(fen, language),
	};
}
