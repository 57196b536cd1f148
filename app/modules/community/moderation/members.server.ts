import { eq, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { communityMembers } from "../../../../db/schema";
import { type TrustLevel, trustLevelOf } from "./trust";

/** A member's trust level from their counters (no row yet: a new member). */
export async function trustLevelOfUser(userId: string, tx: DbOrTx = db()): Promise<TrustLevel> {
	const [row] = await tx.select().from(communityMembers).where(eq(communityMembers.userId, userId)).limit(1);
	return row ? trustLevelOf(row) : 0;
}

/**
 * A signed-in reader opened a post: one more post read, and one more day visited when it is
 * their first read of the day (Shanghai). One upsert, so counting costs the page one statement.
 */
export async function countRead(userId: string, tx: DbOrTx = db()): Promise<void> {
	const today = sql`(now() at time zone 'Asia/Shanghai')::date`;
	await tx
		.insert(communityMembers)
		.values({ userId, daysVisited: 1, postsRead: 1, lastVisitedOn: sql`${today}` })
		.onConflictDoUpdate({
			target: communityMembers.userId,
			set: {
				postsRead: sql`${communityMembers.postsRead} + 1`,
				daysVisited: sql`${communityMembers.daysVisited} + case when ${communityMembers.lastVisitedOn} is distinct from ${today} then 1 else 0 end`,
				lastVisitedOn: sql`${today}`,
			},
		});
}

/** Likes an author's words received (a like taken back counts -1). */
export async function countLikeReceived(userId: string, delta: 1 | -1, tx: DbOrTx): Promise<void> {
	await tx
		.insert(communityMembers)
		.values({ userId, likesReceived: Math.max(0, delta) })
		.onConflictDoUpdate({
			target: communityMembers.userId,
			set: { likesReceived: sql`greatest(0, ${communityMembers.likesReceived} + ${delta})` },
		});
}

/** A moderator upheld flags against the author's words: their trust drops. */
export async function countUpheldFlag(userId: string, tx: DbOrTx): Promise<void> {
	await tx
		.insert(communityMembers)
		.values({ userId, upheldFlags: 1 })
		.onConflictDoUpdate({ target: communityMembers.userId, set: { upheldFlags: sql`${communityMembers.upheldFlags} + 1` } });
}
