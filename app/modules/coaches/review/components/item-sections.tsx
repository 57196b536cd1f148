import { useTranslation } from "react-i18next";
import { ItemStatusChip } from "../../application/components/status-chip";
import type { ReviewDetail } from "../get-review-detail.server";
import { ItemDecision, type ReviewActionData } from "./decision-forms";
import { ReviewCard } from "./review-card";

type Application = ReviewDetail["application"];

/** How many items still wait, in the tone of a pending chip. */
function PendingCount({ items, labelKey }: { items: Array<{ status: string }>; labelKey: string }) {
	const { t } = useTranslation();
	const pending = items.filter((item) => item.status === "pending").length;
	if (pending === 0) return null;
	return (
		<span className="inline-flex shrink-0 items-center rounded-full bg-wood-100 px-2.5 py-0.5 text-xs font-medium text-wood-700 ring-1 ring-wood-300 ring-inset">
			{t(labelKey, { count: pending })}
		</span>
	);
}

function Note({ note }: { note: string | null }) {
	const { t } = useTranslation();
	if (!note) return null;
	return <p className="break-words text-xs text-danger">{t("coaching.review.itemNote", { note })}</p>;
}

/** Every photo in a grid with its state; the public sees only approved ones. */
export function PhotosCard({
	photos,
	canDecide,
	actionData,
}: {
	photos: Application["photos"];
	canDecide: boolean;
	actionData: ReviewActionData | undefined;
}) {
	const { t } = useTranslation();
	return (
		<ReviewCard
			id="photos"
			title={t("coaching.review.photos")}
			hint={t("coaching.review.photosHint")}
			aside={<PendingCount items={photos} labelKey="coaching.review.pendingPhotos" />}
		>
			{photos.length > 0 ? (
				<ul className="grid grid-cols-2 items-start gap-3 sm:grid-cols-3 xl:grid-cols-4">
					{photos.map((photo, index) => {
						const subject = t("coaching.review.photoItem", { index: index + 1 });
						return (
							<li key={photo.id} className="flex flex-col overflow-hidden rounded-2xl bg-paper ring-1 ring-line">
								<div className="relative aspect-square bg-cloth-50">
									<a
										href={photo.fullUrl}
										target="_blank"
										rel="noreferrer"
										className="block size-full"
										aria-label={t("coaching.review.openPhoto", { index: index + 1 })}
									>
										<img src={photo.thumbUrl} alt="" loading="lazy" width={240} height={240} className="size-full object-cover" />
									</a>
									<ItemStatusChip status={photo.status} className="pointer-events-none absolute top-2 left-2 shadow-sm" />
								</div>
								<div className="space-y-2 p-2">
									<Note note={photo.status === "rejected" ? photo.reviewNote : null} />
									{canDecide ? (
										<ItemDecision
											intent="photo"
											itemId={photo.id}
											subject={subject}
											status={photo.status}
											actionData={actionData}
											stacked
										/>
									) : null}
								</div>
							</li>
						);
					})}
				</ul>
			) : (
				<p className="flex h-24 items-center justify-center rounded-2xl border border-dashed border-line text-sm text-muted">
					{t("coaching.apply.photos.empty")}
				</p>
			)}
		</ReviewCard>
	);
}

/** Certificates are private: each opens by a short-lived signed URL. */
export function CertificatesCard({
	certificates,
	canDecide,
	actionData,
}: {
	certificates: Application["certificates"];
	canDecide: boolean;
	actionData: ReviewActionData | undefined;
}) {
	const { t } = useTranslation();
	return (
		<ReviewCard
			id="certificates"
			title={t("coaching.review.certificates")}
			hint={t("coaching.review.certificatesHint")}
			aside={<PendingCount items={certificates} labelKey="coaching.review.pendingCertificates" />}
		>
			{certificates.length > 0 ? (
				<ul className="divide-y divide-line">
					{certificates.map((certificate) => {
						const subject = t("coaching.review.certificateItem", { issuer: certificate.issuer, level: certificate.level });
						return (
							<li
								key={certificate.id}
								className="grid gap-3 py-4 first:pt-0 last:pb-0 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-start"
							>
								<div className="flex min-w-0 gap-3">
									<div
										aria-hidden
										className="flex size-16 shrink-0 items-center justify-center overflow-hidden rounded-xl bg-paper ring-1 ring-line"
									>
										{certificate.thumbUrl ? (
											<img
												src={certificate.thumbUrl}
												alt=""
												loading="lazy"
												width={64}
												height={64}
												className="size-full object-cover"
											/>
										) : (
											<span className="text-xs font-semibold text-muted">{t("coaching.review.pdfFile")}</span>
										)}
									</div>
									<div className="min-w-0 space-y-1">
										<div className="flex flex-wrap items-center gap-2">
											<p className="font-medium break-words">{certificate.issuer}</p>
											<ItemStatusChip status={certificate.status} />
										</div>
										<p className="text-sm break-words text-muted">{certificate.level}</p>
										<a
											href={certificate.url}
											target="_blank"
											rel="noreferrer"
											className="inline-block text-sm text-cloth-700 underline underline-offset-2"
										>
											{t("coaching.review.openCertificate")}
											<span className="sr-only"> {subject}</span>
										</a>
										<Note note={certificate.status === "rejected" ? certificate.reviewNote : null} />
									</div>
								</div>
								{canDecide ? (
									<ItemDecision
										intent="certificate"
										itemId={certificate.id}
										subject={subject}
										status={certificate.status}
										actionData={actionData}
									/>
								) : null}
							</li>
						);
					})}
				</ul>
			) : (
				<p className="text-muted">{t("coaching.apply.certificates.empty")}</p>
			)}
		</ReviewCard>
	);
}

/** A new display name of an approved coach: the public keeps the old one until it is approved. */
export function NameChangeCard({
	profile,
	canDecide,
	actionData,
}: {
	profile: Application["profile"];
	canDecide: boolean;
	actionData: ReviewActionData | undefined;
}) {
	const { t } = useTranslation();
	if (!profile.pendingDisplayName) return null;
	return (
		<ReviewCard id="name-change" title={t("coaching.review.nameChange")} aside={<ItemStatusChip status="pending" />}>
			<p className="text-[15px]">
				{t("coaching.review.nameChangeBody", { current: profile.displayName, name: profile.pendingDisplayName })}
			</p>
			{canDecide ? (
				<div className="mt-3 sm:max-w-sm">
					<ItemDecision intent="name" subject={t("coaching.review.items.name")} status="pending" actionData={actionData} />
				</div>
			) : null}
		</ReviewCard>
	);
}

/**
 * The optional intro video, played in place, decided like a photo: private (a signed URL) until
 * approved. The public keeps an earlier approved video while a newer one waits.
 */
export function VideoCard({
	video,
	canDecide,
	actionData,
}: {
	video: Application["introVideo"];
	canDecide: boolean;
	actionData: ReviewActionData | undefined;
}) {
	const { t } = useTranslation();
	return (
		<ReviewCard
			id="video"
			title={t("coaching.review.video")}
			hint={video ? t("coaching.review.videoHint") : undefined}
			aside={video ? <ItemStatusChip status={video.status} /> : null}
		>
			{video ? (
				<div className="space-y-3">
					{/* biome-ignore lint/a11y/useMediaCaption: a coach's own intro clip; no captions exist to offer. */}
					<video
						controls
						preload="metadata"
						src={video.url}
						aria-label={t("coaching.review.video")}
						className="aspect-video w-full rounded-2xl bg-ink"
					>
						{t("coaching.review.videoFallback")}
						<a href={video.url} className="underline">
							{t("coaching.review.downloadVideo")}
						</a>
					</video>
					<Note note={video.status === "rejected" ? video.reviewNote : null} />
					{video.status !== "approved" && video.approvedFileId ? (
						<p className="text-sm text-muted">{t("coaching.review.videoKeepsApproved")}</p>
					) : null}
					{canDecide ? (
						<div className="sm:max-w-sm">
							<ItemDecision
								intent="video"
								itemId={video.fileId}
								subject={t("coaching.review.items.video")}
								status={video.status}
								actionData={actionData}
							/>
						</div>
					) : null}
				</div>
			) : (
				<p className="text-muted">{t("coaching.review.none")}</p>
			)}
		</ReviewCard>
	);
}
