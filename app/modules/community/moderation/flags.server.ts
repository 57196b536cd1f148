import { and, eq, inArray } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { uuidPattern } from "~/modules/files/kinds";
import { fileReport } from "~/modules/moderation/reports.server";
import { communityComments, communityMembers, communityPosts, moderationReports } from "../../../../db/schema";
import { commentNotFound, recountComments } from "../comments/add-comment.server";
import { readablePost } from "../posts/post-record.server";
import type { FlagInput } from "../posts/schema";
import type { Viewer } from "../posts/viewer";
import { flagWeight, trustLevelOf } from "./trust";

type Flagged = { kind: "community_post" | "community_comment"; id: string };

/** The summed weight of a subject's open flags: each reporter's trust level decides theirs. */
async function openFlagWeight(subject: Flagged): Promise<number> {
	const reporters = await db()
		.select({ userId: moderationReports.reporterId })
		.from(moderationReports)
		.where(
			and(
				eq(moderationReports.subjectKind, subject.kind),
				eq(moderationReports.subjectId, subject.id),
				eq(moderationReports.status, "open"),
			),
		);
	if (reporters.length === 0) return 0;
	const members = await db()
		.select()
		.from(communityMembers)
		.where(
			inArray(
				communityMembers.userId,
				reporters.map((row) => row.userId),
			),
		);
	const levels = new Map(members.map((member) => [member.userId, trustLevelOf(member)]));
	return reporters.reduce((sum, row) => sum + flagWeight[levels.get(row.userId) ?? 0], 0);
}

/**
 * A member flags a published post with a reason (one open flag per member, the moderation
 * reports). When the flags' weight passes COMMUNITY_FLAG_HIDE_WEIGHT the post is hidden at once
 * and waits for a moderator in the queue.
 */
export async function flagPost(input: { viewer: Viewer; postId: string; flag: FlagInput }) {
	const post = await readablePost(input.postId, input.viewer);
	if (post.status !== "published") throw forbidden("community.errors.postClosed");
	if (post.authorId === input.viewer.userId) throw forbidden("moderation.errors.ownContent");
	const subject = { kind: "community_post" as const, id: post.id };
	const report = await fileReport({ subject, reporterId: input.viewer.userId, ...input.flag });
	const hidden = (await openFlagWeight(subject)) >= settings().COMMUNITY_FLAG_HIDE_WEIGHT;
	if (hidden) {
		await db()
			.update(communityPosts)
			.set({ status: "hidden", hiddenByFlagsAt: new Date() })
			.where(and(eq(communityPosts.id, post.id), eq(communityPosts.status, "published")));
	}
	return { id: report.id, status: report.status, subjectHidden: hidden };
}

/** The same for a comment (hidden comments leave the post's count). */
export async function flagComment(input: { viewer: Viewer; commentId: string; flag: FlagInput }) {
	if (!uuidPattern.test(input.commentId)) throw commentNotFound();
	const [comment] = await db().select().from(communityComments).where(eq(communityComments.id, input.commentId)).limit(1);
	if (!comment || comment.status !== "published") throw commentNotFound();
	await readablePost(comment.postId, input.viewer);
	if (comment.authorId === input.viewer.userId) throw forbidden("moderation.errors.ownContent");
	const subject = { kind: "community_comment" as const, id: comment.id };
	const report = await fileReport({ subject, reporterId: input.viewer.userId, ...input.flag });
	const hidden = (await openFlagWeight(subject)) >= settings().COMMUNITY_FLAG_HIDE_WEIGHT;
	if (hidden) {
		await db().transaction(async (tx) => {
			await tx
				.update(communityComments)
				.set({ status: "hidden" })
				.where(and(eq(communityComments.id, comment.id), eq(communityComments.status, "published")));
			await recountComments(tx, comment.postId, false);
		});
	}
	return { id: report.id, status: report.status, subjectHidden: hidden };
}
