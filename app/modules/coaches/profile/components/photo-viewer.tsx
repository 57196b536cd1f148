import { type KeyboardEvent, type TouchEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export interface ViewerPhoto {
	id: string;
	fullUrl: string;
}

/**
 * Photos large in the page (a modal dialog), not the bare image file outside the app. The dialog
 * is the native one: the browser traps focus and Escape closes it; `onClose` lets the opener put
 * focus back on the photo tapped. Arrow keys, a swipe or the buttons move between photos. Used by
 * the coach's gallery and by the photos of reviews, through PhotoStrip.
 */
export function PhotoViewer({
	photos,
	shown,
	onShow,
	onClose,
	label,
	nameOf,
}: {
	photos: ViewerPhoto[];
	/** The index shown, or null when closed. */
	shown: number | null;
	onShow: (index: number | null) => void;
	onClose: () => void;
	label: string;
	nameOf: (index: number) => string;
}) {
	const { t } = useTranslation();
	const dialog = useRef<HTMLDialogElement>(null);
	const touchStartX = useRef<number | null>(null);

	useEffect(() => {
		const element = dialog.current;
		if (!element) return;
		if (shown !== null && !element.open) element.showModal();
		if (shown === null && element.open) element.close();
	}, [shown]);

	const count = photos.length;
	const step = (by: number) => onShow(shown === null ? shown : (shown + by + count) % count);
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

	return (
		<dialog
			ref={dialog}
			aria-label={label}
			onClose={() => {
				onShow(null);
				onClose();
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
					onClick={() => onShow(null)}
					className="flex size-11 items-center justify-center rounded-full text-xl hover:bg-white/10"
					aria-label={t("common.actions.close")}
				>
					<span aria-hidden>✕</span>
				</button>
			</div>
			<div className="relative flex min-h-0 flex-1 items-center justify-center px-2 pb-6">
				{current && shown !== null ? (
					<img src={current.fullUrl} alt={nameOf(shown)} className="max-h-full max-w-full rounded-xl object-contain" />
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
	);
}
