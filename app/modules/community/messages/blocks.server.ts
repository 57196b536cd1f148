import { and, eq, or } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/errors";
import { findUserById } from "~/modules/accounts/users.server";
import { userBlocks } from "../../../../db/schema";

/** Whether either of the two blocked the other (then nothing passes between them, either way). */
export async function eitherBlocked(a: string, b: string, tx: DbOrTx = db()): Promise<boolean> {
	const [row] = await tx
		.select({ blockerId: userBlocks.blockerId })
		.from(userBlocks)
		.where(
			or(
				and(eq(userBlocks.blockerId, a), eq(userBlocks.blockedId, b)),
				and(eq(userBlocks.blockerId, b), eq(userBlocks.blockedId, a)),
			),
		)
		.limit(1);
	return Boolean(row);
}

/** A user blocks another: no more invitations or messages between them, and they leave each other's search. */
export async function blockUser(input: { blockerId: string; blockedId: string }): Promise<void> {
	if (input.blockerId === input.blockedId) throw badRequest("social.messages.errors.blockSelf");
	const other = await findUserById(input.blockedId);
	if (!other || other.status === "deleted") throw notFound("social.errors.userNotFound");
	await db().insert(userBlocks).values(input).onConflictDoNothing();
}

export async function unblockUser(input: { blockerId: string; blockedId: string }): Promise<void> {
	await db()
		.delete(userBlocks)
		.where(and(eq(userBlocks.blockerId, input.blockerId), eq(userBlocks.blockedId, input.blockedId)));
}

export async function hasBlocked(blockerId: string, blockedId: string): Promise<boolean> {
	const [row] = await db()
		.select({ blockerId: userBlocks.blockerId })
		.from(userBlocks)
		.where(and(eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)))
		.limit(1);
	return Boolean(row);
}
