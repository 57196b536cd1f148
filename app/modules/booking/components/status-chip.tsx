import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";
import type { BookingStatus } from "../lifecycle";

const tones: Record<BookingStatus, string> = {
	pending_payment: "bg-wood-100 text-wood-700",
	pending_confirmation: "bg-wood-100 text-wood-700",
	confirmed: "bg-cloth-100 text-cloth-800",
	in_progress: "bg-cloth-700 text-white",
	completed: "bg-cloth-50 text-cloth-800",
	expired: "bg-paper text-muted ring-1 ring-line",
	rejected: "bg-red-50 text-danger",
	cancelled: "bg-paper text-muted ring-1 ring-line",
	no_show: "bg-red-50 text-danger",
	disputed: "bg-red-50 text-danger",
};

export function StatusChip({ status }: { status: BookingStatus }) {
	const { t } = useTranslation();
	return (
		<span className={cn("inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium", tones[status])}>
			{t(`booking.player.statuses.${status}`)}
		</span>
	);
}
