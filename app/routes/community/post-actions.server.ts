import { z } from "zod";
import { isAppError } from "~/lib/errors";
import { redirectWithToast } from "~/lib/toast.server";
import { addComment } from "~/modules/community/comments/add-comment.server";
import { flagPost } from "~/modules/community/moderation/flags.server";
import { deletePost, editPost } from "~/modules/community/posts/edit-post.server";
import { commentInputSchema, flagInputSchema, postEditSchema } from "~/modules/community/posts/schema";
import type { Viewer } from "~/modules/community/posts/viewer";
import { acceptAnswer, verifyAnswer } from "~/modules/community/qa/answers.server";
import { setBookmark, setCommentLike, setPostLike } from "~/modules/community/reactions/reactions.server";

const intentSchema = z.enum([
	"comment",
	"like",
	"unlike",
	"bookmark",
	"unbookmark",
	"accept",
	"verify",
	"like-comment",
	"flag",
	"delete",
	"edit",
]);

/**
 * What a post page's plain forms do (each works without JavaScript): the intent names the move,
 * the member lands back on the post with a toast saying it was done or, in their language, why not.
 */
export async function postPageAction(input: { viewer: Viewer; postId: string; form: Record<string, string> }) {
	const back = `/community/p/${input.postId}`;
	const intent = intentSchema.safeParse(input.form.intent);
	if (!intent.success) return redirectWithToast(back, { kind: "error", messageKey: "errors.badRequest" });
	const { viewer, postId } = input;
	const commentId = input.form.commentId ?? "";
	try {
		switch (intent.data) {
			case "comment": {
				const parsed = commentInputSchema.safeParse({ body: input.form.body, parentId: input.form.parentId || undefined });
				if (!parsed.success) {
					const key = parsed.error.issues[0]?.message ?? "errors.badRequest";
					return redirectWithToast(back, { kind: "error", messageKey: key.includes(".") ? key : "errors.badRequest" });
				}
				const written = await addComment({ viewer, postId, comment: parsed.data });
				return redirectWithToast(`${back}#comment-${written.id}`, {
					kind: "success",
					messageKey: written.status === "held" ? "community.form.heldNotice" : "community.form.published",
				});
			}
			case "like":
			case "unlike":
				await setPostLike({ viewer, postId, liked: intent.data === "like" });
				break;
			case "like-comment":
				await setCommentLike({ viewer, commentId, liked: input.form.liked !== "true" });
				break;
			case "bookmark":
			case "unbookmark":
				await setBookmark({ viewer, postId, bookmarked: intent.data === "bookmark" });
				break;
			case "accept":
				await acceptAnswer({ viewer, postId, commentId });
				break;
			case "verify":
				await verifyAnswer({ viewer, postId, commentId });
				break;
			case "flag": {
				const parsed = flagInputSchema.safeParse({ reason: input.form.reason, detail: input.form.detail });
				if (!parsed.success) return redirectWithToast(back, { kind: "error", messageKey: "moderation.errors.reason" });
				await flagPost({ viewer, postId, flag: parsed.data });
				return redirectWithToast(back, { kind: "success", messageKey: "community.post.flagged" });
			}
			case "edit": {
				// Nothing is saved unless both fields pass; the first refusal is said in the member's language.
				const parsed = postEditSchema.safeParse({ title: input.form.title, body: input.form.body });
				if (!parsed.success) {
					const key = parsed.error.issues[0]?.message ?? "errors.badRequest";
					return redirectWithToast(back, { kind: "error", messageKey: key.includes(".") ? key : "errors.badRequest" });
				}
				const edited = await editPost({ viewer, postId, edit: parsed.data });
				return redirectWithToast(back, {
					kind: "success",
					messageKey: edited.status === "held" ? "community.form.heldNotice" : "community.post.edited",
				});
			}
			case "delete":
				await deletePost({ viewer, postId });
				return redirectWithToast("/community", { kind: "success", messageKey: "community.post.deleted" });
		}
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
	}
	return redirectWithToast(back, { kind: "success", messageKey: "community.admin.decided" });
}
