import { and, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { badRequest } from "~/lib/errors";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { communityPosts } from "../../../../db/schema";
import type { BoardSort } from "./schema";

export interface PostSummary {
	id: string;
	kind: "post" | "question";
	title: string;
	excerpt: string;
	author: { id: string; displayName: string };
	likeCount: number;
	commentCount: number;
	answered: boolean;
	createdAt: string;
	lastActivityAt: string;
}

const pageSize = 20;
const weekMs = 7 * 24 * 3_600_000;

/** A cursor is the sort key and id of the page's last post, opaque to clients. */
const encodeCursor = (sort: BoardSort, key: string, id: string) => Buffer.from(`${sort}|${key}|${id}`).toString("base64url");
function decodeCursor(sort: BoardSort, cursor: string): { key: string; id: string } {
	const [cursorSort, key, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
	const valid =
		cursorSort === sort &&
		key !== undefined &&
		/^[0-9a-f-]{36}$/.test(id ?? "") &&
		(sort === "week" ? /^\d+$/.test(key) : !Number.isNaN(Date.parse(key)));
	if (!valid) throw badRequest("community.errors.cursor", { cursor: "community.errors.cursor" });
	return { key, id: id as string };
}

const excerptOf = (body: string) =>
	body
		.replace(/[#>*_`~[\]()!-]/g, "")
		.replace(/\s+/g, " ")
		.trim()
		.slice(0, 120);

/**
 * A board's published posts by keyset pages: latest activity (a new comment lifts a post),
 * newest, or the week's most liked. Each sort reads one index range, however deep the page.
 */
export async function boardPage(input: { boardId: string; sort: BoardSort; cursor?: string; now?: Date }): Promise<{
	items: PostSummary[];
	nextCursor: string | null;
}> {
	const after = input.cursor ? decodeCursor(input.sort, input.cursor) : null;
	const base = and(eq(communityPosts.boardId, input.boardId), eq(communityPosts.status, "published"));
	const columns = {
		id: communityPosts.id,
		kind: communityPosts.kind,
		title: communityPosts.title,
		excerpt: sql<string>`left(${communityPosts.body}, 200)`,
		authorId: communityPosts.authorId,
		likeCount: communityPosts.likeCount,
		commentCount: communityPosts.commentCount,
		acceptedCommentId: communityPosts.acceptedCommentId,
		createdAt: communityPosts.createdAt,
		lastActivityAt: communityPosts.lastActivityAt,
	};
	const query = db().select(columns).from(communityPosts);
	let rows: Array<Awaited<typeof query>[number]>;
	if (input.sort === "week") {
		const since = new Date((input.now ?? new Date()).getTime() - weekMs);
		const keyset = after
			? or(
					lt(communityPosts.likeCount, Number(after.key)),
					and(eq(communityPosts.likeCount, Number(after.key)), lt(communityPosts.id, after.id)),
				)
			: undefined;
		rows = await query
			.where(and(base, gt(communityPosts.createdAt, since), keyset))
			.orderBy(desc(communityPosts.likeCount), desc(communityPosts.id))
			.limit(pageSize + 1);
	} else {
		const column = input.sort === "active" ? communityPosts.lastActivityAt : communityPosts.createdAt;
		const keyset = after
			? sql`(${column}, ${communityPosts.id}) < (${new Date(after.key).toISOString()}::timestamptz, ${after.id}::uuid)`
			: undefined;
		rows = await query
			.where(and(base, keyset))
			.orderBy(desc(column), desc(communityPosts.id))
			.limit(pageSize + 1);
	}
	const page = rows.slice(0, pageSize);
	const names = await displayNamesOf([...new Set(page.map((row) => row.authorId))]);
	const last = page.at(-1);
	const nextCursor =
		rows.length > pageSize && last
			? encodeCursor(
					input.sort,
					input.sort === "week"
						? String(last.likeCount)
						: (input.sort === "active" ? last.lastActivityAt : last.createdAt).toISOString(),
					last.id,
				)
			: null;
	return {
		items: page.map((row) => ({
			id: row.id,
			kind: row.kind,
			title: row.title,
			excerpt: excerptOf(row.excerpt),
			author: { id: row.authorId, displayName: names.get(row.authorId) ?? "" },
			likeCount: row.likeCount,
			commentCount: row.commentCount,
			answered: row.acceptedCommentId !== null,
			createdAt: row.createdAt.toISOString(),
			lastActivityAt: row.lastActivityAt.toISOString(),
		})),
		nextCursor,
	};
}
