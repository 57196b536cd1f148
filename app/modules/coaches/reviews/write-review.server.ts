import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { lessonReviews } from "../../../../db/schema";
import { countInRating } from "./ratings.server";
import {
	alreadyReviewed,
	mayEdit,
	type ReviewableLesson,
	reviewOfBooking,
	reviewWindowEndsAt,
	starsOf,
} from "./review-record.server";
import type { ReviewInput } from "./schema";

export interface WrittenReview {
	id: string;
	status: "published" | "held" | "hidden";
}

const columnsOf = (input: ReviewInput) => ({
	overall: input.overall,
	attitude: input.aspects.attitude,
	skill: input.aspects.skill,
	service: input.aspects.service,
	tags: [...new Set(input.tags ?? [])],
	text: input.text ?? null,
	anonymous: input.anonymous,
});

/**
 * The player reviews their completed lesson (the facts from booking's `reviewableLesson`): once per
 * booking, within 14 days of completion. Published at once and counted in the coach's rating in
 * the same transaction; a second review of the booking is refused (409) whoever races whom.
 */
export async function writeReview(input: { lesson: ReviewableLesson; review: ReviewInput; now?: Date }): Promise<WrittenReview> {
	const now = input.now ?? new Date();
	const { lesson } = input;
	if (now > reviewWindowEndsAt(lesson.completedAt)) {
		throw new AppError(422, "not_reviewable", "coaches.reviews.errors.windowClosed");
	}
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(lessonReviews)
			.values({
				bookingId: lesson.bookingId,
				coachId: lesson.coachId,
				playerId: lesson.playerId,
				lessonCompletedAt: lesson.completedAt,
				status: "published",
				...columnsOf(input.review),
				createdAt: now,
				updatedAt: now,
			})
			.onConflictDoNothing({ target: lessonReviews.bookingId })
			.returning();
		if (!row) throw alreadyReviewed();
		await countInRating(tx, row.coachId, starsOf(row), 1);
		return { id: row.id, status: row.status };
	});
}

/**
 * The one edit a player may make, within 7 days of writing: the old stars leave the coach's rating
 * and the new ones join it in the edit's transaction, so the rating never counts both or neither.
 */
export async function editReview(input: { lesson: ReviewableLesson; review: ReviewInput; now?: Date }): Promise<WrittenReview> {
	const now = input.now ?? new Date();
	return db().transaction(async (tx) => {
		const existing = await reviewOfBooking(input.lesson.bookingId, input.lesson.playerId, tx);
		if (!existing) throw notFound("coaches.reviews.errors.notFound");
		const [locked] = await tx.select().from(lessonReviews).where(eq(lessonReviews.id, existing.id)).for("update");
		if (!locked) throw notFound("coaches.reviews.errors.notFound");
		if (!mayEdit(locked, now)) throw new AppError(409, "conflict", "coaches.reviews.errors.noMoreEdits");
		const [edited] = await tx
			.update(lessonReviews)
			.set({ ...columnsOf(input.review), editedAt: now, updatedAt: now })
			.where(eq(lessonReviews.id, locked.id))
			.returning();
		if (!edited) throw notFound("coaches.reviews.errors.notFound");
		if (locked.status === "published") {
			await countInRating(tx, locked.coachId, starsOf(locked), -1);
			await countInRating(tx, edited.coachId, starsOf(edited), 1);
		}
		return { id: edited.id, status: edited.status };
	});
}
