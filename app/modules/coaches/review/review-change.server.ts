import { and, eq } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { notify } from "~/modules/accounts/notifications.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { coachCertificates, coaches, coachPhotos } from "../../../../db/schema";
import { type CoachRow, conflict } from "../application/coach-record.server";
import { releaseFiles } from "../application/release-file.server";
import { refreshCertificateBadge } from "../certificate-badge.server";
import { lockCoach } from "./lock-coach.server";
import type { Decision, Reviewer, ReviewItem } from "./reviewer";

/**
 * One decision on one part of a coach's profile: a photo or the intro video (only approved ones
 * are public), a certificate (the badge follows approved ones) or a new display name. Reviewers
 * may also take back an earlier approval, e.g. a photo found improper later. An approved coach is
 * told of each decision: an approval as one, a refusal with the reason.
 */
export async function reviewChange(input: {
	reviewer: Reviewer;
	coachId: string;
	item: ReviewItem;
	/** The photo or certificate; the video's file (the one the reviewer watched); none for the name. */
	itemId?: string;
	decision: Decision;
	reason?: string;
}) {
	return db().transaction(async (tx) => {
		const coach = await lockCoach(tx, input.coachId, input.reviewer);
		if (coach.status === "draft" || coach.status === "rejected") throw conflict("coaching.errors.notInReview");
		const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
		const reviewNote = input.decision === "reject" ? (input.reason ?? null) : null;
		let publish: Array<{ fileId: string; visibility: "public" | "private" }> = [];
		let discard: string[] = [];
		let decidedFileId: string | undefined = input.item === "video" ? input.itemId : undefined;
		if (input.item === "name") await decideName(tx, coach, input.decision);
		else if (input.item === "video") ({ publish, discard } = await decideVideo(tx, coach, input.itemId, status, reviewNote));
		else if (input.item === "photo") {
			const [updated] = await tx
				.update(coachPhotos)
				.set({ status, reviewNote, updatedAt: new Date() })
				.where(and(eq(coachPhotos.id, input.itemId ?? ""), eq(coachPhotos.coachId, coach.id)))
				.returning({ fileId: coachPhotos.fileId });
			if (!updated) throw notFound("coaching.errors.photoNotFound");
			decidedFileId = updated.fileId;
			publish = [{ fileId: updated.fileId, visibility: status === "approved" ? "public" : "private" }];
		} else {
			const updated = await tx
				.update(coachCertificates)
				.set({ status, reviewNote, updatedAt: new Date() })
				.where(and(eq(coachCertificates.id, input.itemId ?? ""), eq(coachCertificates.coachId, coach.id)))
				.returning({ id: coachCertificates.id, fileId: coachCertificates.fileId });
			if (updated.length === 0) throw notFound("coaching.errors.certificateNotFound");
			decidedFileId = updated[0]?.fileId;
			await refreshCertificateBadge(tx, coach.id);
		}
		// Only an approved coach hears of single decisions; an application in review hears of the whole.
		// An approval has its own message (and leads to the public profile), never the refusal's words.
		if (coach.status === "approved") {
			await notify(
				input.decision === "approve"
					? { userId: coach.userId, kind: "coachChangeApproved", params: { item: input.item }, link: `/coaches/${coach.id}` }
					: {
							userId: coach.userId,
							kind: "coachChangeRejected",
							params: { item: input.item, reason: input.reason ?? "" },
							link: "/coach/apply",
						},
				tx,
			);
		}
		await recordAudit(tx, {
			actorId: input.reviewer.id,
			action: input.decision === "approve" ? "coach.change.approved" : "coach.change.rejected",
			targetType: "user",
			targetId: coach.userId,
			reason: input.reason ?? null,
			// The file's id stays on record after the coach removes it and its bytes are deleted.
			detail: { coachId: coach.id, item: input.item, itemId: input.itemId ?? null, fileId: decidedFileId ?? null },
		});
		// Storage is not transactional: the photo's or video's files move last, once everything else is written.
		for (const file of publish) await setFileVisibility(file.fileId, file.visibility, tx);
		await releaseFiles(discard, tx);
		return { item: input.item, itemId: input.itemId ?? null, status };
	});
}

/** The public keeps the approved name until a reviewer approves the new one. */
async function decideName(tx: Transaction, coach: CoachRow, decision: Decision) {
	if (!coach.pendingDisplayName) throw conflict("coaching.errors.noPendingName");
	await tx
		.update(coaches)
		.set({
			...(decision === "approve" ? { displayName: coach.pendingDisplayName } : {}),
			pendingDisplayName: null,
			updatedAt: new Date(),
		})
		.where(eq(coaches.id, coach.id));
}

/**
 * The video the reviewer watched, if it is still the coach's latest (a replacement since then is
 * decided on its own). Approved, it becomes the public one and an earlier approved video is
 * deleted; rejected (or an approval taken back), it is private and off the public profile.
 */
async function decideVideo(
	tx: Transaction,
	coach: CoachRow,
	fileId: string | undefined,
	status: "approved" | "rejected",
	reviewNote: string | null,
): Promise<{ publish: Array<{ fileId: string; visibility: "public" | "private" }>; discard: string[] }> {
	if (!coach.introVideoFileId || coach.introVideoFileId !== fileId) throw notFound("coaching.errors.videoNotFound");
	const previous = coach.approvedIntroVideoFileId;
	const approvedIntroVideoFileId = status === "approved" ? fileId : previous === fileId ? null : previous;
	await tx
		.update(coaches)
		.set({ introVideoStatus: status, introVideoReviewNote: reviewNote, approvedIntroVideoFileId, updatedAt: new Date() })
		.where(eq(coaches.id, coach.id));
	if (status === "rejected") return { publish: [{ fileId, visibility: "private" }], discard: [] };
	// The video it replaces on the profile is used no more: deleted (the audit log keeps the decision).
	return { publish: [{ fileId, visibility: "public" }], discard: previous && previous !== fileId ? [previous] : [] };
}
