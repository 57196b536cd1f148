import { asc, desc, eq, or } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { coachNamesByIds } from "~/modules/coaches/coach-names.server";
import { signFileUrl } from "~/modules/files/urls.server";
import { videoReviewComments, videoReviews } from "../../../../db/schema";
import type { Shape } from "./schema";
import { type VideoReviewParty, type VideoReviewRow, videoReviewFor } from "./video-review-record.server";

/** Long enough to review a minute of video slowly; a reload signs a new one. */
const videoUrlSeconds = 2 * 3600;

export interface VideoReviewSummary {
	id: string;
	status: "open" | "done";
	durationMs: number;
	question: string;
	coachName: string;
	playerName: string;
	commentCount: number;
	createdAt: string;
	doneAt: string | null;
}

export interface VideoReviewComment {
	id: string;
	atMs: number;
	body: string;
	shapes: Shape[];
	createdAt: string;
}

export interface VideoReviewDetail extends VideoReviewSummary {
	party: VideoReviewParty;
	video: { url: string; expiresAt: string };
	comments: VideoReviewComment[];
}

/** The caller's reviews: the videos they sent (as a player) and those sent to them (as a coach), newest first. */
export async function listVideoReviews(userId: string): Promise<{ mine: VideoReviewSummary[]; toReview: VideoReviewSummary[] }> {
	const rows = await db()
		.select()
		.from(videoReviews)
		.where(or(eq(videoReviews.playerId, userId), eq(videoReviews.coachUserId, userId)))
		.orderBy(desc(videoReviews.createdAt))
		.limit(200);
	const counts = new Map<string, number>();
	if (rows.length > 0) {
		const commentRows = await db()
			.select({ reviewId: videoReviewComments.reviewId })
			.from(videoReviewComments)
			.innerJoin(videoReviews, eq(videoReviews.id, videoReviewComments.reviewId))
			.where(or(eq(videoReviews.playerId, userId), eq(videoReviews.coachUserId, userId)));
		for (const row of commentRows) counts.set(row.reviewId, (counts.get(row.reviewId) ?? 0) + 1);
	}
	const summaries = await summarise(rows, counts);
	return {
		mine: summaries.filter((_, index) => rows[index]?.playerId === userId),
		toReview: summaries.filter((_, index) => rows[index]?.coachUserId === userId),
	};
}

/** One review for one of its two people, with a signed link to the video and the comments in time order. */
export async function getVideoReview(userId: string, reviewId: string): Promise<VideoReviewDetail> {
	const { review, party } = await videoReviewFor(userId, reviewId, db());
	const comments = await db()
		.select()
		.from(videoReviewComments)
		.where(eq(videoReviewComments.reviewId, review.id))
		.orderBy(asc(videoReviewComments.atMs), asc(videoReviewComments.createdAt));
	const [summary] = await summarise([review], new Map([[review.id, comments.length]]));
	// The video is the player's private upload: the review, having checked the caller is one of its
	// two people, signs its URL (the files module signs only for the owner by id).
	const signed = signFileUrl(review.videoFileId, videoUrlSeconds);
	return {
		...(summary as VideoReviewSummary),
		party,
		video: { url: signed.url, expiresAt: signed.expiresAt.toISOString() },
		comments: comments.map(presentComment),
	};
}

export const presentComment = (row: typeof videoReviewComments.$inferSelect): VideoReviewComment => ({
	id: row.id,
	atMs: row.atMs,
	body: row.body,
	// Written only through shapeSchema.
	shapes: row.shapes as Shape[],
	createdAt: row.createdAt.toISOString(),
});

async function summarise(rows: VideoReviewRow[], counts: Map<string, number>): Promise<VideoReviewSummary[]> {
	const coaches = new Map((await coachNamesByIds([...new Set(rows.map((row) => row.coachId))], db())).map((c) => [c.id, c]));
	const players = await findUsersByIds([...new Set(rows.map((row) => row.playerId))]);
	return rows.map((row) => ({
		id: row.id,
		status: row.status,
		durationMs: row.durationMs,
		question: row.question,
		coachName: coaches.get(row.coachId)?.displayName ?? "",
		playerName: players.get(row.playerId)?.displayName ?? "",
		commentCount: counts.get(row.id) ?? 0,
		createdAt: row.createdAt.toISOString(),
		doneAt: row.doneAt?.toISOString() ?? null,
	}));
}
