import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { coachPhotos } from "../../../../db/schema";
import { assertEditable, conflict, lockOrCreateCoach } from "./coach-record.server";
import { type PhotoView, photoUrls } from "./present.server";
import { maxPhotos } from "./schema";
import { fileIdFrom, type UploadSource } from "./upload-source.server";

/**
 * Adds a photo to the caller's application. Every new photo waits for review, also for an
 * approved coach, and stays private until then: only approved photos are ever public.
 */
export async function addPhoto(input: { userId: string; source: UploadSource }): Promise<PhotoView> {
	return db().transaction(async (tx) => {
		const coach = await lockOrCreateCoach(tx, input.userId);
		assertEditable(coach);
		const [counts] = await tx
			.select({ count: sql<number>`count(*)::int`, lastPosition: sql<number>`coalesce(max(${coachPhotos.position}), -1)::int` })
			.from(coachPhotos)
			.where(and(eq(coachPhotos.coachId, coach.id), ne(coachPhotos.status, "rejected")));
		if ((counts?.count ?? 0) >= maxPhotos)
			throw conflict("coaching.errors.tooManyPhotos", { photos: "coaching.errors.tooManyPhotos" });
		const fileId = await fileIdFrom(input.source, input.userId, "coach_photo", tx);
		const [photo] = await tx
			.insert(coachPhotos)
			.values({ coachId: coach.id, fileId, position: (counts?.lastPosition ?? -1) + 1 })
			.returning();
		if (!photo) throw new Error("photo insert returned nothing");
		// Unreviewed photos are private (owner and reviewers only); approval makes them public. Storage last.
		await setFileVisibility(fileId, "private", tx);
		return { id: photo.id, fileId, status: photo.status, reviewNote: null, ...photoUrls(photo) };
	});
}
