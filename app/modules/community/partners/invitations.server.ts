import { and, desc, eq, or } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, badRequest, notFound } from "~/lib/errors";
import { consume } from "~/lib/rate-limit.server";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { notify } from "~/modules/accounts/notifications.server";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { partnerCards, partnerInvitations } from "../../../../db/schema";
import { eitherBlocked } from "../messages/blocks.server";
import { conversationOfPair, openConversation } from "../messages/conversations.server";

/** How many invitations a player may send a day: enough to find a partner, too few to spam a district. */
export const invitationsPerDay = 10;

export interface InvitationView {
	id: string;
	direction: "received" | "sent";
	with: { id: string; displayName: string };
	note: string;
	status: "pending" | "accepted" | "declined";
	createdAt: string;
	answeredAt: string | null;
	/** The conversation an accepted invitation opened. */
	conversationId: string | null;
}

/**
 * Invites a player who is open to sparring. Refused (nothing saved) for oneself, a player without an
 * open card, suspended or blocked either way (all 404, so a block is not revealed), a second pending
 * invitation to the same player (409), and past the day's limit (429).
 */
export async function sendInvitation(input: { fromUserId: string; toUserId: string; note: string }) {
	if (input.fromUserId === input.toUserId) throw badRequest("social.partners.errors.inviteSelf");
	const [card] = await db().select({ open: partnerCards.open }).from(partnerCards).where(eq(partnerCards.userId, input.toUserId));
	const account = (await findUsersByIds([input.toUserId])).get(input.toUserId);
	if (!card?.open || account?.status !== "active" || (await eitherBlocked(input.fromUserId, input.toUserId))) {
		throw notFound("social.partners.errors.notFound");
	}
	await consume({ key: `social:invite:${input.fromUserId}`, points: invitationsPerDay, windowSeconds: 86_400 });
	const [row] = await db()
		.insert(partnerInvitations)
		.values({ fromUserId: input.fromUserId, toUserId: input.toUserId, note: input.note })
		.onConflictDoNothing()
		.returning();
	if (!row) throw new AppError(409, "conflict", "social.partners.errors.alreadyInvited");
	const names = await displayNamesOf([input.fromUserId]);
	await notify({
		userId: input.toUserId,
		kind: "partnerInvited",
		params: { name: names.get(input.fromUserId) ?? "" },
		link: "/partners/invitations",
	});
	return { id: row.id, status: row.status };
}

/**
 * The invited player accepts or declines a pending invitation (anyone else: 404; answered: 409).
 * Accepting opens the pair's conversation in the same transaction; the inviter is told either way.
 */
export async function answerInvitation(input: { userId: string; invitationId: string; answer: "accept" | "decline" }) {
	const outcome = await db().transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(partnerInvitations)
			.where(and(eq(partnerInvitations.id, input.invitationId), eq(partnerInvitations.toUserId, input.userId)))
			.for("update");
		if (!row) throw notFound("social.partners.errors.invitationNotFound");
		if (row.status !== "pending") throw new AppError(409, "conflict", "social.partners.errors.alreadyAnswered");
		if (input.answer === "accept" && (await eitherBlocked(row.fromUserId, row.toUserId, tx))) {
			throw notFound("social.partners.errors.invitationNotFound");
		}
		const status = input.answer === "accept" ? "accepted" : "declined";
		await tx.update(partnerInvitations).set({ status, answeredAt: new Date() }).where(eq(partnerInvitations.id, row.id));
		const conversationId = status === "accepted" ? await openConversation(tx, row.fromUserId, row.toUserId) : null;
		const names = await displayNamesOf([input.userId]);
		await notify(
			{
				userId: row.fromUserId,
				kind: status === "accepted" ? "partnerAccepted" : "partnerDeclined",
				params: { name: names.get(input.userId) ?? "" },
				link: conversationId ? `/messages/${conversationId}` : "/partners/invitations",
			},
			tx,
		);
		return { id: row.id, status, conversationId };
	});
	return outcome;
}

/** The caller's invitations, received and sent, newest first (the conversation id of accepted ones). */
export async function listInvitations(userId: string): Promise<InvitationView[]> {
	const rows = await db()
		.select()
		.from(partnerInvitations)
		.where(or(eq(partnerInvitations.toUserId, userId), eq(partnerInvitations.fromUserId, userId)))
		.orderBy(desc(partnerInvitations.createdAt))
		.limit(100);
	const others = rows.map((row) => (row.toUserId === userId ? row.fromUserId : row.toUserId));
	const names = await displayNamesOf(others);
	const conversationIds = new Map<string, string>();
	for (const row of rows) {
		if (row.status !== "accepted") continue;
		const conversationId = await conversationOfPair(row.fromUserId, row.toUserId);
		if (conversationId) conversationIds.set(row.id, conversationId);
	}
	return rows.map((row) => {
		const received = row.toUserId === userId;
		const other = received ? row.fromUserId : row.toUserId;
		return {
			id: row.id,
			direction: received ? "received" : "sent",
			with: { id: other, displayName: names.get(other) ?? "" },
			note: row.note,
			status: row.status,
			createdAt: row.createdAt.toISOString(),
			answeredAt: row.answeredAt?.toISOString() ?? null,
			conversationId: conversationIds.get(row.id) ?? null,
		};
	});
}
