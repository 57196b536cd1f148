import { and, asc, eq, inArray, or } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { type CommunityCommentRow, type CommunityPostRow, communityCommentLikes, communityComments } from "../../../../db/schema";
import { renderMarkdown } from "../posts/markdown";
import { isStaff, type Viewer } from "../posts/viewer";
import { rankAnswers } from "../qa/wilson";

export interface CommentView {
	id: string;
	parentId: string | null;
	bodyHtml: string;
	body: string;
	author: { id: string; displayName: string; isCoach: boolean };
	status: CommunityCommentRow["status"];
	likeCount: number;
	liked: boolean;
	accepted: boolean;
	coachVerified: boolean;
	createdAt: string;
	editedAt: string | null;
	replies: CommentView[];
}

/**
 * A post's comments in threads (one level of replies): for a question the answers come accepted
 * first, then by Wilson lower bound of likes over views; for a post, oldest first. Readers see
 * published comments and their own held ones; the back office sees all but deleted.
 */
export async function listComments(post: CommunityPostRow, viewer: Viewer | null | undefined): Promise<CommentView[]> {
	const visible = isStaff(viewer)
		? inArray(communityComments.status, ["published", "held", "hidden"])
		: viewer
			? or(
					eq(communityComments.status, "published"),
					and(eq(communityComments.authorId, viewer.userId), eq(communityComments.status, "held")),
				)
			: eq(communityComments.status, "published");
	const rows = await db()
		.select()
		.from(communityComments)
		.where(and(eq(communityComments.postId, post.id), visible))
		.orderBy(asc(communityComments.createdAt), asc(communityComments.id));
	const [names, likedIds] = await Promise.all([
		displayNamesOf([...new Set(rows.map((row) => row.authorId))]),
		viewer && rows.length > 0
			? db()
					.select({ id: communityCommentLikes.commentId })
					.from(communityCommentLikes)
					.where(
						and(
							eq(communityCommentLikes.userId, viewer.userId),
							inArray(
								communityCommentLikes.commentId,
								rows.map((row) => row.id),
							),
						),
					)
					.then((liked) => new Set(liked.map((like) => like.id)))
			: Promise.resolve(new Set<string>()),
	]);
	const present = (row: CommunityCommentRow): CommentView => ({
		id: row.id,
		parentId: row.parentId,
		body: row.body,
		bodyHtml: renderMarkdown(row.body),
		author: { id: row.authorId, displayName: names.get(row.authorId) ?? "", isCoach: row.byCoach },
		status: row.status,
		likeCount: row.likeCount,
		liked: likedIds.has(row.id),
		accepted: row.id === post.acceptedCommentId,
		coachVerified: row.coachVerifiedAt !== null,
		createdAt: row.createdAt.toISOString(),
		editedAt: row.editedAt?.toISOString() ?? null,
		replies: [],
	});
	const topLevel = rows.filter((row) => row.parentId === null);
	const ordered =
		post.kind === "question"
			? rankAnswers(
					topLevel.map((row) => ({ ...row, views: Math.max(0, post.viewCount - row.viewsAtCreation) })),
					post.acceptedCommentId,
				)
			: topLevel;
	const threads = new Map(ordered.map((row) => [row.id, present(row)]));
	for (const row of rows) {
		if (row.parentId) threads.get(row.parentId)?.replies.push(present(row));
	}
	return [...threads.values()];
}
