import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { sectionComplete } from "../completeness";
import type { ApplicationView } from "../present.server";
import { maxPhotos } from "../schema";
import { fileInputClasses, ListError, SectionCard } from "./section-card";
import { ItemStatusChip } from "./status-chip";

/** Photos, each reviewed before it is public; the coach sees each one's state and the reviewer's note. */
export function PhotosSection({ application, step }: { application: ApplicationView; step: number }) {
	const { t } = useTranslation();
	const form = useFormOutcome(["add-photo", "remove-photo"]);
	const { photos, missing, editable } = application;
	const active = photos.filter((photo) => photo.status !== "rejected").length;
	return (
		<SectionCard
			id="photos"
			step={step}
			title={t("coaching.apply.sections.photos")}
			state={sectionComplete(missing, "photos") ? "done" : "todo"}
		>
			<p className="text-sm text-muted">{t("coaching.apply.photos.hint")}</p>
			{photos.length > 0 ? (
				<ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
					{photos.map((photo, index) => (
						<li key={photo.id} className="overflow-hidden rounded-2xl bg-paper ring-1 ring-line">
							<div className="relative aspect-square">
								<img
									src={photo.thumbUrl}
									alt={t("coaching.apply.photos.alt", { index: index + 1 })}
									className="size-full object-cover"
									loading="lazy"
									width={200}
									height={200}
								/>
								<ItemStatusChip status={photo.status} className="absolute top-2 left-2 shadow-sm" />
							</div>
							<div className="space-y-1 p-2">
								{photo.reviewNote ? (
									<p className="text-xs text-danger">{t("coaching.apply.photos.note", { note: photo.reviewNote })}</p>
								) : null}
								{editable ? (
									<Form method="post">
										<input type="hidden" name="intent" value="remove-photo" />
										<input type="hidden" name="photoId" value={photo.id} />
										<Button
											type="submit"
											variant="ghost"
											size="sm"
											className="w-full"
											busy={form.busy("remove-photo", "photoId", photo.id)}
											aria-label={t("coaching.apply.photos.removeLabel", { index: index + 1 })}
										>
											{t("coaching.apply.photos.remove")}
										</Button>
									</Form>
								) : null}
							</div>
						</li>
					))}
				</ul>
			) : (
				<p className="mt-4 flex h-28 items-center justify-center rounded-2xl border border-dashed border-line text-sm text-muted">
					{t("coaching.apply.photos.empty")}
				</p>
			)}
			<ListError message={form.error("photos")} />
			<FormAlert messageKey={form.formError} params={form.formParams} />
			{editable && active < maxPhotos ? (
				<Form
					// A new key after each save empties the form (with JavaScript the page is not reloaded).
					key={photos.length}
					method="post"
					action="?intent=add-photo"
					encType="multipart/form-data"
					className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
				>
					<input type="hidden" name="intent" value="add-photo" />
					<label className="block flex-1 space-y-1.5">
						<span className="block text-sm font-medium">{t("coaching.apply.photos.upload")}</span>
						<input
							type="file"
							name="photo"
							accept="image/jpeg,image/png,image/webp,image/heic,image/avif"
							required
							className={fileInputClasses}
						/>
					</label>
					<Button type="submit" busy={form.busy("add-photo")}>
						{t("coaching.apply.photos.uploadSubmit")}
					</Button>
				</Form>
			) : null}
		</SectionCard>
	);
}
