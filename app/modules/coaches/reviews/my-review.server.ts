import { db } from "~/lib/db.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { type PublicReview, presentReview } from "./list-reviews.server";
import { editWindowEndsAt, mayEdit, type ReviewableLesson, reviewOfBooking, reviewWindowEndsAt } from "./review-record.server";

/** What the review page shows the player: their review (if any) and what they may still do. */
export interface MyLessonReview {
	review: (PublicReview & { status: "published" | "held" | "hidden"; anonymous: boolean }) | null;
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
	const names = await displayNamesOf(row.anonymous ? [] : [row.playerId]);
	return {
		review: { ...presentReview(row, names), status: row.status, anonymous: row.anonymous },
		mayWrite: false,
		mayEdit: mayEdit(row, now),
		writeUntil: writeUntil.toISOString(),
		editUntil: editWindowEndsAt(row.createdAt).toISOString(),
	};
}
