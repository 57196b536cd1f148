import type { Request } from "express";
import { z } from "zod";
import { requireApiPermission, requireApiSession } from "~/modules/accounts/guards.server";
import { boardBySlug, listBoards, updateBoard } from "~/modules/community/boards/boards.server";
import { addComment } from "~/modules/community/comments/add-comment.server";
import { communityQueue, decideContent } from "~/modules/community/moderation/decide.server";
import { flagComment, flagPost } from "~/modules/community/moderation/flags.server";
import { boardPage } from "~/modules/community/posts/board-page.server";
import { createPost } from "~/modules/community/posts/create-post.server";
import { deletePost, editPost } from "~/modules/community/posts/edit-post.server";
import { getPost } from "~/modules/community/posts/get-post.server";
import {
	boardPageQuerySchema,
	boardUpdateSchema,
	commentInputSchema,
	contentDecisionSchema,
	flagInputSchema,
	postEditSchema,
	postInputSchema,
} from "~/modules/community/posts/schema";
import type { Viewer } from "~/modules/community/posts/viewer";
import { acceptAnswer, verifyAnswer } from "~/modules/community/qa/answers.server";
import { setBookmark, setCommentLike, setPostLike } from "~/modules/community/reactions/reactions.server";
import { authHeaders, clientOf } from "../client";
import { defineEndpoint } from "../endpoint";

/** The community's boards, posts, questions, comments and reactions, and its back-office queue. */
const statusSchema = z.enum(["published", "held", "hidden", "deleted"]);
const postId = z.object({ postId: z.string().uuid("community.errors.postNotFound") });
const commentId = z.object({ commentId: z.string().uuid("community.errors.commentNotFound") });

async function viewerOf(req: Request): Promise<Viewer> {
	const session = await requireApiSession(authHeaders(req));
	return { userId: session.user.id, roles: session.roles };
}
/** Public reads: a signed-in caller sees their own held words and their likes; no or a bad token reads as signed out. */
const optionalViewer = (req: Request): Promise<Viewer | null> => viewerOf(req).catch(() => null);

const boardSchema = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() });
const authorSchema = z.object({ id: z.string().uuid(), displayName: z.string() });
const summarySchema = z.object({
	id: z.string().uuid(),
	kind: z.enum(["post", "question"]),
	title: z.string(),
	excerpt: z.string(),
	author: authorSchema,
	likeCount: z.number().int(),
	commentCount: z.number().int(),
	answered: z.boolean().describe("A question with an accepted answer"),
	createdAt: z.string(),
	lastActivityAt: z.string(),
});
type CommentShape = {
	id: string;
	parentId: string | null;
	body: string;
	bodyHtml: string;
	author: { id: string; displayName: string; isCoach: boolean };
	status: z.infer<typeof statusSchema>;
	likeCount: number;
	liked: boolean;
	accepted: boolean;
	coachVerified: boolean;
	createdAt: string;
	editedAt: string | null;
	replies: CommentShape[];
};
const commentFields = {
	id: z.string().uuid(),
	parentId: z.string().uuid().nullable(),
	body: z.string().describe("Markdown as written"),
	bodyHtml: z.string().describe("The body rendered with raw HTML off: safe to insert"),
	author: authorSchema.extend({ isCoach: z.boolean().describe("Written by an approved coach (the 教练 badge)") }),
	status: statusSchema,
	likeCount: z.number().int(),
	liked: z.boolean(),
	accepted: z.boolean(),
	coachVerified: z.boolean(),
	createdAt: z.string(),
	editedAt: z.string().nullable(),
};
const replySchema = z.object({ ...commentFields, replies: z.array(z.never()) });
const commentSchema: z.ZodType<CommentShape> = z.object({ ...commentFields, replies: z.array(replySchema) });
const postSchema = z.object({
	id: z.string().uuid(),
	kind: z.enum(["post", "question"]),
	board: boardSchema,
	title: z.string(),
	body: z.string(),
	bodyHtml: z.string(),
	author: authorSchema.extend({ isCoach: z.boolean() }),
	status: statusSchema.describe("held and hidden posts are shown only to their author and the back office"),
	images: z.array(
		z.object({ id: z.string().uuid(), url: z.string().nullable().describe("null until a moderator publishes them") }),
	),
	likeCount: z.number().int(),
	commentCount: z.number().int(),
	viewCount: z.number().int(),
	acceptedCommentId: z.string().uuid().nullable(),
	liked: z.boolean(),
	bookmarked: z.boolean(),
	mine: z.boolean(),
	editableUntil: z.string().nullable(),
	createdAt: z.string(),
	editedAt: z.string().nullable(),
	comments: z.array(commentSchema).describe("Threads: answers of a question accepted first, then by Wilson lower bound"),
});
const written = z.object({ id: z.string().uuid(), status: z.enum(["published", "held"]) });
const gateRefusals = {
	400: { description: "Empty, too long, HTML tags, control characters, or more than 9 images" },
	401: { description: "Not signed in" },
	403: { description: "No verified phone on the account" },
	422: {
		description:
			"blocked_words (the words named), links_not_allowed or too_many_images for a new member, an image not the caller's",
	},
	429: { description: "rate_limited: too many posts or comments this hour from the user or the IP" },
};

export const listCommunityBoards = defineEndpoint({
	method: "get",
	path: "/community/boards",
	summary: "The community's boards, in their order",
	tag: "community",
	responses: { 200: { description: "The boards", schema: z.object({ items: z.array(boardSchema) }) } },
	handler: async ({ locale }) => ({
		body: { items: (await listBoards({ locale })).map(({ id, slug, name }) => ({ id, slug, name })) },
	}),
});

export const listCommunityBoardPosts = defineEndpoint({
	method: "get",
	path: "/community/boards/:slug/posts",
	summary: "A board's published posts by keyset pages: latest activity, newest, or the week's most liked",
	tag: "community",
	params: z.object({ slug: z.string().max(40) }),
	query: boardPageQuerySchema,
	responses: {
		200: {
			description: "A page; pass nextCursor as cursor (same sort) for the next",
			schema: z.object({ board: boardSchema, items: z.array(summarySchema), nextCursor: z.string().nullable() }),
		},
		400: { description: "An unknown sort or a cursor of another sort" },
		404: { description: "No such board, or archived" },
	},
	handler: async ({ params, query, locale }) => {
		const board = await boardBySlug(params.slug, locale);
		const page = await boardPage({ boardId: board.id, ...query });
		return { body: { board: { id: board.id, slug: board.slug, name: board.name }, ...page } };
	},
});

export const createCommunityPost = defineEndpoint({
	method: "post",
	path: "/community/posts",
	summary: "Write a post or ask a question; published at once, or held for a moderator when it hits the word list",
	tag: "community",
	auth: "bearer",
	body: postInputSchema,
	responses: {
		201: { description: "Written", schema: z.object({ post: written }) },
		...gateRefusals,
		404: { description: "No such board, or archived" },
	},
	handler: async ({ req, body }) => {
		const viewer = await viewerOf(req);
		return { status: 201, body: { post: await createPost({ authorId: viewer.userId, ip: clientOf(req).ip, post: body }) } };
	},
});

export const getCommunityPost = defineEndpoint({
	method: "get",
	path: "/community/posts/:postId",
	summary: "A post with its comments; held or hidden posts answer 404 to everyone but the author and the back office",
	tag: "community",
	params: postId,
	responses: {
		200: { description: "The post", schema: z.object({ post: postSchema }) },
		404: { description: "No such post, or not visible to the caller" },
	},
	handler: async ({ req, params, locale }) => ({
		body: { post: await getPost({ postId: params.postId, viewer: await optionalViewer(req), locale }) },
	}),
});

export const editCommunityPost = defineEndpoint({
	method: "put",
	path: "/community/posts/:postId",
	summary: "The author edits the title and text within the edit window (COMMUNITY_EDIT_WINDOW_MINUTES); screened again",
	tag: "community",
	auth: "bearer",
	params: postId,
	body: postEditSchema,
	responses: {
		200: { description: "Edited", schema: z.object({ post: written.extend({ status: statusSchema }) }) },
		...gateRefusals,
		403: { description: "Not the author, or no verified phone" },
		404: { description: "No such post" },
		409: { description: "edit_window_closed" },
	},
	handler: async ({ req, params, body }) => ({
		body: { post: await editPost({ viewer: await viewerOf(req), postId: params.postId, edit: body, ip: clientOf(req).ip }) },
	}),
});

export const deleteCommunityPost = defineEndpoint({
	method: "delete",
	path: "/community/posts/:postId",
	summary: "The author deletes their post",
	tag: "community",
	auth: "bearer",
	params: postId,
	responses: {
		204: { description: "Deleted" },
		401: { description: "Not signed in" },
		403: { description: "Not the author" },
		404: { description: "No such post" },
	},
	handler: async ({ req, params }) => {
		await deletePost({ viewer: await viewerOf(req), postId: params.postId });
		return { status: 204 };
	},
});

export const addCommunityComment = defineEndpoint({
	method: "post",
	path: "/community/posts/:postId/comments",
	summary: "Comment on a published post (an answer, on a question), or reply to a comment (one level deep)",
	tag: "community",
	auth: "bearer",
	params: postId,
	body: commentInputSchema,
	responses: {
		201: { description: "Written", schema: z.object({ comment: written }) },
		...gateRefusals,
		404: { description: "No such post or parent comment" },
		409: { description: "post_closed: the post is deleted, held or hidden" },
	},
	handler: async ({ req, params, body }) => {
		const viewer = await viewerOf(req);
		const comment = await addComment({ viewer, postId: params.postId, comment: body, ip: clientOf(req).ip });
		return { status: 201, body: { comment } };
	},
});

export const acceptCommunityAnswer = defineEndpoint({
	method: "post",
	path: "/community/posts/:postId/accepted-answer",
	summary: "The asker accepts one answer of their question (another acceptance replaces it)",
	tag: "community",
	auth: "bearer",
	params: postId,
	body: z.object({ commentId: z.string().uuid("community.errors.commentNotFound") }),
	responses: {
		200: {
			description: "Accepted",
			schema: z.object({ question: z.object({ postId: z.string().uuid(), acceptedCommentId: z.string().uuid() }) }),
		},
		401: { description: "Not signed in" },
		403: { description: "Not the asker" },
		404: { description: "No such question or answer" },
		422: { description: "not_a_question, or not_an_answer: the comment belongs to another question or is a reply" },
	},
	handler: async ({ req, params, body }) => ({
		body: { question: await acceptAnswer({ viewer: await viewerOf(req), postId: params.postId, commentId: body.commentId }) },
	}),
});

export const verifyCommunityAnswer = defineEndpoint({
	method: "post",
	path: "/community/posts/:postId/coach-verified-answers",
	summary: "An approved coach marks another member's answer coach-verified (教练认证)",
	tag: "community",
	auth: "bearer",
	params: postId,
	body: z.object({ commentId: z.string().uuid("community.errors.commentNotFound") }),
	responses: {
		200: {
			description: "Marked",
			schema: z.object({ answer: z.object({ commentId: z.string().uuid(), coachVerified: z.literal(true) }) }),
		},
		401: { description: "Not signed in" },
		403: { description: "Not an approved coach, or the coach's own answer" },
		404: { description: "No such question or answer" },
		422: { description: "not_a_question or not_an_answer" },
	},
	handler: async ({ req, params, body }) => ({
		body: { answer: await verifyAnswer({ viewer: await viewerOf(req), postId: params.postId, commentId: body.commentId }) },
	}),
});

const likeState = z.object({ like: z.object({ likeCount: z.number().int().min(0), liked: z.boolean() }) });
const likeRefusals = {
	401: { description: "Not signed in" },
	403: { description: "The caller's own words, or a post that takes no interaction" },
	404: { description: "No such post or comment" },
};
const likeEndpoint = (method: "put" | "delete", target: "post" | "comment") =>
	defineEndpoint({
		method,
		path: target === "post" ? "/community/posts/:id/like" : "/community/comments/:id/like",
		summary: `${method === "put" ? "Like" : "Take back the like of"} a ${target} (repeating changes nothing)`,
		tag: "community",
		auth: "bearer",
		params: z.object({
			id: z.string().uuid(target === "post" ? "community.errors.postNotFound" : "community.errors.commentNotFound"),
		}),
		responses: { 200: { description: "The count and the caller's like", schema: likeState }, ...likeRefusals },
		handler: async ({ req, params }) => {
			const viewer = await viewerOf(req);
			const liked = method === "put";
			const like =
				target === "post"
					? await setPostLike({ viewer, postId: params.id, liked })
					: await setCommentLike({ viewer, commentId: params.id, liked });
			return { body: { like } };
		},
	});
export const likeCommunityPost = likeEndpoint("put", "post");
export const unlikeCommunityPost = likeEndpoint("delete", "post");
export const likeCommunityComment = likeEndpoint("put", "comment");
export const unlikeCommunityComment = likeEndpoint("delete", "comment");

const bookmarkEndpoint = (method: "put" | "delete") =>
	defineEndpoint({
		method,
		path: "/community/posts/:postId/bookmark",
		summary: `${method === "put" ? "Bookmark" : "Remove the bookmark of"} a post (repeating changes nothing)`,
		tag: "community",
		auth: "bearer",
		params: postId,
		responses: {
			200: { description: "The caller's bookmark", schema: z.object({ bookmark: z.object({ bookmarked: z.boolean() }) }) },
			401: { description: "Not signed in" },
			404: { description: "No such post" },
		},
		handler: async ({ req, params }) => ({
			body: { bookmark: await setBookmark({ viewer: await viewerOf(req), postId: params.postId, bookmarked: method === "put" }) },
		}),
	});
export const bookmarkCommunityPost = bookmarkEndpoint("put");
export const unbookmarkCommunityPost = bookmarkEndpoint("delete");

const flagged = z.object({
	flag: z.object({
		id: z.string().uuid(),
		status: z.literal("open"),
		subjectHidden: z.boolean().describe("The flags' weight passed the threshold: hidden until a moderator decides"),
	}),
});
const flagRefusals = {
	400: { description: "An unknown reason or too long a detail" },
	401: { description: "Not signed in" },
	403: { description: "The caller's own words" },
	404: { description: "No such published post or comment" },
	409: { description: "already_reported: the caller's flag is open" },
};
export const flagCommunityPost = defineEndpoint({
	method: "post",
	path: "/community/posts/:postId/flags",
	summary: "Flag a post with a reason; trusted members' flags weigh more, and enough weight hides it for a moderator",
	tag: "community",
	auth: "bearer",
	params: postId,
	body: flagInputSchema,
	responses: { 201: { description: "Flagged", schema: flagged }, ...flagRefusals },
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: { flag: await flagPost({ viewer: await viewerOf(req), postId: params.postId, flag: body }) },
	}),
});
export const flagCommunityComment = defineEndpoint({
	method: "post",
	path: "/community/comments/:commentId/flags",
	summary: "Flag a comment with a reason (weighted as for posts)",
	tag: "community",
	auth: "bearer",
	params: commentId,
	body: flagInputSchema,
	responses: { 201: { description: "Flagged", schema: flagged }, ...flagRefusals },
	handler: async ({ req, params, body }) => ({
		status: 201,
		body: { flag: await flagComment({ viewer: await viewerOf(req), commentId: params.commentId, flag: body }) },
	}),
});

const staffDenied = {
	401: { description: "Not signed in" },
	403: { description: "Not support or admin (with the second factor)" },
};
const reportsSchema = z
	.object({
		count: z.number().int(),
		reasons: z.record(z.string(), z.number().int()),
		details: z.array(z.string()),
		firstAt: z.string(),
	})
	.nullable();
export const listCommunityQueue = defineEndpoint({
	method: "get",
	path: "/admin/community/queue",
	summary: "Held posts and comments, those flags hid, and flagged ones, oldest first",
	tag: "admin",
	auth: "bearer",
	responses: {
		200: {
			description: "The queue",
			schema: z.object({
				items: z.array(
					z.object({
						kind: z.enum(["post", "comment"]),
						id: z.string().uuid(),
						postId: z.string().uuid(),
						title: z.string().nullable(),
						body: z.string(),
						author: authorSchema,
						status: statusSchema,
						hiddenByFlags: z.boolean(),
						matchedWords: z.array(z.string()),
						reports: reportsSchema,
						createdAt: z.string(),
					}),
				),
			}),
		},
		...staffDenied,
	},
	handler: async ({ req }) => {
		await requireApiPermission(authHeaders(req), "moderate:content:any");
		return { body: { items: await communityQueue() } };
	},
});

const decisionEndpoint = (kind: "post" | "comment") =>
	defineEndpoint({
		method: "post",
		path: kind === "post" ? "/admin/community/posts/:id/decision" : "/admin/community/comments/:id/decision",
		summary: `Publish, hide, restore, delete or keep (dismiss its flags) a ${kind}, with a reason; audited, the author told`,
		tag: "admin",
		auth: "bearer",
		params: z.object({ id: z.string().uuid("community.errors.postNotFound") }),
		body: contentDecisionSchema,
		responses: {
			200: { description: "Decided", schema: z.object({ decision: z.object({ id: z.string().uuid(), status: statusSchema }) }) },
			400: { description: "An unknown action or no reason" },
			...staffDenied,
			404: { description: `No such ${kind}` },
			409: { description: "Not possible from its current status" },
		},
		handler: async ({ req, params, body }) => {
			const session = await requireApiPermission(authHeaders(req), "moderate:content:any");
			return { body: { decision: await decideContent({ staffId: session.user.id, kind, id: params.id, decision: body }) } };
		},
	});
export const decideCommunityPost = decisionEndpoint("post");
export const decideCommunityComment = decisionEndpoint("comment");

export const updateCommunityBoard = defineEndpoint({
	method: "put",
	path: "/admin/community/boards/:boardId",
	summary: "Rename, reorder or archive a board (audited)",
	tag: "admin",
	auth: "bearer",
	params: z.object({ boardId: z.string().uuid("community.errors.boardNotFound") }),
	body: boardUpdateSchema,
	responses: {
		200: {
			description: "Changed",
			schema: z.object({
				board: boardSchema.extend({ nameZh: z.string(), nameEn: z.string(), position: z.number().int(), archived: z.boolean() }),
			}),
		},
		400: { description: "A name too long or empty" },
		...staffDenied,
		404: { description: "No such board" },
	},
	handler: async ({ req, params, body }) => {
		const session = await requireApiPermission(authHeaders(req), "moderate:content:any");
		return { body: { board: await updateBoard({ staffId: session.user.id, boardId: params.boardId, update: body }) } };
	},
});
