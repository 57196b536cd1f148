import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coachCertificates } from "../../../../db/schema";
import { assertEditable, conflict, lockOrCreateCoach } from "./coach-record.server";
import { type CertificateView, certificateUrls } from "./present.server";
import { maxCertificates } from "./schema";
import { fileIdFrom, type UploadSource } from "./upload-source.server";

/**
 * Adds a certificate (a scan or PDF, with its issuer and grade). It is private, seen only by its
 * owner and reviewers, and counts for the badge only once a reviewer approves it.
 */
export async function addCertificate(input: {
	userId: string;
	source: UploadSource;
	details: { issuer: string; level: string };
}): Promise<CertificateView> {
	return db().transaction(async (tx) => {
		const coach = await lockOrCreateCoach(tx, input.userId);
		assertEditable(coach);
		const [counts] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(coachCertificates)
			.where(and(eq(coachCertificates.coachId, coach.id), ne(coachCertificates.status, "rejected")));
		if ((counts?.count ?? 0) >= maxCertificates) {
			throw conflict("coaching.errors.tooManyCertificates", { certificates: "coaching.errors.tooManyCertificates" });
		}
		const fileId = await fileIdFrom(input.source, input.userId, "certificate", tx);
		const [certificate] = await tx
			.insert(coachCertificates)
			.values({ coachId: coach.id, fileId, issuer: input.details.issuer, level: input.details.level })
			.returning();
		if (!certificate) throw new Error("certificate insert returned nothing");
		return {
			id: certificate.id,
			fileId,
			issuer: certificate.issuer,
			level: certificate.level,
			status: certificate.status,
			reviewNote: null,
			...(await certificateUrls(fileId, tx)),
		};
	});
}
