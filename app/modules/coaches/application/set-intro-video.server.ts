import { eq } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { coaches } from "../../../../db/schema";
import { assertEditable, type CoachRow, lockOrCreateCoach } from "./coach-record.server";
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
		const { changes, hide } = introVideoChange(coach, fileId);
		await tx
			.update(coaches)
			.set({ ...changes, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id));
		await hideVideos(hide, tx);
		return { fileId, status: fileId ? (changes.introVideoStatus ?? coach.introVideoStatus) : null };
	});
}

/**
 * What setting the video to `fileId` (null removes it) changes on the coach, and which files must
 * then be private. The same video again changes nothing; the approved one again withdraws a
 * replacement that waits; any other video waits for review. Removing the video removes the
 * approved one from the public profile too.
 */
export function introVideoChange(coach: CoachRow, fileId: string | null): { changes: Partial<CoachRow>; hide: string[] } {
	if (fileId === null) {
		const hide = [coach.introVideoFileId, coach.approvedIntroVideoFileId].filter((id): id is string => Boolean(id));
		return {
			changes: { introVideoFileId: null, introVideoStatus: null, introVideoReviewNote: null, approvedIntroVideoFileId: null },
			hide: [...new Set(hide)],
		};
	}
	if (fileId === coach.introVideoFileId) return { changes: {}, hide: [] };
	if (fileId === coach.approvedIntroVideoFileId) {
		return { changes: { introVideoFileId: fileId, introVideoStatus: "approved", introVideoReviewNote: null }, hide: [] };
	}
	return { changes: { introVideoFileId: fileId, introVideoStatus: "pending", introVideoReviewNote: null }, hide: [fileId] };
}

/** Unreviewed and removed videos are private (owner and reviewers only). Storage is not transactional: call last. */
export async function hideVideos(fileIds: string[], tx: Transaction): Promise<void> {
	for (const fileId of fileIds) await setFileVisibility(fileId, "private", tx);
}
