import { eq, or } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { deleteStoredFile } from "~/modules/files/delete-file.server";
import { coachCertificates, coaches, coachPhotos } from "../../../../db/schema";

/**
 * Deletes a file the coach no longer uses (a removed photo or certificate, a replaced or removed
 * video), rows and stored objects, unless another photo, certificate or video still uses it (a
 * client may attach one upload twice). The review trail stays in the audit log: ids and
 * decisions, never the bytes. Storage is not transactional: call last in the transaction.
 */
export async function releaseFiles(fileIds: Iterable<string>, tx: Transaction): Promise<void> {
	for (const fileId of new Set(fileIds)) {
		const [photo] = await tx.select({ id: coachPhotos.id }).from(coachPhotos).where(eq(coachPhotos.fileId, fileId)).limit(1);
		const [certificate] = await tx
			.select({ id: coachCertificates.id })
			.from(coachCertificates)
			.where(eq(coachCertificates.fileId, fileId))
			.limit(1);
		const [video] = await tx
			.select({ id: coaches.id })
			.from(coaches)
			.where(or(eq(coaches.introVideoFileId, fileId), eq(coaches.approvedIntroVideoFileId, fileId)))
			.limit(1);
		if (!photo && !certificate && !video) await deleteStoredFile(fileId, tx);
	}
}
