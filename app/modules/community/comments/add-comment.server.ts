import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { approvedCoachUserIds } from "~/modules/coaches/approved-coach-users.server";
import { uuidPattern } from "~/modules/files/kinds";
import { recordHits } from "~/modules/moderation/hits.server";
import { communityComments, communityPosts } from "../../../../db/schema";
import { admitContribution } from "../moderation/gate.server";
import { readablePost } from "../posts/post-record.server";
import type { CommentInput } from "../posts/schema";
import type { Viewer } from "../posts/viewer";

export const commentNotFound = () => new AppError(404, "not_found", "community.errors.commentNotFound");

/** Keeps a post's comment count and latest activity true to its published comments, in the caller's transaction. */
export async function recountComments(tx: DbOrTx, postId: string, touch: boolean): Promise<void> {
	await tx
		.update(communityPosts)
		.set({
			commentCount: sql`(select count(*)::int from ${communityComments} where ${communityComments.postId} = ${postId} and ${communityComments.status} = 'published')`,
			...(touch ? { lastActivityAt: new Date() } : {}),
		})
		.where(eq(communityPosts.id, postId));
}

/**
 * A member comments on a published post (an answer, when the post is a question), or replies to
 * a comment: replies stay one level deep, so a reply to a reply joins its thread. The same gate
 * as posts; the post's author (or the replied-to author) is told.
 */
export async function addComment(input: { viewer: Viewer; postId: string; comment: CommentInput; ip?: string }): Promise<{
	id: string;
	status: "published" | "held";
}> {
	const post = await readablePost(input.postId, input.viewer);
	// A held, hidden or deleted post takes no comments, not even from its author.
	if (post.status !== "published") throw new AppError(409, "post_closed", "community.errors.postClosed");
	let parentId: string | null = null;
	let parentAuthorId: string | null = null;
	if (input.comment.parentId) {
		if (!uuidPattern.test(input.comment.parentId)) throw commentNotFound();
		const [parent] = await db()
			.select()
			.from(communityComments)
			.where(and(eq(communityComments.id, input.comment.parentId), eq(communityComments.postId, post.id)))
			.limit(1);
		if (!parent || parent.status !== "published") throw commentNotFound();
		parentId = parent.parentId ?? parent.id;
		parentAuthorId = parent.authorId;
	}
	const admitted = await admitContribution({
		userId: input.viewer.userId,
		ip: input.ip,
		what: "comment",
		texts: [input.comment.body],
	});
	const byCoach = (await approvedCoachUserIds([input.viewer.userId])).has(input.viewer.userId);
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(communityComments)
			.values({
				postId: post.id,
				authorId: input.viewer.userId,
				parentId,
				body: admitted.texts[0] ?? input.comment.body,
				status: admitted.status,
				byCoach,
				viewsAtCreation: post.viewCount,
			})
			.returning({ id: communityComments.id });
		if (!row) throw new Error("comment insert returned nothing");
		await recordHits(tx, { kind: "community_comment", id: row.id }, admitted.words);
		if (admitted.status === "published") {
			await recountComments(tx, post.id, true);
			const told = parentAuthorId ?? post.authorId;
			if (told !== input.viewer.userId) {
				await notify(
					{
						userId: told,
						kind: post.kind === "question" && !parentId ? "communityAnswered" : "communityReplied",
						params: { title: post.title },
						link: `/community/p/${post.id}#comment-${row.id}`,
					},
					tx,
				);
			}
		}
		return { id: row.id, status: admitted.status };
	});
}
