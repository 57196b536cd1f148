import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { attachOwnUnattachedFile } from "~/modules/files/mark-attached.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { publicFileUrl, signedFileUrl } from "~/modules/files/urls.server";
import { lessonReviewPhotos, lessonReviews } from "../../../../db/schema";

/** A review photo as a reader gets it: a thumbnail for the list, the large one for the viewer. */
export interface ReviewPhoto {
	id: string;
	thumbUrl: string;
	fullUrl: string;
}

export type ReviewPhotoStatus = "pending" | "approved" | "rejected";

/** A photo as its author or staff see it: whatever its status, through signed URLs while private. */
export interface OwnReviewPhoto extends ReviewPhoto {
	/** The upload's id: what the edit form sends back in photoFileIds to keep the photo. */
	fileId: string;
	status: ReviewPhotoStatus;
	reviewNote: string | null;
}

const p = lessonReviewPhotos;

const photoNotYours = () =>
	new AppError(422, "validation_failed", "coaches.reviews.errors.photoNotYours", {
		fields: { photoFileIds: "coaches.reviews.errors.photoNotYours" },
	});

/**
 * Attaches the player's uploads to their review, in the order given, after `fromPosition`. Each
 * must be the player's own `review_photo` upload that nothing uses yet: anyone else's file, one
 * already on a review, or an unknown id refuses the whole review (422) and the transaction saves
 * nothing. New photos are pending: private until a moderator approves them.
 */
async function attachPhotos(tx: DbOrTx, input: { reviewId: string; playerId: string; fileIds: string[]; fromPosition: number }) {
	for (const [index, fileId] of input.fileIds.entries()) {
		if (!(await attachOwnUnattachedFile({ fileId, ownerId: input.playerId, kind: "review_photo" }, tx))) throw photoNotYours();
		await tx.insert(p).values({ reviewId: input.reviewId, fileId, position: input.fromPosition + index });
	}
}

export async function addReviewPhotos(tx: DbOrTx, input: { reviewId: string; playerId: string; fileIds: string[] }) {
	await attachPhotos(tx, { ...input, fromPosition: 0 });
}

/**
 * The edit's photos: `fileIds` is the whole new list. Photos left out are removed with their
 * files; kept ones keep their decision; new ones are attached pending. Answers the dropped files,
 * for the caller to delete last in its transaction (storage is not transactional).
 */
export async function replaceReviewPhotos(
	tx: DbOrTx,
	input: { reviewId: string; playerId: string; fileIds: string[] },
): Promise<string[]> {
	const existing = await tx.select().from(p).where(eq(p.reviewId, input.reviewId)).orderBy(asc(p.position));
	const wanted = new Set(input.fileIds);
	const removed = existing.filter((photo) => !wanted.has(photo.fileId));
	if (removed.length > 0) {
		await tx.delete(p).where(
			inArray(
				p.id,
				removed.map((photo) => photo.id),
			),
		);
	}
	const kept = new Set(existing.map((photo) => photo.fileId));
	for (const [position, fileId] of input.fileIds.entries()) {
		if (kept.has(fileId)) await tx.update(p).set({ position, updatedAt: new Date() }).where(eq(p.fileId, fileId));
	}
	const added = input.fileIds.filter((fileId) => !kept.has(fileId));
	for (const fileId of added) {
		if (!(await attachOwnUnattachedFile({ fileId, ownerId: input.playerId, kind: "review_photo" }, tx))) throw photoNotYours();
		await tx.insert(p).values({ reviewId: input.reviewId, fileId, position: input.fileIds.indexOf(fileId) });
	}
	return removed.map((photo) => photo.fileId);
}

/**
 * A photo's file is public exactly while the photo is approved and its review published: hiding
 * or holding a review takes its photos private again, restoring or publishing it shows the
 * approved ones. Storage moves: call it last in the transaction.
 */
export async function syncReviewPhotoVisibility(tx: DbOrTx, reviewId: string): Promise<void> {
	const rows = await tx
		.select({ fileId: p.fileId, status: p.status, reviewStatus: lessonReviews.status })
		.from(p)
		.innerJoin(lessonReviews, eq(lessonReviews.id, p.reviewId))
		.where(eq(p.reviewId, reviewId));
	for (const row of rows) {
		const shown = row.status === "approved" && row.reviewStatus === "published";
		await setFileVisibility(row.fileId, shown ? "public" : "private", tx);
	}
}

const publicPhoto = (photo: { id: string; fileId: string }): ReviewPhoto => ({
	id: photo.id,
	thumbUrl: publicFileUrl(photo.fileId, "thumb"),
	fullUrl: publicFileUrl(photo.fileId, "full"),
});

const signedPhoto = (photo: typeof p.$inferSelect): OwnReviewPhoto => ({
	id: photo.id,
	fileId: photo.fileId,
	status: photo.status,
	reviewNote: photo.reviewNote,
	// Public files have plain URLs; private ones (pending, rejected, or of a hidden review) signed for a while.
	thumbUrl: signedFileUrl(photo.fileId, 3600, "thumb"),
	fullUrl: signedFileUrl(photo.fileId, 3600, "full"),
});

/** The approved photos of published reviews, by review, in the author's order: what everyone sees. */
export async function approvedPhotosOf(reviewIds: string[], tx: DbOrTx): Promise<Map<string, ReviewPhoto[]>> {
	const byReview = new Map<string, ReviewPhoto[]>();
	if (reviewIds.length === 0) return byReview;
	const rows = await tx
		.select({ id: p.id, fileId: p.fileId, reviewId: p.reviewId })
		.from(p)
		.where(and(inArray(p.reviewId, reviewIds), eq(p.status, "approved")))
		.orderBy(asc(p.position));
	for (const row of rows) byReview.set(row.reviewId, [...(byReview.get(row.reviewId) ?? []), publicPhoto(row)]);
	return byReview;
}

/** Every photo of the reviews with its status and signed URLs: for the author's own page and for staff. */
export async function allPhotosOf(reviewIds: string[], tx: DbOrTx): Promise<Map<string, OwnReviewPhoto[]>> {
	const byReview = new Map<string, OwnReviewPhoto[]>();
	if (reviewIds.length === 0) return byReview;
	const rows = await tx.select().from(p).where(inArray(p.reviewId, reviewIds)).orderBy(asc(p.position));
	for (const row of rows) byReview.set(row.reviewId, [...(byReview.get(row.reviewId) ?? []), signedPhoto(row)]);
	return byReview;
}

/** The file ids of a review's photos in order (the edit form starts from them). */
export async function photoFileIdsOf(reviewId: string, tx: DbOrTx): Promise<string[]> {
	const rows = await tx.select({ fileId: p.fileId }).from(p).where(eq(p.reviewId, reviewId)).orderBy(asc(p.position));
	return rows.map((row) => row.fileId);
}
