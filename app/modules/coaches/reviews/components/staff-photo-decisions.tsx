import { useTranslation } from "react-i18next";
import type { FormErrors } from "~/lib/form.server";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { StaffReview } from "../moderate-review.server";

export type PhotoOutcome = { errors: FormErrors; photoId?: string; reason?: string };

/**
 * A review's photos in the back office, each with its state: a pending (or earlier decided) photo
 * is approved, or rejected with the reason the player is told. The images are private until
 * approved, so they arrive through signed URLs.
 */
export function StaffPhotoDecisions({
	review,
	outcome,
	submitting,
}: {
	review: StaffReview;
	outcome?: PhotoOutcome;
	submitting: boolean;
}) {
	const { t } = useTranslation();
	if (review.allPhotos.length === 0) return null;
	return (
		<section className="mt-3 rounded-2xl border border-line p-3 text-sm" aria-label={t("coaches.reviews.admin.photosTitle")}>
			<h3 className="text-xs font-medium text-muted">{t("coaches.reviews.admin.photosTitle")}</h3>
			<ul className="mt-2 grid gap-3 sm:grid-cols-2">
				{review.allPhotos.map((photo, index) => {
					const mine = outcome?.photoId === photo.id ? outcome : undefined;
					const reasonError = mine?.errors.fields?.reason ? t(mine.errors.fields.reason) : null;
					return (
						<li key={photo.id} className="flex gap-3" data-testid="staff-review-photo" data-status={photo.status}>
							<a href={photo.fullUrl} target="_blank" rel="noreferrer" className="shrink-0">
								<img
									src={photo.thumbUrl}
									alt={t("coaches.reviews.photos.name", { number: index + 1 })}
									className="size-24 rounded-xl object-cover ring-1 ring-line"
								/>
							</a>
							<form method="post" className="min-w-0 flex-1 space-y-1.5">
								<input type="hidden" name="intent" value="photo" />
								<input type="hidden" name="reviewId" value={review.id} />
								<input type="hidden" name="photoId" value={photo.id} />
								<p className="text-xs">
									{t(`coaches.reviews.write.photoStatus.${photo.status}`)}
									{photo.reviewNote ? ` · ${photo.reviewNote}` : ""}
								</p>
								<FormAlert messageKey={mine?.errors.formError} params={mine?.errors.params} />
								<label className="block">
									<span className="block text-xs font-medium">{t("coaches.reviews.admin.photoReasonLabel")}</span>
									<input
										name="reason"
										defaultValue={mine?.reason ?? ""}
										aria-invalid={reasonError ? true : undefined}
										className="mt-1 block w-full rounded-xl border border-line bg-white px-3 py-1.5 text-base focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200"
									/>
									{reasonError ? (
										<span role="alert" className="mt-1 block text-danger">
											{reasonError}
										</span>
									) : null}
								</label>
								<div className="flex gap-2">
									{photo.status !== "approved" ? (
										<Button type="submit" name="decision" value="approve" size="sm" variant="secondary" disabled={submitting}>
											{t("coaches.reviews.admin.photoApprove")}
										</Button>
									) : null}
									{photo.status !== "rejected" ? (
										<Button type="submit" name="decision" value="reject" size="sm" variant="secondary" disabled={submitting}>
											{t("coaches.reviews.admin.photoReject")}
										</Button>
									) : null}
								</div>
							</form>
						</li>
					);
				})}
			</ul>
		</section>
	);
}
