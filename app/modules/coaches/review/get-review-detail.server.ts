import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { recordAuditedRead } from "~/modules/accounts/admin/audit-log.server";
import { findUserById } from "~/modules/accounts/users.server";
import { coaches } from "../../../../db/schema";
import { type ApplicationView, presentApplication } from "../application/present.server";
import type { Reviewer } from "./reviewer";

export interface ReviewDetail {
	application: ApplicationView & { identity: { idNumber?: string | null } };
	account: { id: string; displayName: string; status: string };
}

/**
 * One coach as a reviewer sees them: private certificates by signed URL, and the ID number in full
 * only while the application waits for review (the reviewer checks it against the name); masked
 * for every other status, since nothing is left to check and staff should not read it needlessly.
 * Who saw a number in full is written to the audit log, and so is who was handed this coach's
 * private files: this is the only way staff get a signed URL of someone else's file, and it signs
 * only the files of the coach under review.
 */
export async function getReviewDetail(coachId: string, reviewer: Reviewer): Promise<ReviewDetail> {
	const database = db();
	const [coach] = await database.select().from(coaches).where(eq(coaches.id, coachId)).limit(1);
	if (!coach) throw notFound("coaching.errors.coachNotFound");
	const [application, user] = await Promise.all([
		presentApplication(coach, database, { fullIdNumber: coach.status === "pending_review" }),
		findUserById(coach.userId, database),
	]);
	if (application.identity.idNumber) {
		await recordAuditedRead({
			actorId: reviewer.id,
			action: "coach.identity.viewed",
			targetType: "user",
			targetId: coach.userId,
		});
	}
	const privateFiles = privateFileIds(application);
	if (privateFiles.length > 0) {
		await recordAuditedRead({
			actorId: reviewer.id,
			action: "coach.files.viewed",
			targetType: "user",
			targetId: coach.userId,
			detail: { coachId: coach.id, fileIds: privateFiles.join(",") },
		});
	}
	return {
		application,
		account: { id: coach.userId, displayName: user?.displayName ?? "", status: user?.status ?? "deleted" },
	};
}

/** The files of the application that the reviewer reads through signed URLs (not yet public). */
function privateFileIds(application: ApplicationView): string[] {
	return [
		...application.photos.filter((photo) => photo.status !== "approved").map((photo) => photo.fileId),
		...application.certificates.map((certificate) => certificate.fileId),
		...(application.introVideo && application.introVideo.status !== "approved" ? [application.introVideo.fileId] : []),
	];
}
