import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { coachCertificates, coaches, coachOfferings, coachPhotos, coachPlaces } from "../../../../db/schema";

/**
 * The coaching side of an account deletion (PIPL art. 47): the identity the review verified (real
 * name, ID number), everything that describes or locates the person (bio, gender, service point,
 * places) and the review items are erased; the files themselves go with the files module's own
 * reaction to the same event. The row stays, anonymised and never public again, because bookings
 * and money records will refer to it.
 */
export async function eraseCoachOfDeletedUser(userId: string, tx: Transaction): Promise<void> {
	const [coach] = await tx.select().from(coaches).where(eq(coaches.userId, userId)).for("update").limit(1);
	if (!coach || coach.erasedAt) return;
	await tx.delete(coachPhotos).where(eq(coachPhotos.coachId, coach.id));
	await tx.delete(coachCertificates).where(eq(coachCertificates.coachId, coach.id));
	await tx.delete(coachPlaces).where(eq(coachPlaces.coachId, coach.id));
	await tx.update(coachOfferings).set({ active: false, updatedAt: new Date() }).where(eq(coachOfferings.coachId, coach.id));
	await tx
		.update(coaches)
		.set({
			status: "suspended",
			statusBeforeSuspension: null,
			displayName: "已注销教练",
			pendingDisplayName: null,
			realNameEnc: null,
			idNumberEnc: null,
			gender: null,
			bio: null,
			styleTags: [],
			yearsExperience: null,
			latitude: null,
			longitude: null,
			introVideoFileId: null,
			introVideoStatus: null,
			introVideoReviewNote: null,
			approvedIntroVideoFileId: null,
			reviewNote: null,
			acceptingBookings: false,
			erasedAt: new Date(),
			updatedAt: new Date(),
		})
		.where(eq(coaches.id, coach.id));
}
