import { useTranslation } from "react-i18next";
import { PhotoStrip } from "./photo-strip";

interface GalleryPhoto {
	id: string;
	cardUrl: string;
	fullUrl: string;
}

/** The coach's photos as a row of cards; a tap opens them large in the page (PhotoStrip). */
export function PhotoGallery({ photos, coachName }: { photos: GalleryPhoto[]; coachName: string }) {
	const { t } = useTranslation();
	return (
		<section aria-label={t("coaches.profile.gallery")}>
			<PhotoStrip
				photos={photos.map((photo) => ({ ...photo, previewUrl: photo.cardUrl }))}
				layout="cards"
				nameOf={(index) => t("coaches.profile.photoName", { name: coachName, number: index + 1 })}
				viewerLabel={t("coaches.profile.viewer", { name: coachName })}
			/>
		</section>
	);
}
