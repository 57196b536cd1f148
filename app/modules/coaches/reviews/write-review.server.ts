import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { deleteStoredFile } from "~/modules/files/delete-file.server";
import { recordHits } from "~/modules/moderation/hits.server";
import { forbiddenWordsIn } from "~/modules/moderation/word-matcher.server";
import { lessonReviews } from "../../../../db/schema";
import { countInRating } from "./ratings.server";
import { addReviewPhotos, replaceReviewPhotos, syncReviewPhotoVisibility } from "./review-photos.server";
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

/** The listed forbidden words in what the player wrote (the text and the tags they picked). */
const forbiddenWordsOf = (input: ReviewInput) => forbiddenWordsIn([input.text, ...(input.tags ?? [])]);

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
 * the same transaction, unless it hits the forbidden-word list: then it is held for a moderator
 * (out of the rating) with the words it hit. A second review of the booking is refused (409)
 * whoever races whom.
 */
export async function writeReview(input: { lesson: ReviewableLesson; review: ReviewInput; now?: Date }): Promise<WrittenReview> {
	const now = input.now ?? new Date();
	const { lesson } = input;
	if (now > reviewWindowEndsAt(lesson.completedAt)) {
		throw new AppError(422, "not_reviewable", "coaches.reviews.errors.windowClosed");
	}
	const words = await forbiddenWordsOf(input.review);
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(lessonReviews)
			.values({
				bookingId: lesson.bookingId,
				coachId: lesson.coachId,
				playerId: lesson.playerId,
				lessonCompletedAt: lesson.completedAt,
				status: words.length > 0 ? "held" : "published",
				...columnsOf(input.review),
				createdAt: now,
				updatedAt: now,
			})
			.onConflictDoNothing({ target: lessonReviews.bookingId })
			.returning();
		if (!row) throw alreadyReviewed();
		if (row.status === "published") await countInRating(tx, row.coachId, starsOf(row), 1);
		await recordHits(tx, { kind: "review", id: row.id }, words);
		// Photos wait for a moderator whatever the text's fate: a published review shows none of them yet.
		await addReviewPhotos(tx, { reviewId: row.id, playerId: lesson.playerId, fileIds: input.review.photoFileIds ?? [] });
		return { id: row.id, status: row.status };
	});
}

/**
 * The one edit a player may make, within 7 days of writing: the old stars leave the coach's rating
 * and the new ones join it in the edit's transaction, so the rating never counts both or neither.
 * The edit is checked against the word list again: a hit holds a published review (its stars
 * leave the rating); a held or hidden review keeps its status for the moderator.
 */
export async function editReview(input: { lesson: ReviewableLesson; review: ReviewInput; now?: Date }): Promise<WrittenReview> {
	const now = input.now ?? new Date();
	const words = await forbiddenWordsOf(input.review);
	return db().transaction(async (tx) => {
		const existing = await reviewOfBooking(input.lesson.bookingId, input.lesson.playerId, tx);
		if (!existing) throw notFound("coaches.reviews.errors.notFound");
		const [locked] = await tx.select().from(lessonReviews).where(eq(lessonReviews.id, existing.id)).for("update");
		if (!locked) throw notFound("coaches.reviews.errors.notFound");
		if (!mayEdit(locked, now)) throw new AppError(409, "conflict", "coaches.reviews.errors.noMoreEdits");
		const [edited] = await tx
			.update(lessonReviews)
			.set({
				...columnsOf(input.review),
				...(locked.status === "published" && words.length > 0 ? { status: "held" as const } : {}),
				editedAt: now,
				updatedAt: now,
			})
			.where(eq(lessonReviews.id, locked.id))
			.returning();
		if (!edited) throw notFound("coaches.reviews.errors.notFound");
		if (locked.status === "published") {
			await countInRating(tx, locked.coachId, starsOf(locked), -1);
			if (edited.status === "published") await countInRating(tx, edited.coachId, starsOf(edited), 1);
		}
		await recordHits(tx, { kind: "review", id: edited.id }, words);
		const photoFileIds = input.review.photoFileIds;
		const dropped = photoFileIds
			? await replaceReviewPhotos(tx, { reviewId: edited.id, playerId: input.lesson.playerId, fileIds: photoFileIds })
			: [];
		// Storage last: dropped photos go with their files; an edit that held the review takes its photos private.
		for (const fileId of dropped) await deleteStoredFile(fileId, tx);
		if (edited.status !== locked.status) await syncReviewPhotoVisibility(tx, edited.id);
		return { id: edited.id, status: edited.status };
	});
}
