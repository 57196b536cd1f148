import { and, eq, ne } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coachPhotos } from "../../../../db/schema";
import { assertEditable, conflict, lockOwnCoach } from "./coach-record.server";
import { releaseFiles } from "./release-file.server";

/**
 * Removes one of the caller's own photos, and its stored file: an approved coach keeps at least
 * one approved photo. The review trail stays in the audit log (ids and decisions, not images).
 */
export async function removePhoto(input: { userId: string; photoId: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		assertEditable(coach);
		const [photo] = await tx
			.select()
			.from(coachPhotos)
			.where(and(eq(coachPhotos.id, input.photoId), eq(coachPhotos.coachId, coach.id)))
			.limit(1);
		if (!photo) throw notFound("coaching.errors.photoNotFound");
		if (coach.status === "approved" && photo.status === "approved") {
			const others = await tx
				.select({ id: coachPhotos.id })
				.from(coachPhotos)
				.where(and(eq(coachPhotos.coachId, coach.id), eq(coachPhotos.status, "approved"), ne(coachPhotos.id, photo.id)))
				.limit(1);
			if (others.length === 0) throw conflict("coaching.errors.lastApprovedPhoto");
		}
		await tx.delete(coachPhotos).where(eq(coachPhotos.id, photo.id));
		// Storage is not transactional: the bytes go last, once the row is gone.
		await releaseFiles([photo.fileId], tx);
	});
}
