import { readFile } from "node:fs/promises";
import { db } from "~/lib/db.server";
import { decideReviewPhoto } from "~/modules/coaches/reviews/decide-review-photo.server";
import { allPhotosOf } from "~/modules/coaches/reviews/review-photos.server";
import { saveUpload } from "~/modules/files/save-upload.server";

/**
 * A practice table seen from above, a 640×480 JPEG of about 8 KB made once and committed: drawing
 * an image at every start is what makes the demo seed slow, reading 8 KB is not.
 */
const practiceTable = new URL("./assets/practice-table.jpg", import.meta.url);

/** The reviewer's own upload, private and unattached, exactly as the review form's picker leaves it. */
export async function uploadDemoReviewPhoto(playerId: string): Promise<string> {
	const file = await saveUpload({ ownerId: playerId, kind: "review_photo", bytes: await readFile(practiceTable) });
	return file.id;
}

/**
 * The back office approves the review's photos through the moderation service (audited, the
 * author told, the file made public), so the profile shows them as it would after a real review.
 */
export async function approveDemoReviewPhotos(input: { reviewId: string; staffId: string }): Promise<void> {
	const photos = (await allPhotosOf([input.reviewId], db())).get(input.reviewId) ?? [];
	for (const photo of photos) {
		await decideReviewPhoto({ staffId: input.staffId, reviewId: input.reviewId, photoId: photo.id, decision: "approve" });
	}
}
