import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { db } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { approvedCoachUserIds } from "~/modules/coaches/approved-coach-users.server";
import { type CoachFreeSoon, freeSoonOfCoachUsers } from "~/modules/coaches/free-soon.server";
import { communityBoards, communityPosts } from "../../../../db/schema";
import { followeeIdsOf } from "../follows/follows.server";

export interface FeedPost {
	id: string;
	kind: "post" | "question";
	title: string;
	excerpt: string;
	board: { slug: string; name: string };
	author: { id: string; displayName: string; isCoach: boolean };
	likeCount: number;
	commentCount: number;
	createdAt: string;
}

const pageSize = 20;
const excerptLength = 120;

/** A keyset cursor: the last item's time and id, so pages never skip or repeat a post. */
const encodeCursor = (post: { createdAt: Date; id: string }) =>
	Buffer.from(`${post.createdAt.toISOString()}|${post.id}`).toString("base64url");
function decodeCursor(raw: string | undefined): { createdAt: Date; id: string } | null {
	if (!raw) return null;
	const [at, id] = Buffer.from(raw, "base64url").toString().split("|");
	const createdAt = new Date(at ?? "");
	if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) return null;
	return { createdAt, id };
}

/** Published posts of these authors, newest first, one keyset page (the feed and the public profile). */
export async function publishedPostsOf(input: { authorIds: string[]; cursor?: string; locale: Locale; limit?: number }) {
	const limit = input.limit ?? pageSize;
	if (input.authorIds.length === 0) return { items: [] as FeedPost[], nextCursor: null };
	const after = decodeCursor(input.cursor);
	const rows = await db()
		.select({ post: communityPosts, board: communityBoards })
		.from(communityPosts)
		.innerJoin(communityBoards, eq(communityBoards.id, communityPosts.boardId))
		.where(
			and(
				inArray(communityPosts.authorId, input.authorIds),
				eq(communityPosts.status, "published"),
				after
					? or(
							lt(communityPosts.createdAt, after.createdAt),
							and(eq(communityPosts.createdAt, after.createdAt), lt(communityPosts.id, after.id)),
						)
					: undefined,
			),
		)
		.orderBy(desc(communityPosts.createdAt), desc(communityPosts.id))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const authorIds = page.map((row) => row.post.authorId);
	const [accounts, coachIds] = await Promise.all([findUsersByIds(authorIds), approvedCoachUserIds(authorIds)]);
	const items: FeedPost[] = [];
	for (const { post, board } of page) {
		const author = accounts.get(post.authorId);
		if (author?.status !== "active") continue;
		items.push({
			id: post.id,
			kind: post.kind,
			title: post.title,
			excerpt: plainExcerpt(post.body),
			board: { slug: board.slug, name: input.locale === "en" ? board.nameEn : board.nameZh },
			author: { id: author.id, displayName: author.displayName, isCoach: coachIds.has(author.id) },
			likeCount: post.likeCount,
			commentCount: post.commentCount,
			createdAt: post.createdAt.toISOString(),
		});
	}
	const last = page[page.length - 1];
	return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.post) : null };
}

/** Markdown reduced to a line of plain text for a card (the post page renders the real thing). */
function plainExcerpt(markdown: string): string {
	const text = markdown
		.replace(/!\[[^\]]*\]\([^)]*\)/g, "")
		.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
		.replace(/[#>*_`~-]+/g, " ")
		.replace(/\s+/g, " ")
		.trim();
	return text.length > excerptLength ? `${text.slice(0, excerptLength)}…` : text;
}

/**
 * The caller's feed: posts of the people they follow, newest first by keyset pages, and (on the
 * first page) the followed coaches who have free time in the coming week.
 */
export async function readFeed(input: { userId: string; cursor?: string; locale: Locale }): Promise<{
	items: FeedPost[];
	nextCursor: string | null;
	coachesFreeSoon: CoachFreeSoon[];
}> {
	const followees = await followeeIdsOf(input.userId);
	const posts = await publishedPostsOf({ authorIds: followees, cursor: input.cursor, locale: input.locale });
	const coachesFreeSoon = input.cursor ? [] : await freeSoonOfCoachUsers(followees);
	return { ...posts, coachesFreeSoon };
}
