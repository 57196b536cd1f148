import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coachCertificates } from "../../../../db/schema";
import { refreshCertificateBadge } from "../certificate-badge.server";
import { assertEditable, lockOwnCoach } from "./coach-record.server";
import { releaseFiles } from "./release-file.server";

/** Removes one of the caller's own certificates and its stored file; the badge goes with the last approved one. */
export async function removeCertificate(input: { userId: string; certificateId: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		assertEditable(coach);
		const removed = await tx
			.delete(coachCertificates)
			.where(and(eq(coachCertificates.id, input.certificateId), eq(coachCertificates.coachId, coach.id)))
			.returning({ id: coachCertificates.id, fileId: coachCertificates.fileId });
		if (removed.length === 0) throw notFound("coaching.errors.certificateNotFound");
		await refreshCertificateBadge(tx, coach.id);
		// Storage is not transactional: the bytes go last. The review trail stays in the audit log.
		await releaseFiles(
			removed.map((certificate) => certificate.fileId),
			tx,
		);
	});
}
