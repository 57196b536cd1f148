import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { maxReviewPhotos } from "../schema";

/** A photo on the form: one already on the review, or one being uploaded from this device. */
interface PickedPhoto {
	key: string;
	fileId: string | null;
	previewUrl: string;
	progress: number;
	error: string | null;
	status?: "pending" | "approved" | "rejected";
	note?: string | null;
}

export interface InitialPhoto {
	fileId: string;
	thumbUrl: string;
	status: "pending" | "approved" | "rejected";
	reviewNote: string | null;
}

/**
 * The review form's photos on a phone: pick several, see each as a thumbnail with its upload
 * progress, remove any. Each file goes up at once through the upload API (`POST
 * /api/v1/files?kind=review_photo`, the page's own session) and its id rides along with the form
 * as a hidden `photoFileIds` field; the review's action attaches them. Reports whether an upload
 * is still running, so the page can hold the submit until it is done.
 */
export function ReviewPhotoPicker({
	initial,
	error,
	onBusyChange,
}: {
	initial: InitialPhoto[];
	error: string | null;
	onBusyChange: (busy: boolean) => void;
}) {
	const { t } = useTranslation();
	const [photos, setPhotos] = useState<PickedPhoto[]>(() =>
		initial.map((photo) => ({
			key: photo.fileId,
			fileId: photo.fileId,
			previewUrl: photo.thumbUrl,
			progress: 100,
			error: null,
			status: photo.status,
			note: photo.reviewNote,
		})),
	);
	const input = useRef<HTMLInputElement>(null);
	const busy = photos.some((photo) => photo.fileId === null && photo.error === null);
	useEffect(() => onBusyChange(busy), [busy, onBusyChange]);

	const update = (key: string, change: Partial<PickedPhoto>) =>
		setPhotos((list) => list.map((photo) => (photo.key === key ? { ...photo, ...change } : photo)));

	const upload = (file: File, key: string) => {
		const request = new XMLHttpRequest();
		request.open("POST", "/api/v1/files?kind=review_photo");
		request.setRequestHeader("content-type", file.type || "application/octet-stream");
		request.upload.onprogress = (event) => {
			if (event.lengthComputable) update(key, { progress: Math.round((event.loaded / event.total) * 100) });
		};
		request.onload = () => {
			let body: { id?: string; error?: { message?: string } } = {};
			try {
				body = JSON.parse(request.responseText);
			} catch {}
			if (request.status === 201 && body.id) update(key, { fileId: body.id, progress: 100 });
			else update(key, { error: body.error?.message ?? t("errors.internal") });
		};
		request.onerror = () => update(key, { error: t("errors.serviceUnavailable") });
		request.send(file);
	};

	const pick = (files: FileList | null) => {
		if (!files) return;
		const room = maxReviewPhotos - photos.length;
		const chosen = [...files].slice(0, Math.max(0, room));
		const added = chosen.map((file, index) => ({
			file,
			photo: {
				key: `${Date.now()}-${index}-${file.name}`,
				fileId: null,
				previewUrl: URL.createObjectURL(file),
				progress: 0,
				error: null,
			} satisfies PickedPhoto,
		}));
		setPhotos((list) => [...list, ...added.map((each) => each.photo)]);
		for (const each of added) upload(each.file, each.photo.key);
		if (input.current) input.current.value = "";
	};

	const full = photos.length >= maxReviewPhotos;
	return (
		<fieldset>
			<legend className="text-sm font-medium">{t("coaches.reviews.write.photosLabel")}</legend>
			<p className="mt-0.5 text-sm text-muted">{t("coaches.reviews.write.photosHint")}</p>
			{photos.length > 0 ? (
				<ul className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-6" data-testid="picked-photos">
					{photos.map((photo, index) => (
						<li key={photo.key} className="relative overflow-hidden rounded-xl bg-paper ring-1 ring-line">
							<img
								src={photo.previewUrl}
								alt={t("coaches.reviews.photos.name", { number: index + 1 })}
								className="aspect-square w-full object-cover"
							/>
							{photo.fileId ? <input type="hidden" name="photoFileIds" value={photo.fileId} /> : null}
							{photo.fileId === null && photo.error === null ? (
								<div className="absolute inset-x-1 bottom-1">
									<div
										role="progressbar"
										aria-valuenow={photo.progress}
										aria-valuemin={0}
										aria-valuemax={100}
										aria-label={t("coaches.reviews.write.photoUploading", { progress: photo.progress })}
										className="h-1.5 overflow-hidden rounded-full bg-white/70"
									>
										<div className="h-full bg-cloth-600" style={{ width: `${photo.progress}%` }} />
									</div>
								</div>
							) : null}
							{photo.status ? (
								<span className="absolute top-1 left-1 rounded-full bg-white/90 px-1.5 py-0.5 text-[11px] font-medium">
									{t(`coaches.reviews.write.photoStatus.${photo.status}`)}
								</span>
							) : null}
							<button
								type="button"
								onClick={() => setPhotos((list) => list.filter((each) => each.key !== photo.key))}
								className="absolute top-1 right-1 flex size-8 items-center justify-center rounded-full bg-ink/70 text-sm text-white"
								aria-label={t("coaches.reviews.write.photoRemoveLabel", { number: index + 1 })}
							>
								<span aria-hidden>✕</span>
							</button>
							{photo.error ? (
								<p role="alert" className="bg-white p-1 text-xs text-danger">
									{t("coaches.reviews.write.photoFailed", { message: photo.error })}
								</p>
							) : null}
							{photo.status === "rejected" && photo.note ? (
								<p className="bg-white p-1 text-xs text-danger">
									{t("coaches.reviews.write.photoRejected", { note: photo.note })}
								</p>
							) : null}
						</li>
					))}
				</ul>
			) : null}
			{full ? (
				<p className="mt-2 text-sm text-muted">{t("coaches.reviews.write.photosFull")}</p>
			) : (
				<label className="mt-2 inline-flex h-11 cursor-pointer items-center gap-2 rounded-full bg-white px-4 text-sm font-medium ring-1 ring-inset ring-line hover:bg-paper focus-within:ring-2 focus-within:ring-cloth-500">
					<span aria-hidden>＋</span>
					{t("coaches.reviews.write.photosPick")}
					<input
						ref={input}
						type="file"
						accept="image/jpeg,image/png,image/webp,image/heic,image/avif"
						multiple
						className="sr-only"
						data-testid="review-photo-input"
						onChange={(event) => pick(event.target.files)}
					/>
				</label>
			)}
			{error ? (
				<p role="alert" className="mt-1 text-sm text-danger">
					{error}
				</p>
			) : null}
		</fieldset>
	);
}

/** The author's own photos under their review, each with its state: 待审核, 已公开, or 未通过 and why. */
export function OwnReviewPhotoList({ photos }: { photos: Array<InitialPhoto & { id: string }> }) {
	const { t } = useTranslation();
	if (photos.length === 0) return null;
	return (
		<ul className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label={t("coaches.reviews.photos.label")}>
			{photos.map((photo, index) => (
				<li key={photo.id} className="overflow-hidden rounded-xl bg-paper ring-1 ring-line" data-status={photo.status}>
					<img
						src={photo.thumbUrl}
						alt={t("coaches.reviews.photos.name", { number: index + 1 })}
						className="aspect-square w-full object-cover"
					/>
					<p className={photo.status === "rejected" ? "p-1 text-xs text-danger" : "p-1 text-xs text-muted"}>
						{photo.status === "rejected" && photo.reviewNote
							? t("coaches.reviews.write.photoRejected", { note: photo.reviewNote })
							: t(`coaches.reviews.write.photoStatus.${photo.status}`)}
					</p>
				</li>
			))}
		</ul>
	);
}
