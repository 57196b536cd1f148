import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";
import { formatDateTime } from "../../components/time-format";
import { type RecordingState, recordingApi } from "./recording-api";

/** How often the panel asks for the other side's answer and whether a recording runs (a short poll, see decision 022). */
const pollMs = 4000;

/**
 * Recording with consent, above the call: each side's "I agree" with what it means, the other
 * side's answer, the coach's start and stop, and the "recording" mark everybody in the room sees.
 * It asks the server every few seconds rather than relying on the video connection, so it is right
 * before anyone joins the call and after a reconnect.
 */
export function RecordingPanel({
	bookingId,
	otherName,
	retentionDays,
}: {
	bookingId: string;
	otherName: string;
	retentionDays: number;
}) {
	const { t, i18n } = useTranslation();
	const [state, setState] = useState<RecordingState | null>(null);
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<string | null>(null);
	const path = `/bookings/${bookingId}`;

	const refresh = useCallback(async () => {
		const answer = await recordingApi<RecordingState>("GET", `${path}/recording-consent`);
		if (answer.ok) setState(answer.value);
	}, [path]);
	useEffect(() => {
		void refresh();
		const timer = setInterval(() => void refresh(), pollMs);
		return () => clearInterval(timer);
	}, [refresh]);

	const act = async (method: "POST", to: string, body: unknown) => {
		setBusy(true);
		setProblem(null);
		const answer = await recordingApi<RecordingState>(method, to, body);
		setBusy(false);
		if (answer.ok) setState(answer.value);
		else setProblem(answer.message || t("booking.online.recording.errors.failed"));
	};

	if (!state) return null;
	const mine = state.consents[state.party]?.agreed ?? false;
	const theirs = state.consents[state.party === "coach" ? "player" : "coach"]?.agreed ?? false;
	const recording = state.recording;
	return (
		<section className="space-y-3 rounded-3xl bg-white p-4 shadow-(--shadow-card) sm:p-5" data-testid="recording-panel">
			<div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
				<h2 className="shrink-0 font-semibold">{t("booking.online.recording.title")}</h2>
				{recording?.stopping ? (
					<p
						role="status"
						className="rounded-full bg-paper px-3 py-1 text-sm font-semibold text-ink"
						data-testid="recording-saving"
					>
						{t("booking.online.recording.saving")}
					</p>
				) : recording ? (
					<p
						role="status"
						className="flex items-center gap-2 rounded-full bg-red-50 px-3 py-1 text-sm font-semibold text-danger"
						data-testid="recording-live"
					>
						<span aria-hidden className="size-2.5 animate-pulse rounded-full bg-danger" />
						{t("booking.online.recording.liveSince", { time: formatDateTime(recording.startedAt, i18n.language) })}
					</p>
				) : null}
			</div>
			<p className="text-sm text-muted">{t("booking.online.recording.explain", { other: otherName, days: retentionDays })}</p>
			<label className="flex min-h-12 cursor-pointer items-center gap-3 rounded-2xl bg-paper px-4 py-3">
				<input
					type="checkbox"
					className="size-5 accent-cloth-700"
					checked={mine}
					// Withdrawing is refused while a recording runs: the coach stops it first.
					disabled={busy || (mine && recording !== null)}
					onChange={(event) => void act("POST", `${path}/recording-consent`, { consent: event.target.checked })}
					data-testid="recording-consent"
				/>
				<span className="font-medium">{t("booking.online.recording.agree")}</span>
			</label>
			<ul className="grid grid-cols-2 gap-2 text-sm" data-testid="recording-consents">
				<li className="rounded-xl bg-paper px-3 py-2">
					{t("booking.online.recording.you")}：
					<strong className={mine ? "text-cloth-700" : "text-muted"}>
						{t(mine ? "booking.online.recording.yes" : "booking.online.recording.no")}
					</strong>
				</li>
				<li className="rounded-xl bg-paper px-3 py-2" data-testid="recording-other-consent">
					{otherName}：
					<strong className={theirs ? "text-cloth-700" : "text-muted"}>
						{t(theirs ? "booking.online.recording.yes" : "booking.online.recording.no")}
					</strong>
				</li>
			</ul>
			{problem ? (
				<p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-danger">
					{problem}
				</p>
			) : null}
			{recording?.stopping ? (
				<p className="text-sm text-muted">{t("booking.online.recording.savingHint")}</p>
			) : state.party === "coach" ? (
				recording ? (
					<Button
						variant="danger"
						className="w-full"
						busy={busy}
						onClick={() => void act("POST", `${path}/recording`, { action: "stop" })}
					>
						{t("booking.online.recording.stop")}
					</Button>
				) : (
					<Button
						className="w-full"
						disabled={!state.canStart || busy}
						onClick={() => void act("POST", `${path}/recording`, { action: "start" })}
						data-testid="recording-start"
					>
						{t("booking.online.recording.start")}
					</Button>
				)
			) : null}
			{!recording ? (
				<p className="text-sm text-muted">
					{t(state.bothAgreed ? "booking.online.recording.coachStarts" : "booking.online.recording.waiting")}
				</p>
			) : null}
		</section>
	);
}
