import { useTranslation } from "react-i18next";
import { PhotoStrip } from "~/modules/coaches/profile/components/photo-strip";
import type { ReviewPhoto } from "../review-photos.server";

/**
 * A review's approved photos as small thumbnails; a tap opens the same photo viewer as the coach's
 * gallery (the same PhotoStrip, in its thumbnail layout).
 */
export function ReviewPhotos({ photos }: { photos: ReviewPhoto[] }) {
	const { t } = useTranslation();
	if (photos.length === 0) return null;
	return (
		<div className="mt-2">
			<PhotoStrip
				photos={photos.map((photo) => ({ ...photo, previewUrl: photo.thumbUrl }))}
				layout="thumbnails"
				nameOf={(index) => t("coaches.reviews.photos.name", { number: index + 1 })}
				viewerLabel={t("coaches.reviews.photos.viewer")}
				listLabel={t("coaches.reviews.photos.label")}
				linkTestId="review-photo"
			/>
		</div>
	);
}
