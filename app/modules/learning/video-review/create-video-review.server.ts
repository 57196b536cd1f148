import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { coachIdsBookedBy } from "~/modules/booking/booked-coaches.server";
import { coachNamesByIds } from "~/modules/coaches/coach-names.server";
import { kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import { markAttached } from "~/modules/files/mark-attached.server";
import { saveUpload } from "~/modules/files/save-upload.server";
import { sniffType } from "~/modules/files/sniff.server";
import { videoReviews } from "../../../../db/schema";
import { maxVideoReviewMs } from "./schema";
import { videoDurationMs } from "./video-duration";

const videoTypes = ["video/mp4", "video/quicktime", "video/webm"] as const;
type VideoType = (typeof videoTypes)[number];
const isVideoType = (type: string | null): type is VideoType => (videoTypes as readonly (string | null)[]).includes(type);

/** The coaches a player may send a video to: those they have a confirmed or completed lesson with. */
export async function reviewableCoaches(playerId: string) {
	const ids = await coachIdsBookedBy(playerId, db());
	const coaches = await coachNamesByIds(ids, db());
	return coaches.map((coach) => ({ coachId: coach.id, displayName: coach.displayName }));
}

/**
 * A player sends a stroke video to a coach they have booked. The bytes are checked before anything
 * is stored: a video (sniffed, never the declared type), at most the kind's size, at most a minute
 * long as its container says. The video stays private (signed URLs for the two of them only), the
 * coach is told, and nothing is written for a refusal.
 */
export async function createVideoReview(input: {
	playerId: string;
	coachId: string;
	question: string;
	bytes: Uint8Array;
	declaredType?: string;
}): Promise<{ id: string }> {
	const policy = kindPolicies.review_video;
	if (input.bytes.byteLength === 0) throw new AppError(400, "bad_request", "files.errors.empty");
	if (input.bytes.byteLength > policy.maxBytes) {
		throw new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(policy.maxBytes) } });
	}
	const type = sniffType(input.bytes);
	if (!isVideoType(type)) throw new AppError(415, "unsupported_media_type", "videoReview.errors.notAVideo");
	const durationMs = videoDurationMs(input.bytes, type);
	if (durationMs === null || durationMs <= 0)
		throw new AppError(415, "unsupported_media_type", "videoReview.errors.unknownLength");
	if (durationMs > maxVideoReviewMs) {
		throw new AppError(400, "validation_failed", "videoReview.errors.tooLong", {
			params: { seconds: Math.round(durationMs / 1000), maxSeconds: maxVideoReviewMs / 1000 },
			fields: { video: "videoReview.errors.tooLong" },
		});
	}

	return db().transaction(async (tx) => {
		const booked = await coachIdsBookedBy(input.playerId, tx);
		if (!booked.includes(input.coachId)) {
			// A coach never booked, or no coach at all, looks the same.
			throw new AppError(409, "conflict", "videoReview.errors.notBooked", {
				fields: { coachId: "videoReview.errors.notBooked" },
			});
		}
		const [coach] = await coachNamesByIds([input.coachId], tx);
		if (!coach) throw notFound("videoReview.errors.notBooked");
		const file = await saveUpload(
			{ ownerId: input.playerId, kind: "review_video", bytes: input.bytes, declaredType: input.declaredType },
			tx,
		);
		await markAttached(file.id, tx);
		const [review] = await tx
			.insert(videoReviews)
			.values({
				playerId: input.playerId,
				coachId: coach.id,
				coachUserId: coach.userId,
				videoFileId: file.id,
				durationMs,
				question: input.question,
			})
			.returning({ id: videoReviews.id });
		if (!review) throw new Error("video review row not written");
		await notify({ userId: coach.userId, kind: "videoReviewReceived", link: `/video-reviews/${review.id}` }, tx);
		return review;
	});
}
