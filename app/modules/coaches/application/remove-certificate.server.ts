import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coachCertificates } from "../../../../db/schema";
import { refreshCertificateBadge } from "../certificate-badge.server";
import { assertEditable, lockOwnCoach } from "./coach-record.server";

/** Removes one of the caller's own certificates; the badge goes with the last approved one. */
export async function removeCertificate(input: { userId: string; certificateId: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		assertEditable(coach);
		const removed = await tx
			.delete(coachCertificates)
			.where(and(eq(coachCertificates.id, input.certificateId), eq(coachCertificates.coachId, coach.id)))
			.returning({ id: coachCertificates.id });
		if (removed.length === 0) throw notFound("coaching.errors.certificateNotFound");
		await refreshCertificateBadge(tx, coach.id);
	});
}
