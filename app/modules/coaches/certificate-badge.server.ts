import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { coachCertificates, coaches } from "../../../db/schema";

/**
 * The certificate badge follows the certificates: it appears (dated) when the first one is
 * approved and goes when none approved is left, whether one was removed or rejected later.
 */
export async function refreshCertificateBadge(tx: DbOrTx, coachId: string): Promise<void> {
	const approved = sql`exists (select 1 from ${coachCertificates} where ${and(
		eq(coachCertificates.coachId, coachId),
		eq(coachCertificates.status, "approved"),
	)})`;
	await tx
		.update(coaches)
		.set({ certificateVerifiedAt: sql`case when ${approved} then coalesce(${coaches.certificateVerifiedAt}, now()) end` })
		.where(eq(coaches.id, coachId));
}
