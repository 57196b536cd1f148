import { type KeyboardEvent, type TouchEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface GalleryPhoto {
	id: string;
	cardUrl: string;
	fullUrl: string;
}

/**
 * The coach's photos in a row; a tap opens them large in the page (a modal dialog), not the bare
 * image file outside the app. The dialog is the native one: the browser traps focus, Escape closes
 * it and focus goes back to the photo tapped. Arrow keys, a swipe or the buttons move between
 * photos. Without JavaScript the links still open the image.
 */
export function PhotoGallery({ photos, coachName }: { photos: GalleryPhoto[]; coachName: string }) {
	const { t } = useTranslation();
	const [shown, setShown] = useState<number | null>(null);
	const dialog = useRef<HTMLDialogElement>(null);
	const touchStartX = useRef<number | null>(null);
	const links = useRef<Array<HTMLAnchorElement | null>>([]);
	const opener = useRef<number | null>(null);

	useEffect(() => {
		const element = dialog.current;
		if (!element) return;
		if (shown !== null && !element.open) element.showModal();
		if (shown === null && element.open) element.close();
	}, [shown]);

	const count = photos.length;
	const step = (by: number) => setShown((index) => (index === null ? index : (index + by + count) % count));
	const onKeyDown = (event: KeyboardEvent) => {
		if (event.key === "ArrowRight") step(1);
		else if (event.key === "ArrowLeft") step(-1);
		else return;
		event.preventDefault();
	};
	const onTouchEnd = (event: TouchEvent) => {
		const start = touchStartX.current;
		touchStartX.current = null;
		const end = event.changedTouches[0]?.clientX;
		if (start === null || end === undefined || Math.abs(end - start) < 40) return;
		step(end < start ? 1 : -1);
	};
	const current = shown === null ? null : photos[shown];
	const name = (index: number) => t("coaches.profile.photoName", { name: coachName, number: index + 1 });

	return (
		<section aria-label={t("coaches.profile.gallery")}>
			<ul className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-2">
				{photos.map((photo, index) => (
					<li key={photo.id} className="w-4/5 shrink-0 snap-center sm:w-72">
						<a
							href={photo.fullUrl}
							className="block overflow-hidden rounded-3xl bg-cloth-50"
							ref={(element) => {
								links.current[index] = element;
							}}
							onClick={(event) => {
								event.preventDefault();
								opener.current = index;
								setShown(index);
							}}
						>
							<img
								src={photo.cardUrl}
								alt={name(index)}
								className="aspect-[4/3] w-full object-cover"
								loading={index === 0 ? "eager" : "lazy"}
								width={600}
								height={450}
							/>
						</a>
					</li>
				))}
			</ul>
			<dialog
				ref={dialog}
				aria-label={t("coaches.profile.viewer", { name: coachName })}
				onClose={() => {
					setShown(null);
					// Back to the photo that was tapped, so a keyboard or screen-reader user keeps their place.
					if (opener.current !== null) links.current[opener.current]?.focus();
				}}
				onKeyDown={onKeyDown}
				onTouchStart={(event) => {
					touchStartX.current = event.touches[0]?.clientX ?? null;
				}}
				onTouchEnd={onTouchEnd}
				className="m-0 h-dvh max-h-none w-screen max-w-none bg-ink/95 p-0 text-white backdrop:bg-ink/80 open:flex open:flex-col"
			>
				<div className="flex shrink-0 items-center justify-between px-4 py-3">
					<p aria-live="polite" className="text-sm tabular-nums">
						{shown === null ? "" : t("coaches.profile.photoPosition", { number: shown + 1, count })}
					</p>
					<button
						type="button"
						onClick={() => setShown(null)}
						className="flex size-11 items-center justify-center rounded-full text-xl hover:bg-white/10"
						aria-label={t("common.actions.close")}
					>
						<span aria-hidden>✕</span>
					</button>
				</div>
				<div className="relative flex min-h-0 flex-1 items-center justify-center px-2 pb-6">
					{current && shown !== null ? (
						<img src={current.fullUrl} alt={name(shown)} className="max-h-full max-w-full rounded-xl object-contain" />
					) : null}
					{count > 1 ? (
						<>
							<button
								type="button"
								onClick={() => step(-1)}
								className="absolute left-2 flex size-11 items-center justify-center rounded-full bg-black/40 text-2xl hover:bg-black/60"
								aria-label={t("coaches.profile.previousPhoto")}
							>
								<span aria-hidden>‹</span>
							</button>
							<button
								type="button"
								onClick={() => step(1)}
								className="absolute right-2 flex size-11 items-center justify-center rounded-full bg-black/40 text-2xl hover:bg-black/60"
								aria-label={t("coaches.profile.nextPhoto")}
							>
								<span aria-hidden>›</span>
							</button>
						</>
					) : null}
				</div>
			</dialog>
		</section>
	);
}
