import { desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import type { AuditAction } from "~/modules/accounts/admin/schema";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { notify } from "~/modules/accounts/notifications.server";
import { uuidPattern } from "~/modules/files/kinds";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { hitsOf } from "~/modules/moderation/hits.server";
import { type OpenReports, openReportsOf, reportedSubjects, resolveReports } from "~/modules/moderation/reports.server";
import { type CommunityContentStatus, communityComments, communityPosts } from "../../../../db/schema";
import { recountComments } from "../comments/add-comment.server";
import type { ContentDecision } from "../posts/schema";
import { countUpheldFlag } from "./members.server";

type Action = ContentDecision["action"];
export type ContentKind = "post" | "comment";

/** Which statuses each decision moves from, and to (dismiss keeps a reported item as it was, or restores one flags hid). */
const moves: Record<Action, { from: CommunityContentStatus[]; to: CommunityContentStatus }> = {
	publish: { from: ["held"], to: "published" },
	// From hidden too: a moderator confirms what flags hid (the flags are upheld).
	hide: { from: ["published", "held", "hidden"], to: "hidden" },
	restore: { from: ["hidden", "deleted"], to: "published" },
	delete: { from: ["published", "held", "hidden"], to: "deleted" },
	dismiss: { from: ["published", "hidden"], to: "published" },
};

/**
 * The back office decides on a post or comment with a reason: publish a held one, hide, restore,
 * delete, or keep a flagged one (dismiss). In one transaction the status changes, every open flag
 * is closed (upheld when hidden or deleted — the author's trust drops — dismissed otherwise) and
 * each flagger told, a published post's images become public, the decision is audited and the
 * author told.
 */
export async function decideContent(input: { staffId: string; kind: ContentKind; id: string; decision: ContentDecision }) {
	if (!uuidPattern.test(input.id)) throw notFound("community.errors.postNotFound");
	const move = moves[input.decision.action];
	return db().transaction(async (tx) => {
		const [row] =
			input.kind === "post"
				? await tx.select().from(communityPosts).where(eq(communityPosts.id, input.id)).for("update")
				: await tx.select().from(communityComments).where(eq(communityComments.id, input.id)).for("update");
		if (!row) throw notFound(input.kind === "post" ? "community.errors.postNotFound" : "community.errors.commentNotFound");
		if (!move.from.includes(row.status)) {
			throw new AppError(409, "conflict", "community.errors.notNow", { params: { status: row.status } });
		}
		if (input.kind === "post") {
			await tx.update(communityPosts).set({ status: move.to, hiddenByFlagsAt: null }).where(eq(communityPosts.id, row.id));
		} else {
			await tx.update(communityComments).set({ status: move.to }).where(eq(communityComments.id, row.id));
		}
		const postId = "postId" in row ? row.postId : row.id;
		if (input.kind === "comment") await recountComments(tx, postId, false);
		if (input.kind === "post" && move.to === "published" && "imageFileIds" in row) {
			for (const fileId of row.imageFileIds) await setFileVisibility(fileId, "public", tx);
		}
		const upheld = input.decision.action === "hide" || input.decision.action === "delete";
		const link = `/community/p/${postId}`;
		const closed = await resolveReports(tx, {
			subject: { kind: input.kind === "post" ? "community_post" : "community_comment", id: row.id },
			staffId: input.staffId,
			outcome: upheld ? "upheld" : "dismissed",
			reason: input.decision.reason,
			link,
		});
		if (upheld && closed > 0) await countUpheldFlag(row.authorId, tx);
		await recordAudit(tx, {
			actorId: input.staffId,
			action: `community.${input.kind}.${moveAudit[input.decision.action]}` as AuditAction,
			targetType: input.kind === "post" ? "community_post" : "community_comment",
			targetId: row.id,
			reason: input.decision.reason,
			detail: { from: row.status, to: move.to, postId },
		});
		if (input.decision.action !== "dismiss" || row.status !== move.to) {
			await notify(
				{
					userId: row.authorId,
					kind: `community${input.kind === "post" ? "Post" : "Comment"}${authorNotice[move.to]}`,
					params: { reason: input.decision.reason },
					link,
				},
				tx,
			);
		}
		return { id: row.id, status: move.to };
	});
}

const moveAudit: Record<Action, string> = {
	publish: "published",
	hide: "hidden",
	restore: "restored",
	delete: "deleted",
	dismiss: "dismissed",
};
const authorNotice: Record<CommunityContentStatus, string> = {
	published: "Published",
	hidden: "Hidden",
	deleted: "Deleted",
	held: "Held",
};

export interface QueueItem {
	kind: ContentKind;
	id: string;
	postId: string;
	title: string | null;
	body: string;
	author: { id: string; displayName: string };
	status: CommunityContentStatus;
	hiddenByFlags: boolean;
	matchedWords: string[];
	reports: OpenReports | null;
	createdAt: string;
}

/** The community's part of the moderation queue: held posts and comments, those flags hid, and flagged ones, oldest first. */
export async function communityQueue(limit = 50): Promise<QueueItem[]> {
	const [posts, comments, flagged] = await Promise.all([
		db()
			.select()
			.from(communityPosts)
			.where(or(eq(communityPosts.status, "held"), isNotNull(communityPosts.hiddenByFlagsAt)))
			.orderBy(desc(communityPosts.createdAt))
			.limit(limit),
		db()
			.select()
			.from(communityComments)
			.where(eq(communityComments.status, "held"))
			.orderBy(desc(communityComments.createdAt))
			.limit(limit),
		reportedSubjects(["community_post", "community_comment"], limit),
	]);
	const flaggedPostIds = flagged.filter((item) => item.kind === "community_post").map((item) => item.id);
	const flaggedCommentIds = flagged.filter((item) => item.kind === "community_comment").map((item) => item.id);
	const [morePosts, moreComments] = await Promise.all([
		flaggedPostIds.length ? db().select().from(communityPosts).where(inArray(communityPosts.id, flaggedPostIds)) : [],
		flaggedCommentIds.length ? db().select().from(communityComments).where(inArray(communityComments.id, flaggedCommentIds)) : [],
	]);
	const postRows = [...new Map([...posts, ...morePosts].map((row) => [row.id, row])).values()].filter(
		(row) => row.status !== "deleted",
	);
	const commentRows = [...new Map([...comments, ...moreComments].map((row) => [row.id, row])).values()].filter(
		(row) => row.status !== "deleted",
	);
	const postIds = postRows.map((row) => row.id);
	const commentIds = commentRows.map((row) => row.id);
	const [names, postHits, commentHits, postReports, commentReports] = await Promise.all([
		displayNamesOf([...new Set([...postRows, ...commentRows].map((row) => row.authorId))]),
		hitsOf("community_post", postIds),
		hitsOf("community_comment", commentIds),
		openReportsOf("community_post", postIds),
		openReportsOf("community_comment", commentIds),
	]);
	const items: QueueItem[] = [
		...postRows.map((row) => ({
			kind: "post" as const,
			id: row.id,
			postId: row.id,
			title: row.title,
			body: row.body,
			author: { id: row.authorId, displayName: names.get(row.authorId) ?? "" },
			status: row.status,
			hiddenByFlags: row.hiddenByFlagsAt !== null,
			matchedWords: postHits.get(row.id) ?? [],
			reports: postReports.get(row.id) ?? null,
			createdAt: row.createdAt.toISOString(),
		})),
		...commentRows.map((row) => ({
			kind: "comment" as const,
			id: row.id,
			postId: row.postId,
			title: null,
			body: row.body,
			author: { id: row.authorId, displayName: names.get(row.authorId) ?? "" },
			status: row.status,
			hiddenByFlags: false,
			matchedWords: commentHits.get(row.id) ?? [],
			reports: commentReports.get(row.id) ?? null,
			createdAt: row.createdAt.toISOString(),
		})),
	];
	return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, limit);
}
