import { and, eq, sql } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { approvedCoachUserIds } from "~/modules/coaches/approved-coach-users.server";
import { getStoredFile } from "~/modules/files/get-file.server";
import { publicFileUrl, signedFileUrl } from "~/modules/files/urls.server";
import { communityBoards, communityBookmarks, communityPostLikes, communityPosts } from "../../../../db/schema";
import { type CommentView, listComments } from "../comments/list-comments.server";
import { countRead } from "../moderation/members.server";
import { renderMarkdown } from "./markdown";
import { editableUntil, readablePost } from "./post-record.server";
import { isStaff, type Viewer } from "./viewer";

export interface PostView {
	id: string;
	kind: "post" | "question";
	board: { id: string; slug: string; name: string };
	title: string;
	body: string;
	bodyHtml: string;
	author: { id: string; displayName: string; isCoach: boolean };
	status: "published" | "held" | "hidden" | "deleted";
	images: Array<{ id: string; url: string | null }>;
	likeCount: number;
	commentCount: number;
	viewCount: number;
	acceptedCommentId: string | null;
	liked: boolean;
	bookmarked: boolean;
	mine: boolean;
	editableUntil: string | null;
	createdAt: string;
	editedAt: string | null;
	comments: CommentView[];
}

/**
 * A post as its page and the API show it, with its comments. Reading it counts a view (not the
 * author's), and a signed-in reader's post read toward their trust level.
 */
export async function getPost(input: { postId: string; viewer?: Viewer | null; locale: Locale }): Promise<PostView> {
	const viewer = input.viewer ?? null;
	let post = await readablePost(input.postId, viewer);
	const mine = viewer?.userId === post.authorId;
	if (post.status === "published" && !mine) {
		const [counted] = await db()
			.update(communityPosts)
			.set({ viewCount: sql`${communityPosts.viewCount} + 1` })
			.where(eq(communityPosts.id, post.id))
			.returning();
		if (counted) post = counted;
		if (viewer) await countRead(viewer.userId);
	}
	const [[board], names, coaches, liked, bookmarked, comments] = await Promise.all([
		db().select().from(communityBoards).where(eq(communityBoards.id, post.boardId)).limit(1),
		displayNamesOf([post.authorId]),
		approvedCoachUserIds([post.authorId]),
		viewer
			? db()
					.select({ one: sql`1` })
					.from(communityPostLikes)
					.where(and(eq(communityPostLikes.postId, post.id), eq(communityPostLikes.userId, viewer.userId)))
					.then((rows) => rows.length > 0)
			: false,
		viewer
			? db()
					.select({ one: sql`1` })
					.from(communityBookmarks)
					.where(and(eq(communityBookmarks.postId, post.id), eq(communityBookmarks.userId, viewer.userId)))
					.then((rows) => rows.length > 0)
			: false,
		listComments(post, viewer),
	]);
	const until = editableUntil(post.createdAt, settings().COMMUNITY_EDIT_WINDOW_MINUTES);
	// Images are private uploads until a moderator publishes the post's images: others see none before then.
	const seesPrivate = mine || isStaff(viewer);
	return {
		id: post.id,
		kind: post.kind,
		board: { id: post.boardId, slug: board?.slug ?? "", name: (input.locale === "en" ? board?.nameEn : board?.nameZh) ?? "" },
		title: post.title,
		body: post.body,
		bodyHtml: renderMarkdown(post.body),
		author: { id: post.authorId, displayName: names.get(post.authorId) ?? "", isCoach: coaches.has(post.authorId) },
		status: post.status,
		images: await Promise.all(
			post.imageFileIds.map(async (id) => {
				const file = await getStoredFile(id);
				const url =
					file?.visibility === "public" ? publicFileUrl(id, "card") : file && seesPrivate ? signedFileUrl(id, 300, "card") : null;
				return { id, url };
			}),
		),
		likeCount: post.likeCount,
		commentCount: post.commentCount,
		viewCount: post.viewCount,
		acceptedCommentId: post.acceptedCommentId,
		liked,
		bookmarked,
		mine,
		editableUntil: mine && new Date() < until ? until.toISOString() : null,
		createdAt: post.createdAt.toISOString(),
		editedAt: post.editedAt?.toISOString() ?? null,
		comments,
	};
}
