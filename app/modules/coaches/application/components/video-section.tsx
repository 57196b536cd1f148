import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { useFormOutcome } from "~/ui/use-form-outcome";
import type { ApplicationView } from "../present.server";
import { fileInputClasses, SectionCard } from "./section-card";
import { ItemStatusChip } from "./status-chip";

/**
 * An optional short introduction video (MP4), shown on the public profile once a reviewer
 * approves it; the coach sees its state and the reviewer's note, as for a photo.
 */
export function VideoSection({ application, step }: { application: ApplicationView; step: number }) {
	const { t } = useTranslation();
	const form = useFormOutcome(["set-video", "remove-video"]);
	const { introVideo, editable } = application;
	return (
		<SectionCard id="video" step={step} title={t("coaching.apply.sections.video")} state={introVideo ? "done" : "optional"}>
			<p className="text-sm text-muted">{t("coaching.apply.video.hint")}</p>
			{introVideo ? (
				<div className="mt-4 space-y-3">
					<div className="relative">
						{/* biome-ignore lint/a11y/useMediaCaption: the coach's own introduction has no caption track to offer */}
						<video
							src={introVideo.url}
							controls
							preload="metadata"
							aria-label={t("coaching.apply.sections.video")}
							className="aspect-video w-full rounded-2xl bg-ink"
						/>
						<ItemStatusChip status={introVideo.status} className="pointer-events-none absolute top-2 left-2 shadow-sm" />
					</div>
					{introVideo.status === "rejected" && introVideo.reviewNote ? (
						<p className="text-sm text-danger">{t("coaching.apply.video.note", { note: introVideo.reviewNote })}</p>
					) : null}
					{introVideo.status !== "approved" && introVideo.approvedFileId ? (
						<p className="text-sm text-muted">{t("coaching.apply.video.keepsApproved")}</p>
					) : null}
					{editable ? (
						<Form method="post">
							<input type="hidden" name="intent" value="remove-video" />
							<Button type="submit" variant="ghost" size="sm" busy={form.busy("remove-video")}>
								{t("coaching.apply.video.remove")}
							</Button>
						</Form>
					) : null}
				</div>
			) : (
				<p className="mt-4 flex h-16 items-center justify-center rounded-2xl border border-dashed border-line text-sm text-muted">
					{t("coaching.apply.video.empty")}
				</p>
			)}
			<FormAlert messageKey={form.formError} params={form.formParams} />
			{editable ? (
				<Form
					// A new key after each save empties the form (with JavaScript the page is not reloaded).
					key={introVideo?.fileId ?? "none"}
					method="post"
					action="?intent=set-video"
					encType="multipart/form-data"
					className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
				>
					<input type="hidden" name="intent" value="set-video" />
					<div className="flex-1">
						<Field label={t("coaching.apply.video.file")} error={form.error("video")}>
							{(wiring) => <input {...wiring} type="file" name="video" accept="video/mp4" className={fileInputClasses} />}
						</Field>
					</div>
					<Button type="submit" variant="secondary" busy={form.busy("set-video")}>
						{t("coaching.apply.video.upload")}
					</Button>
				</Form>
			) : null}
		</SectionCard>
	);
}
