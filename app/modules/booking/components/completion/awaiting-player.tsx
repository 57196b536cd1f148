import { useTranslation } from "react-i18next";
import { formatDateTime } from "../time-format";

/** The coach's view of a lesson under way that waits for the player: when it completes by itself. */
export function AwaitingPlayer({ finished, autoCompletesAt }: { finished: boolean; autoCompletesAt: string }) {
	const { t, i18n } = useTranslation();
	return (
		<p className="rounded-xl bg-cloth-50 px-3 py-2 text-sm font-medium text-cloth-900" data-testid="awaiting-player">
			{t(finished ? "booking.completion.state.awaiting" : "booking.completion.state.awaitingUnfinished", {
				time: formatDateTime(autoCompletesAt, i18n.language),
			})}
		</p>
	);
}
