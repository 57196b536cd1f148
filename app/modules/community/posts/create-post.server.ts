import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { getStoredFile } from "~/modules/files/get-file.server";
import { markAttached } from "~/modules/files/mark-attached.server";
import { recordHits } from "~/modules/moderation/hits.server";
import { communityPosts } from "../../../../db/schema";
import { openBoard } from "../boards/boards.server";
import { admitContribution } from "../moderation/gate.server";
import type { PostInput } from "./schema";

/** Images must be the author's own uploaded images (they stay private until a moderator publishes the post's images). */
async function assertOwnImages(authorId: string, fileIds: string[]): Promise<void> {
	if (new Set(fileIds).size !== fileIds.length) throw new AppError(422, "validation_failed", "community.errors.image");
	for (const fileId of fileIds) {
		const file = await getStoredFile(fileId);
		if (!file || file.ownerId !== authorId || !file.isImage) {
			throw new AppError(422, "validation_failed", "community.errors.image");
		}
	}
}

/**
 * A member writes a post or asks a question on an open board. It passes the gate (verified
 * phone, rate limits, new-member limits, the word list by category) before anything is saved:
 * then it is published at once, or held for a moderator with the words it hit.
 */
export async function createPost(input: { authorId: string; ip?: string; post: PostInput }): Promise<{
	id: string;
	status: "published" | "held";
}> {
	const board = await openBoard(input.post.boardId);
	await assertOwnImages(input.authorId, input.post.imageFileIds);
	const admitted = await admitContribution({
		userId: input.authorId,
		ip: input.ip,
		what: "post",
		texts: [input.post.title, input.post.body],
		imageCount: input.post.imageFileIds.length,
	});
	const [title = input.post.title, body = input.post.body] = admitted.texts;
	// Milliseconds, as a JavaScript date holds them: board-page cursors carry these times exactly.
	const now = new Date();
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(communityPosts)
			.values({
				boardId: board.id,
				authorId: input.authorId,
				kind: input.post.kind,
				title,
				body,
				imageFileIds: input.post.imageFileIds,
				status: admitted.status,
				createdAt: now,
				lastActivityAt: now,
			})
			.returning({ id: communityPosts.id, status: communityPosts.status });
		if (!row) throw new Error("post insert returned nothing");
		await recordHits(tx, { kind: "community_post", id: row.id }, admitted.words);
		for (const fileId of input.post.imageFileIds) await markAttached(fileId, tx);
		return { id: row.id, status: admitted.status };
	});
}
