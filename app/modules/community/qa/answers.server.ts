import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { approvedCoachUserIds } from "~/modules/coaches/approved-coach-users.server";
import { uuidPattern } from "~/modules/files/kinds";
import { communityComments, communityPosts } from "../../../../db/schema";
import { commentNotFound } from "../comments/add-comment.server";
import { readablePost } from "../posts/post-record.server";
import type { Viewer } from "../posts/viewer";

/** A published answer (a top-level comment) of this question, or a clear refusal. */
async function answerOf(questionId: string, commentId: string) {
	if (!uuidPattern.test(commentId)) throw commentNotFound();
	const [comment] = await db().select().from(communityComments).where(eq(communityComments.id, commentId)).limit(1);
	if (!comment || comment.status !== "published") throw commentNotFound();
	if (comment.postId !== questionId) {
		throw new AppError(422, "not_an_answer", "community.errors.answerOfAnotherQuestion");
	}
	if (comment.parentId) throw new AppError(422, "not_an_answer", "community.errors.replyNotAnswer");
	return comment;
}

/** The asker accepts one answer of their question (accepting another replaces it); the answerer is told. */
export async function acceptAnswer(input: { viewer: Viewer; postId: string; commentId: string }) {
	const question = await readablePost(input.postId, input.viewer);
	if (question.kind !== "question") throw new AppError(422, "not_a_question", "community.errors.notAQuestion");
	if (question.authorId !== input.viewer.userId) throw forbidden("community.errors.onlyAsker");
	if (question.status !== "published") throw new AppError(409, "post_closed", "community.errors.postClosed");
	const answer = await answerOf(question.id, input.commentId);
	await db().transaction(async (tx) => {
		await tx.update(communityPosts).set({ acceptedCommentId: answer.id }).where(eq(communityPosts.id, question.id));
		if (answer.authorId !== input.viewer.userId && question.acceptedCommentId !== answer.id) {
			await notify(
				{
					userId: answer.authorId,
					kind: "communityAccepted",
					params: { title: question.title },
					link: `/community/p/${question.id}#comment-${answer.id}`,
				},
				tx,
			);
		}
	});
	return { postId: question.id, acceptedCommentId: answer.id };
}

/** An approved coach marks another member's answer coach-verified (教练认证); the mark stays with the coach's id. */
export async function verifyAnswer(input: { viewer: Viewer; postId: string; commentId: string }) {
	const question = await readablePost(input.postId, input.viewer);
	if (question.kind !== "question") throw new AppError(422, "not_a_question", "community.errors.notAQuestion");
	if (!(await approvedCoachUserIds([input.viewer.userId])).has(input.viewer.userId)) {
		throw forbidden("community.errors.onlyCoaches");
	}
	const answer = await answerOf(question.id, input.commentId);
	if (answer.authorId === input.viewer.userId) throw forbidden("community.errors.ownAnswer");
	await db()
		.update(communityComments)
		.set({ coachVerifiedBy: input.viewer.userId, coachVerifiedAt: new Date() })
		.where(and(eq(communityComments.id, answer.id)));
	return { commentId: answer.id, coachVerified: true };
}
