import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { notify } from "~/modules/accounts/notifications.server";
import { lessonReviewPhotos, lessonReviews } from "../../../../db/schema";
import type { ReviewPhotoStatus } from "./review-photos.server";
import { syncReviewPhotoVisibility } from "./review-photos.server";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff approve a review photo (it becomes public while its review is published) or reject it with
 * a reason (it stays private and the player is told why). Audited; the player hears of either.
 * A rejected photo may still be approved on second thought, and an approved one rejected.
 */
export async function decideReviewPhoto(input: {
	staffId: string;
	reviewId: string;
	photoId: string;
	decision: "approve" | "reject";
	reason?: string;
}): Promise<{ id: string; status: ReviewPhotoStatus }> {
	if (!uuid.test(input.reviewId) || !uuid.test(input.photoId)) throw notFound("coaches.reviews.errors.photoNotFound");
	const to: ReviewPhotoStatus = input.decision === "approve" ? "approved" : "rejected";
	return db().transaction(async (tx) => {
		const [row] = await tx
			.select({ photo: lessonReviewPhotos, review: lessonReviews })
			.from(lessonReviewPhotos)
			.innerJoin(lessonReviews, eq(lessonReviews.id, lessonReviewPhotos.reviewId))
			.where(and(eq(lessonReviewPhotos.id, input.photoId), eq(lessonReviewPhotos.reviewId, input.reviewId)))
			.for("update")
			.limit(1);
		if (!row) throw notFound("coaches.reviews.errors.photoNotFound");
		if (row.photo.status === to) {
			throw new AppError(409, "conflict", "coaches.reviews.errors.photoAlreadyDecided", { params: { status: to } });
		}
		await tx
			.update(lessonReviewPhotos)
			.set({ status: to, reviewNote: input.reason ?? null, updatedAt: new Date() })
			.where(eq(lessonReviewPhotos.id, row.photo.id));
		await recordAudit(tx, {
			actorId: input.staffId,
			action: to === "approved" ? "review.photo.approved" : "review.photo.rejected",
			targetType: "review",
			targetId: row.review.id,
			reason: input.reason ?? "",
			detail: { photoId: row.photo.id, fileId: row.photo.fileId, from: row.photo.status, to },
		});
		await notify(
			{
				userId: row.review.playerId,
				kind: to === "approved" ? "reviewPhotoApproved" : "reviewPhotoRejected",
				params: { reason: input.reason ?? "" },
				link: `/me/bookings/${row.review.bookingId}/review`,
			},
			tx,
		);
		// Storage last: the file moves under public/ or private/.
		await syncReviewPhotoVisibility(tx, row.review.id);
		return { id: row.photo.id, status: to };
	});
}
