import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PhotoViewer } from "~/modules/coaches/profile/components/photo-viewer";
import type { ReviewPhoto } from "../review-photos.server";

/**
 * A review's approved photos as small thumbnails; a tap opens the same photo viewer as the coach's
 * gallery. Without JavaScript each link opens the large image.
 */
export function ReviewPhotos({ photos }: { photos: ReviewPhoto[] }) {
	const { t } = useTranslation();
	const [shown, setShown] = useState<number | null>(null);
	const links = useRef<Array<HTMLAnchorElement | null>>([]);
	const opener = useRef<number | null>(null);
	if (photos.length === 0) return null;
	const name = (index: number) => t("coaches.reviews.photos.name", { number: index + 1 });
	return (
		<div className="mt-2">
			<ul className="flex flex-wrap gap-2" aria-label={t("coaches.reviews.photos.label")}>
				{photos.map((photo, index) => (
					<li key={photo.id}>
						<a
							href={photo.fullUrl}
							className="block size-20 overflow-hidden rounded-xl bg-cloth-50 ring-1 ring-line sm:size-24"
							data-testid="review-photo"
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
								src={photo.thumbUrl}
								alt={name(index)}
								className="size-full object-cover"
								loading="lazy"
								width={96}
								height={96}
							/>
						</a>
					</li>
				))}
			</ul>
			<PhotoViewer
				photos={photos}
				shown={shown}
				onShow={setShown}
				onClose={() => {
					if (opener.current !== null) links.current[opener.current]?.focus();
				}}
				label={t("coaches.reviews.photos.viewer")}
				nameOf={name}
			/>
		</div>
	);
}
