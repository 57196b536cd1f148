import { eq } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { coaches } from "../../../../db/schema";
import { assertEditable, type CoachRow, lockOrCreateCoach } from "./coach-record.server";
import { releaseFiles } from "./release-file.server";
import { fileIdFrom, type UploadSource } from "./upload-source.server";

type ReviewStatus = "pending" | "approved" | "rejected";

/**
 * Sets (or, with null, removes) the optional short introduction video: MP4, up to the files
 * module's limit. Like a photo, a new video waits for review and stays private until then, also
 * for an approved coach, whose public profile keeps the approved video meanwhile.
 */
export async function setIntroVideo(input: {
	userId: string;
	source: UploadSource | null;
}): Promise<{ fileId: string | null; status: ReviewStatus | null }> {
	return db().transaction(async (tx) => {
		const coach = await lockOrCreateCoach(tx, input.userId);
		assertEditable(coach);
		const fileId = input.source ? await fileIdFrom(input.source, input.userId, "intro_video", tx) : null;
		const video = introVideoChange(coach, fileId);
		await tx
			.update(coaches)
			.set({ ...video.changes, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id));
		await settleVideoFiles(video, tx);
		return { fileId, status: fileId ? (video.changes.introVideoStatus ?? coach.introVideoStatus) : null };
	});
}

export interface VideoChange {
	changes: Partial<CoachRow>;
	/** Files that must be private now (a video waiting for review). */
	hide: string[];
	/** Files the coach no longer uses (a replaced or removed video): deleted, bytes included. */
	discard: string[];
}

/**
 * What setting the video to `fileId` (null removes it) changes on the coach, which files must
 * then be private and which are no longer used. The same video again changes nothing; the
 * approved one again withdraws a replacement that waits (which is then deleted); any other video
 * waits for review and replaces a waiting one. Removing the video removes the approved one from
 * the public profile too.
 */
export function introVideoChange(coach: CoachRow, fileId: string | null): VideoChange {
	const before = [coach.introVideoFileId, coach.approvedIntroVideoFileId].filter((id): id is string => Boolean(id));
	let changes: Partial<CoachRow>;
	let hide: string[] = [];
	if (fileId === null) {
		changes = { introVideoFileId: null, introVideoStatus: null, introVideoReviewNote: null, approvedIntroVideoFileId: null };
	} else if (fileId === coach.introVideoFileId) {
		changes = {};
	} else if (fileId === coach.approvedIntroVideoFileId) {
		changes = { introVideoFileId: fileId, introVideoStatus: "approved", introVideoReviewNote: null };
	} else {
		changes = { introVideoFileId: fileId, introVideoStatus: "pending", introVideoReviewNote: null };
		hide = [fileId];
	}
	const after = new Set(
		[
			"introVideoFileId" in changes ? changes.introVideoFileId : coach.introVideoFileId,
			"approvedIntroVideoFileId" in changes ? changes.approvedIntroVideoFileId : coach.approvedIntroVideoFileId,
		].filter(Boolean),
	);
	return { changes, hide, discard: [...new Set(before.filter((id) => !after.has(id)))] };
}

/**
 * Unreviewed videos are private (owner and reviewers only); videos no longer used are deleted.
 * Storage is not transactional: call last.
 */
export async function settleVideoFiles(video: Pick<VideoChange, "hide" | "discard">, tx: Transaction): Promise<void> {
	for (const fileId of video.hide) await setFileVisibility(fileId, "private", tx);
	await releaseFiles(video.discard, tx);
}
