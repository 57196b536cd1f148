import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { recordEvent } from "~/lib/events.server";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { notify } from "~/modules/accounts/notifications.server";
import { addRoleGrant } from "~/modules/accounts/users.server";
import { coaches, coachPhotos } from "../../../../db/schema";
import { conflict } from "../application/coach-record.server";
import { refreshCertificateBadge } from "../certificate-badge.server";
import { refreshFreeDays } from "../search/refresh-free-days.server";
import { lockCoach } from "./lock-coach.server";
import type { Reviewer } from "./reviewer";

/**
 * Approves an application in review: in one transaction the coach becomes approved with the
 * real-name badge (the reviewer checked name and ID number), the account gets the coach role, the
 * coach is told, and the audit log records who approved. The public profile needs a photo, so at
 * least one photo must be approved first; the certificate badge comes only from approved
 * certificates.
 */
export async function approveApplication(input: { reviewer: Reviewer; coachId: string; note?: string }) {
	return db().transaction(async (tx) => {
		const coach = await lockCoach(tx, input.coachId, input.reviewer);
		if (coach.status !== "pending_review") throw conflict("coaching.errors.notInReview");
		const approvedPhoto = await tx
			.select({ id: coachPhotos.id })
			.from(coachPhotos)
			.where(and(eq(coachPhotos.coachId, coach.id), eq(coachPhotos.status, "approved")))
			.limit(1);
		if (approvedPhoto.length === 0) throw conflict("coaching.errors.approvePhotoFirst");
		const now = new Date();
		await tx
			.update(coaches)
			.set({ status: "approved", approvedAt: now, realNameVerifiedAt: now, reviewNote: null, updatedAt: now })
			.where(eq(coaches.id, coach.id));
		await refreshCertificateBadge(tx, coach.id);
		await refreshFreeDays(coach.id, tx);
		const roleGranted = await addRoleGrant({ userId: coach.userId, role: "coach", grantedBy: input.reviewer.id }, tx);
		await notify({ userId: coach.userId, kind: "coachApproved", link: "/coach" }, tx);
		await recordAudit(tx, {
			actorId: input.reviewer.id,
			action: "coach.approved",
			targetType: "user",
			targetId: coach.userId,
			reason: input.note ?? null,
			detail: { coachId: coach.id, roleGranted },
		});
		await recordEvent(tx, "coach.approved", { coachId: coach.id, userId: coach.userId });
		return { status: "approved" as const, roleGranted };
	});
}
