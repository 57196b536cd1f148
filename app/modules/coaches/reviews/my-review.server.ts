import { db } from "~/lib/db.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { type PublicReview, presentReview } from "./list-reviews.server";
import { allPhotosOf, type OwnReviewPhoto, photoFileIdsOf } from "./review-photos.server";
import { editWindowEndsAt, mayEdit, type ReviewableLesson, reviewOfBooking, reviewWindowEndsAt } from "./review-record.server";

/** What the review page shows the player: their review (if any) and what they may still do. */
export interface MyLessonReview {
	review:
		| (PublicReview & {
				status: "published" | "held" | "hidden";
				anonymous: boolean;
				/** Every photo of theirs with its state (待审核, 已公开, 未通过 and why), for the author only. */
				ownPhotos: OwnReviewPhoto[];
				photoFileIds: string[];
		  })
		| null;
	mayWrite: boolean;
	mayEdit: boolean;
	writeUntil: string;
	editUntil: string | null;
}

export async function myLessonReview(lesson: ReviewableLesson, now = new Date()): Promise<MyLessonReview> {
	const row = await reviewOfBooking(lesson.bookingId, lesson.playerId, db());
	const writeUntil = reviewWindowEndsAt(lesson.completedAt);
	if (!row)
		return { review: null, mayWrite: now <= writeUntil, mayEdit: false, writeUntil: writeUntil.toISOString(), editUntil: null };
	const [names, photos, photoFileIds] = await Promise.all([
		displayNamesOf(row.anonymous ? [] : [row.playerId]),
		allPhotosOf([row.id], db()),
		photoFileIdsOf(row.id, db()),
	]);
	return {
		review: {
			...presentReview(row, names),
			status: row.status,
			anonymous: row.anonymous,
			ownPhotos: photos.get(row.id) ?? [],
			photoFileIds,
		},
		mayWrite: false,
		mayEdit: mayEdit(row, now),
		writeUntil: writeUntil.toISOString(),
		editUntil: editWindowEndsAt(row.createdAt).toISOString(),
	};
}
