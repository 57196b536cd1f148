import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { uuidPattern } from "~/modules/files/kinds";
import {
	communityBookmarks,
	communityCommentLikes,
	communityComments,
	communityPostLikes,
	communityPosts,
} from "../../../../db/schema";
import { commentNotFound } from "../comments/add-comment.server";
import { countLikeReceived } from "../moderation/members.server";
import { readablePost } from "../posts/post-record.server";
import type { Viewer } from "../posts/viewer";

/**
 * A like on a published post, once per member (repeating changes nothing); the count is kept in
 * the same transaction, and the author's likes received feed their trust level. Not one's own.
 */
export async function setPostLike(input: { viewer: Viewer; postId: string; liked: boolean }) {
	const post = await readablePost(input.postId, input.viewer);
	if (post.status !== "published") throw forbidden("community.errors.postClosed");
	if (post.authorId === input.viewer.userId) throw forbidden("community.errors.ownContent");
	return db().transaction(async (tx) => {
		const changed = input.liked
			? await tx
					.insert(communityPostLikes)
					.values({ postId: post.id, userId: input.viewer.userId })
					.onConflictDoNothing()
					.returning()
			: await tx
					.delete(communityPostLikes)
					.where(and(eq(communityPostLikes.postId, post.id), eq(communityPostLikes.userId, input.viewer.userId)))
					.returning();
		const delta = changed.length === 0 ? 0 : input.liked ? 1 : -1;
		const [row] = await tx
			.update(communityPosts)
			.set({ likeCount: sql`greatest(0, ${communityPosts.likeCount} + ${delta})` })
			.where(eq(communityPosts.id, post.id))
			.returning({ likeCount: communityPosts.likeCount });
		if (delta !== 0) await countLikeReceived(post.authorId, delta as 1 | -1, tx);
		return { likeCount: row?.likeCount ?? 0, liked: input.liked };
	});
}

/** The same for a comment (an answer's likes are what its Wilson rank counts). */
export async function setCommentLike(input: { viewer: Viewer; commentId: string; liked: boolean }) {
	if (!uuidPattern.test(input.commentId)) throw commentNotFound();
	const [comment] = await db().select().from(communityComments).where(eq(communityComments.id, input.commentId)).limit(1);
	if (!comment || comment.status !== "published") throw commentNotFound();
	const post = await readablePost(comment.postId, input.viewer);
	if (post.status !== "published") throw commentNotFound();
	if (comment.authorId === input.viewer.userId) throw forbidden("community.errors.ownContent");
	return db().transaction(async (tx) => {
		const changed = input.liked
			? await tx
					.insert(communityCommentLikes)
					.values({ commentId: comment.id, userId: input.viewer.userId })
					.onConflictDoNothing()
					.returning()
			: await tx
					.delete(communityCommentLikes)
					.where(and(eq(communityCommentLikes.commentId, comment.id), eq(communityCommentLikes.userId, input.viewer.userId)))
					.returning();
		const delta = changed.length === 0 ? 0 : input.liked ? 1 : -1;
		const [row] = await tx
			.update(communityComments)
			.set({ likeCount: sql`greatest(0, ${communityComments.likeCount} + ${delta})` })
			.where(eq(communityComments.id, comment.id))
			.returning({ likeCount: communityComments.likeCount });
		if (delta !== 0) await countLikeReceived(comment.authorId, delta as 1 | -1, tx);
		return { likeCount: row?.likeCount ?? 0, liked: input.liked };
	});
}

/** A member bookmarks a post they can read (收藏), or takes it back; repeating changes nothing. */
export async function setBookmark(input: { viewer: Viewer; postId: string; bookmarked: boolean }) {
	const post = await readablePost(input.postId, input.viewer);
	if (input.bookmarked) {
		await db().insert(communityBookmarks).values({ postId: post.id, userId: input.viewer.userId }).onConflictDoNothing();
	} else {
		await db()
			.delete(communityBookmarks)
			.where(and(eq(communityBookmarks.postId, post.id), eq(communityBookmarks.userId, input.viewer.userId)));
	}
	return { bookmarked: input.bookmarked };
}

/** The member's bookmarks, newest first (published posts only). */
export async function myBookmarks(userId: string, limit = 50) {
	return db()
		.select({
			id: communityPosts.id,
			title: communityPosts.title,
			kind: communityPosts.kind,
			bookmarkedAt: communityBookmarks.createdAt,
		})
		.from(communityBookmarks)
		.innerJoin(communityPosts, eq(communityPosts.id, communityBookmarks.postId))
		.where(and(eq(communityBookmarks.userId, userId), eq(communityPosts.status, "published")))
		.orderBy(desc(communityBookmarks.createdAt))
		.limit(limit);
}
