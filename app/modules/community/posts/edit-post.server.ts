import { eq } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { recordHits } from "~/modules/moderation/hits.server";
import { communityPosts } from "../../../../db/schema";
import { admitContribution } from "../moderation/gate.server";
import { editableUntil, readablePost } from "./post-record.server";
import type { PostEdit } from "./schema";
import type { Viewer } from "./viewer";

/**
 * The author edits their post within the edit window; the edit passes the same gate as a new
 * post, and a hit holds a published post again. Staff-hidden posts stay hidden.
 */
export async function editPost(input: { viewer: Viewer; postId: string; edit: PostEdit; ip?: string; now?: Date }) {
	const now = input.now ?? new Date();
	const current = await readablePost(input.postId, input.viewer);
	if (current.authorId !== input.viewer.userId) throw forbidden("community.errors.notAuthor");
	if (now > editableUntil(current.createdAt, settings().COMMUNITY_EDIT_WINDOW_MINUTES)) {
		throw new AppError(409, "edit_window_closed", "community.errors.editWindowClosed");
	}
	const admitted = await admitContribution({
		userId: input.viewer.userId,
		ip: input.ip,
		what: "post",
		texts: [input.edit.title, input.edit.body],
		imageCount: current.imageFileIds.length,
	});
	const [title = input.edit.title, body = input.edit.body] = admitted.texts;
	return db().transaction(async (tx) => {
		const locked = await readablePost(input.postId, input.viewer, { tx, lock: true });
		const status = locked.status === "published" && admitted.status === "held" ? "held" : locked.status;
		const [edited] = await tx
			.update(communityPosts)
			.set({ title, body, status, editedAt: now })
			.where(eq(communityPosts.id, locked.id))
			.returning({ id: communityPosts.id, status: communityPosts.status });
		await recordHits(tx, { kind: "community_post", id: locked.id }, admitted.words);
		return edited as { id: string; status: typeof status };
	});
}

/** The author deletes their post: it leaves the board and answers 404 to everyone but the back office. */
export async function deletePost(input: { viewer: Viewer; postId: string }): Promise<void> {
	await db().transaction(async (tx) => {
		const post = await readablePost(input.postId, input.viewer, { tx, lock: true });
		if (post.authorId !== input.viewer.userId) throw forbidden("community.errors.notAuthor");
		await tx.update(communityPosts).set({ status: "deleted" }).where(eq(communityPosts.id, post.id));
	});
}
