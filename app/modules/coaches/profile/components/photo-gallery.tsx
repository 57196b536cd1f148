import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PhotoViewer } from "./photo-viewer";

interface GalleryPhoto {
	id: string;
	cardUrl: string;
	fullUrl: string;
}

/**
 * The coach's photos in a row; a tap opens them large in the page (PhotoViewer), and closing it
 * puts focus back on the photo tapped. Without JavaScript the links still open the image.
 */
export function PhotoGallery({ photos, coachName }: { photos: GalleryPhoto[]; coachName: string }) {
	const { t } = useTranslation();
	const [shown, setShown] = useState<number | null>(null);
	const links = useRef<Array<HTMLAnchorElement | null>>([]);
	const opener = useRef<number | null>(null);
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
			<PhotoViewer
				photos={photos}
				shown={shown}
				onShow={setShown}
				// Back to the photo that was tapped, so a keyboard or screen-reader user keeps their place.
				onClose={() => {
					if (opener.current !== null) links.current[opener.current]?.focus();
				}}
				label={t("coaches.profile.viewer", { name: coachName })}
				nameOf={name}
			/>
		</section>
	);
}
