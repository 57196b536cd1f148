import { and, count, desc, eq, lt } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/errors";
import { hit } from "~/lib/rate-limit.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { notify } from "~/modules/accounts/notifications.server";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { follows } from "../../../../db/schema";

/** At most one new-follower notice per person in this window; the followers page lists everyone. */
const followerNoticeSeconds = 3600;

/**
 * Follows a player or coach (active accounts only; following twice changes nothing). The followed
 * person is told in-app, digested: within an hour of a first notice, more followers add no notice.
 */
export async function follow(input: { followerId: string; followeeId: string }): Promise<{ following: true }> {
	if (input.followerId === input.followeeId) throw badRequest("social.follows.errors.self");
	const followee = (await findUsersByIds([input.followeeId])).get(input.followeeId);
	if (followee?.status !== "active") throw notFound("social.errors.userNotFound");
	const [row] = await db().insert(follows).values(input).onConflictDoNothing().returning({ createdAt: follows.createdAt });
	if (row) {
		const window = await hit({
			key: `social:follower-notice:${input.followeeId}`,
			points: 1,
			windowSeconds: followerNoticeSeconds,
		});
		if (!window.exceeded) {
			const names = await displayNamesOf([input.followerId]);
			await notify({
				userId: input.followeeId,
				kind: "newFollower",
				params: { name: names.get(input.followerId) ?? "" },
				link: `/u/${input.followeeId}/followers`,
			});
		}
	}
	return { following: true };
}

export async function unfollow(input: { followerId: string; followeeId: string }): Promise<{ following: false }> {
	await db()
		.delete(follows)
		.where(and(eq(follows.followerId, input.followerId), eq(follows.followeeId, input.followeeId)));
	return { following: false };
}

export async function isFollowing(followerId: string, followeeId: string): Promise<boolean> {
	const [row] = await db()
		.select({ createdAt: follows.createdAt })
		.from(follows)
		.where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
	return Boolean(row);
}

export async function followCounts(userId: string): Promise<{ followers: number; following: number }> {
	const [followers] = await db().select({ value: count() }).from(follows).where(eq(follows.followeeId, userId));
	const [following] = await db().select({ value: count() }).from(follows).where(eq(follows.followerId, userId));
	return { followers: followers?.value ?? 0, following: following?.value ?? 0 };
}

/** The ids someone follows (the feed reads from them). */
export async function followeeIdsOf(userId: string): Promise<string[]> {
	const rows = await db().select({ id: follows.followeeId }).from(follows).where(eq(follows.followerId, userId));
	return rows.map((row) => row.id);
}

export interface FollowListItem {
	id: string;
	displayName: string;
	followedAt: string;
}

const listPageSize = 50;

/**
 * Someone's followers or the people they follow, newest first, by keyset pages (`before` is the
 * previous page's last followedAt). Suspended and deleted accounts are left out.
 */
export async function listFollows(input: { userId: string; side: "followers" | "following"; before?: string }) {
	const mine = input.side === "followers" ? eq(follows.followeeId, input.userId) : eq(follows.followerId, input.userId);
	const before = input.before ? new Date(input.before) : null;
	const rows = await db()
		.select()
		.from(follows)
		.where(and(mine, before && !Number.isNaN(before.getTime()) ? lt(follows.createdAt, before) : undefined))
		.orderBy(desc(follows.createdAt))
		.limit(listPageSize + 1);
	const page = rows.slice(0, listPageSize);
	const others = page.map((row) => (input.side === "followers" ? row.followerId : row.followeeId));
	const accounts = await findUsersByIds(others);
	const items: FollowListItem[] = [];
	page.forEach((row, index) => {
		const account = accounts.get(others[index] as string);
		if (account?.status !== "active") return;
		items.push({ id: account.id, displayName: account.displayName, followedAt: row.createdAt.toISOString() });
	});
	const last = page[page.length - 1];
	return { items, nextCursor: rows.length > listPageSize && last ? last.createdAt.toISOString() : null };
}
