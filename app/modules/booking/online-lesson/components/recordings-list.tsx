import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";
import { Dialog } from "~/ui/dialog";
import { formatDateTime } from "../../components/time-format";
import { type LessonRecordingItem, recordingApi } from "./recording-api";

/**
 * The lesson's recordings on the booking's page, for its player and coach: a player for each one
 * (its link is signed and short-lived, fetched when the page opens), when it will be deleted, and
 * deletion behind a confirmation. Nothing shows for a lesson that was never recorded.
 */
export function RecordingsList({ bookingId }: { bookingId: string }) {
	const { t, i18n } = useTranslation();
	const [recordings, setRecordings] = useState<LessonRecordingItem[] | null>(null);
	const [confirming, setConfirming] = useState<LessonRecordingItem | null>(null);
	const [problem, setProblem] = useState<string | null>(null);
	const [notice, setNotice] = useState<string | null>(null);
	const load = useCallback(async () => {
		const answer = await recordingApi<{ recordings: LessonRecordingItem[] }>("GET", `/bookings/${bookingId}/recordings`);
		if (answer.ok) setRecordings(answer.value.recordings);
	}, [bookingId]);
	useEffect(() => {
		void load();
	}, [load]);

	const remove = async (recording: LessonRecordingItem) => {
		setProblem(null);
		const answer = await recordingApi("DELETE", `/bookings/${bookingId}/recordings/${recording.id}`);
		setConfirming(null);
		if (!answer.ok) return setProblem(answer.message || t("booking.online.recording.errors.failed"));
		setNotice(t("booking.online.recording.deleted"));
		await load();
	};

	if (!recordings || (recordings.length === 0 && !notice)) return null;
	const at = (iso: string) => formatDateTime(iso, i18n.language);
	return (
		<section className="space-y-3 rounded-3xl bg-white p-4 shadow-(--shadow-card) sm:p-5" data-testid="lesson-recordings">
			<h2 className="text-lg font-semibold">{t("booking.online.recording.listTitle")}</h2>
			{notice ? (
				<p role="status" className="text-sm text-cloth-700">
					{notice}
				</p>
			) : null}
			{problem ? (
				<p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-danger">
					{problem}
				</p>
			) : null}
			{recordings.length === 0 ? <p className="text-sm text-muted">{t("booking.online.recording.empty")}</p> : null}
			<ul className="space-y-4">
				{recordings.map((recording) => (
					<li key={recording.id} className="space-y-2" data-testid="lesson-recording">
						{recording.watch ? (
							// biome-ignore lint/a11y/useMediaCaption: a recording of a video call has no caption track to offer.
							<video
								controls
								preload="metadata"
								src={recording.watch.url}
								className="aspect-video w-full rounded-2xl bg-ink"
								aria-label={t("booking.online.recording.player")}
							/>
						) : null}
						<div className="flex flex-wrap items-center justify-between gap-2 text-sm">
							<div>
								<p className="font-medium">
									<time dateTime={recording.startedAt}>{at(recording.startedAt)}</time>
									{recording.durationSeconds !== null
										? ` · ${t("booking.online.recording.duration", {
												minutes: Math.floor(recording.durationSeconds / 60),
												seconds: recording.durationSeconds % 60,
											})}`
										: null}
								</p>
								<p className="text-muted">
									{recording.status === "ready" && recording.deleteAfter
										? t("booking.online.recording.deleteAfter", { date: at(recording.deleteAfter) })
										: t(
												recording.status === "failed"
													? "booking.online.recording.statusFailed"
													: "booking.online.recording.statusRecording",
											)}
								</p>
							</div>
							{recording.status !== "recording" ? (
								<Button variant="secondary" size="sm" onClick={() => setConfirming(recording)} data-testid="recording-delete">
									{t("booking.online.recording.delete")}
								</Button>
							) : null}
						</div>
					</li>
				))}
			</ul>
			<Dialog
				open={confirming !== null}
				onClose={() => setConfirming(null)}
				title={t("booking.online.recording.confirmTitle")}
				footer={
					<div className="flex justify-end gap-2">
						<Button variant="secondary" onClick={() => setConfirming(null)}>
							{t("booking.online.recording.cancel")}
						</Button>
						<Button variant="danger" onClick={() => confirming && void remove(confirming)} data-testid="recording-delete-confirm">
							{t("booking.online.recording.confirmDelete")}
						</Button>
					</div>
				}
			>
				<p>{t("booking.online.recording.confirmBody")}</p>
			</Dialog>
		</section>
	);
}
