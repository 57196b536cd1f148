import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { defineLiveChannel, liveResponse } from "~/lib/live.server";

/** New messages reach the open conversation and inbox pages of both people (ids only). */
const channel = "social_messages";
const userTopic = (userId: string) => `user:${userId}`;

defineLiveChannel(channel, (payload) => {
	const notice = payload as { to?: unknown; from?: unknown };
	return [notice.to, notice.from].filter((id): id is string => typeof id === "string").map(userTopic);
});

/** Sent in the message's transaction: delivered on commit, dropped on rollback. */
export async function notifyNewMessage(tx: DbOrTx, notice: { conversationId: string; from: string; to: string }): Promise<void> {
	await tx.execute(sql`select pg_notify(${channel}, ${JSON.stringify(notice)})`);
}

export const messageFeed = (request: Request, userId: string) => liveResponse(request, channel, userTopic(userId));
