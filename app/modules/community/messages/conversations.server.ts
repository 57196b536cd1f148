import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { consume } from "~/lib/rate-limit.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { conversations, messages } from "../../../../db/schema";
import { eitherBlocked, hasBlocked } from "./blocks.server";
import { notifyNewMessage } from "./live.server";
import { screenMessage } from "./screen-message.server";

type ConversationRow = typeof conversations.$inferSelect;
const ordered = (a: string, b: string) => (a < b ? [a, b] : [b, a]) as [string, string];
const otherOf = (row: ConversationRow, userId: string) => (row.firstUserId === userId ? row.secondUserId : row.firstUserId);

/** The pair's one conversation, made if it does not exist (an accepted invitation opens it). */
export async function openConversation(tx: DbOrTx, a: string, b: string): Promise<string> {
	const [firstUserId, secondUserId] = ordered(a, b);
	const [row] = await tx
		.insert(conversations)
		.values({ firstUserId, secondUserId })
		.onConflictDoUpdate({ target: [conversations.firstUserId, conversations.secondUserId], set: { firstUserId } })
		.returning({ id: conversations.id });
	return row?.id as string;
}

/** The pair's conversation id, if they have one (reading only). */
export async function conversationOfPair(a: string, b: string): Promise<string | null> {
	const [firstUserId, secondUserId] = ordered(a, b);
	const [row] = await db()
		.select({ id: conversations.id })
		.from(conversations)
		.where(and(eq(conversations.firstUserId, firstUserId), eq(conversations.secondUserId, secondUserId)));
	return row?.id ?? null;
}

/** A conversation of the caller's; anyone else's answers 404, as if it did not exist. */
async function ownConversation(userId: string, conversationId: string, tx: DbOrTx = db()): Promise<ConversationRow> {
	const [row] = await tx
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.id, conversationId),
				or(eq(conversations.firstUserId, userId), eq(conversations.secondUserId, userId)),
			),
		);
	if (!row) throw notFound("social.messages.errors.notFound");
	return row;
}

export interface MessageView {
	id: string;
	mine: boolean;
	body: string;
	createdAt: string;
}

export interface ConversationSummary {
	id: string;
	with: { id: string; displayName: string };
	lastMessage: { body: string; mine: boolean; createdAt: string } | null;
	unread: number;
	lastMessageAt: string;
}

/** The caller's conversations, the latest message first, with the unread count of each. */
export async function listConversations(userId: string): Promise<ConversationSummary[]> {
	const mine = or(eq(conversations.firstUserId, userId), eq(conversations.secondUserId, userId));
	const rows = await db().select().from(conversations).where(mine).orderBy(desc(conversations.lastMessageAt)).limit(100);
	if (rows.length === 0) return [];
	const others = rows.map((row) => otherOf(row, userId));
	const names = await displayNamesOf(others);
	// One round trip for every conversation's last message and unread count.
	const stats = await db().execute<{
		conversation_id: string;
		body: string | null;
		sender_id: string | null;
		created_at: string | null;
		unread: number;
	}>(sql`
		select c.id as conversation_id, last.body, last.sender_id, last.created_at,
			(select count(*)::int from messages m where m.conversation_id = c.id and m.sender_id <> ${userId}::uuid
				and m.created_at > case when c.first_user_id = ${userId}::uuid then c.first_read_at else c.second_read_at end) as unread
		from conversations c
		left join lateral (select body, sender_id, created_at from messages m where m.conversation_id = c.id
			order by m.created_at desc limit 1) last on true
		where c.id in (${sql.join(
			rows.map((row) => sql`${row.id}::uuid`),
			sql`, `,
		)})`);
	const byId = new Map(stats.rows.map((row) => [row.conversation_id, row]));
	return rows.map((row) => {
		const other = otherOf(row, userId);
		const stat = byId.get(row.id);
		return {
			id: row.id,
			with: { id: other, displayName: names.get(other) ?? "" },
			lastMessage:
				stat?.body && stat.created_at
					? { body: stat.body, mine: stat.sender_id === userId, createdAt: new Date(stat.created_at).toISOString() }
					: null,
			unread: stat?.unread ?? 0,
			lastMessageAt: row.lastMessageAt.toISOString(),
		};
	});
}

/** Messages from others the caller has not read yet, over all their conversations (the badge). */
export async function unreadMessageCount(userId: string): Promise<number> {
	const result = await db().execute<{ unread: number }>(sql`
		select count(*)::int as unread from conversations c join messages m on m.conversation_id = c.id
		where (c.first_user_id = ${userId}::uuid and m.sender_id <> ${userId}::uuid and m.created_at > c.first_read_at)
			or (c.second_user_id = ${userId}::uuid and m.sender_id <> ${userId}::uuid and m.created_at > c.second_read_at)`);
	return result.rows[0]?.unread ?? 0;
}

const pageSize = 50;

/**
 * One conversation as its participant reads it: the other person (display name only, never a phone
 * number), the newest page of messages in time order (`before` pages back), and it marks them read.
 */
export async function readConversation(input: { userId: string; conversationId: string; before?: string }) {
	const row = await ownConversation(input.userId, input.conversationId);
	const otherId = otherOf(row, input.userId);
	const beforeDate = input.before ? new Date(input.before) : null;
	const rows = await db()
		.select()
		.from(messages)
		.where(
			and(
				eq(messages.conversationId, row.id),
				beforeDate && !Number.isNaN(beforeDate.getTime()) ? lt(messages.createdAt, beforeDate) : undefined,
			),
		)
		.orderBy(desc(messages.createdAt), desc(messages.id))
		.limit(pageSize + 1);
	const page = rows.slice(0, pageSize).reverse();
	if (!beforeDate) {
		const now = new Date();
		await db()
			.update(conversations)
			.set(row.firstUserId === input.userId ? { firstReadAt: now } : { secondReadAt: now })
			.where(eq(conversations.id, row.id));
	}
	const [accounts, blockedByMe, blocked] = await Promise.all([
		findUsersByIds([otherId]),
		hasBlocked(input.userId, otherId),
		eitherBlocked(input.userId, otherId),
	]);
	const other = accounts.get(otherId);
	return {
		id: row.id,
		with: { id: otherId, displayName: other?.displayName ?? "" },
		/** Whether the caller may write: neither blocked the other and the other's account is active. */
		canWrite: !blocked && other?.status === "active",
		blockedByMe,
		messages: page.map((message) => view(message, input.userId)),
		olderCursor: rows.length > pageSize ? (page[0]?.createdAt.toISOString() ?? null) : null,
	};
}
export type ConversationView = Awaited<ReturnType<typeof readConversation>>;

function view(row: typeof messages.$inferSelect, userId: string): MessageView {
	return { id: row.id, mine: row.senderId === userId, body: row.body, createdAt: row.createdAt.toISOString() };
}

/**
 * The caller writes in their conversation: refused (and nothing stored) when either blocked the other,
 * the other's account is not active, the text asks to pay outside the app or hits the word list, or
 * the caller is writing too fast. The other person's open pages hear of it on commit.
 */
export async function sendMessage(input: { userId: string; conversationId: string; body: string }): Promise<MessageView> {
	const row = await ownConversation(input.userId, input.conversationId);
	const otherId = otherOf(row, input.userId);
	const other = (await findUsersByIds([otherId])).get(otherId);
	if (other?.status !== "active" || (await eitherBlocked(input.userId, otherId))) {
		throw notFound("social.messages.errors.cannotWrite");
	}
	const body = await screenMessage(input.body);
	await consume({ key: `social:message:${input.userId}`, points: 30, windowSeconds: 60 });
	return db().transaction(async (tx) => {
		const [message] = await tx.insert(messages).values({ conversationId: row.id, senderId: input.userId, body }).returning();
		if (!message) throw new Error("message insert returned nothing");
		const readBySender =
			row.firstUserId === input.userId ? { firstReadAt: message.createdAt } : { secondReadAt: message.createdAt };
		await tx
			.update(conversations)
			.set({ lastMessageAt: message.createdAt, ...readBySender })
			.where(eq(conversations.id, row.id));
		await notifyNewMessage(tx, { conversationId: row.id, from: input.userId, to: otherId });
		return view(message, input.userId);
	});
}

/** A message of the caller's conversation, sent by the other person (what may be reported). */
export async function reportableMessage(userId: string, messageId: string): Promise<{ id: string; senderId: string }> {
	const [row] = await db()
		.select({ id: messages.id, senderId: messages.senderId, conversationId: messages.conversationId })
		.from(messages)
		.where(eq(messages.id, messageId));
	if (!row || row.senderId === userId) throw notFound("social.messages.errors.messageNotFound");
	await ownConversation(userId, row.conversationId);
	return row;
}
