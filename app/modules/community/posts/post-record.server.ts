import { eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { uuidPattern } from "~/modules/files/kinds";
import { type CommunityPostRow, communityPosts } from "../../../../db/schema";
import { mayRead, type Viewer } from "./viewer";

export const postNotFound = () => notFound("community.errors.postNotFound");

/** The post, if the viewer may see it (404 otherwise, as for an unknown one); `lock` for a change. */
export async function readablePost(
	postId: string,
	viewer: Viewer | null | undefined,
	options: { tx?: DbOrTx; lock?: boolean } = {},
): Promise<CommunityPostRow> {
	if (!uuidPattern.test(postId)) throw postNotFound();
	const query = (options.tx ?? db()).select().from(communityPosts).where(eq(communityPosts.id, postId)).limit(1);
	const [post] = options.lock ? await query.for("update") : await query;
	if (!post || !mayRead(post, viewer)) throw postNotFound();
	return post;
}

/** Within the edit window after writing (COMMUNITY_EDIT_WINDOW_MINUTES). */
export const editableUntil = (createdAt: Date, windowMinutes: number) => new Date(createdAt.getTime() + windowMinutes * 60_000);
