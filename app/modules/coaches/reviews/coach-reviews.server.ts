import { and, desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { lessonReviews } from "../../../../db/schema";
import { type PublicReview, presentReview } from "./list-reviews.server";
import type { RatingSummary } from "./rating";
import { ratingSummaryOf } from "./ratings.server";

/** The coach's own reviews page: their published reviews newest first (as players see them) and the summary. */
export async function reviewsForCoach(coachId: string, limit = 50): Promise<{ items: PublicReview[]; summary: RatingSummary }> {
	const database = db();
	const [rows, summary] = await Promise.all([
		database
			.select()
			.from(lessonReviews)
			.where(and(eq(lessonReviews.coachId, coachId), eq(lessonReviews.status, "published")))
			.orderBy(desc(lessonReviews.createdAt), desc(lessonReviews.id))
			.limit(limit),
		ratingSummaryOf(coachId, database),
	]);
	const names = await displayNamesOf(rows.filter((row) => !row.anonymous).map((row) => row.playerId));
	return { items: rows.map((row) => presentReview(row, names)), summary };
}
