import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatClock } from "./time-format";

/** "Pay by 14:20 (12 min left)": counted from the server's clock, then ticking in the browser. */
export function PayCountdown({ payBy, secondsLeft }: { payBy: string; secondsLeft: number }) {
	const { t, i18n } = useTranslation();
	const [left, setLeft] = useState(secondsLeft);
	useEffect(() => {
		const startedAt = Date.now();
		const timer = setInterval(() => setLeft(Math.max(0, secondsLeft - Math.floor((Date.now() - startedAt) / 1000))), 1000);
		return () => clearInterval(timer);
	}, [secondsLeft]);
	const minutes = Math.floor(left / 60);
	const seconds = String(left % 60).padStart(2, "0");
	return (
		<p className="text-sm text-wood-700" data-testid="pay-countdown">
			{left > 0
				? t("booking.player.pay.countdown", { time: formatClock(payBy, i18n.language), left: `${minutes}:${seconds}` })
				: t("booking.player.pay.lapsed")}
		</p>
	);
}
