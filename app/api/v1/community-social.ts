import { z } from "zod";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { disciplines } from "~/modules/coaches/catalog";
import { readFeed } from "~/modules/community/feed/feed.server";
import { follow, listFollows, unfollow } from "~/modules/community/follows/follows.server";
import { blockUser, unblockUser } from "~/modules/community/messages/blocks.server";
import {
	listConversations,
	readConversation,
	sendMessage,
	unreadMessageCount,
} from "~/modules/community/messages/conversations.server";
import { reportMessage } from "~/modules/community/messages/report-message.server";
import { messageInputSchema, messageReportSchema } from "~/modules/community/messages/schema";
import { answerInvitation, listInvitations, sendInvitation } from "~/modules/community/partners/invitations.server";
import { readMyPartnerCard, savePartnerCard } from "~/modules/community/partners/partner-card.server";
import {
	invitationAnswerSchema,
	invitationInputSchema,
	partnerCardSchema,
	partnerSearchSchema,
} from "~/modules/community/partners/schema";
import { searchPartners } from "~/modules/community/partners/search-partners.server";
import { usualTimes } from "~/modules/community/partners/vocabulary";
import { readPublicProfile } from "~/modules/community/profiles/public-profile.server";
import { authHeaders, callerOf } from "../client";
import { defineEndpoint } from "../endpoint";

/**
 * The social half of the community: the sparring-partner finder (找球友) and its invitations, the 1:1
 * conversations an accepted invitation opens, blocks, follows, public profiles and the feed. No
 * answer carries a phone number, a real name or a coordinate: people appear by display name, places
 * by district.
 */
const uuid = (messageKey: string) => z.string().uuid(messageKey);
const person = z.object({ id: z.string().uuid(), displayName: z.string() });

const levelSchema = z.object({
	value: z.number().int().min(1).max(5),
	source: z
		.enum(["measured", "self"])
		.describe("measured: from the learning module's drill scores (the player allows it); self: declared"),
	scoredDrills: z.number().int().optional().describe("measured only: the scored drill rounds it rests on"),
	provisional: z.boolean().optional().describe("measured only: too few rounds yet (暂定)"),
});

const cardSchema = z.object({
	discipline: z.enum(disciplines),
	selfLevel: z.number().int(),
	shareLearningLevel: z.boolean(),
	cityCode: z.string(),
	district: z.string(),
	usualTimes: z.array(z.enum(usualTimes)),
	open: z.boolean(),
});

const partnerSchema = z.object({
	userId: z.string().uuid(),
	displayName: z.string(),
	discipline: z.enum(disciplines),
	level: levelSchema,
	cityCode: z.string(),
	district: z.string().describe("The district only: the finder never keeps or shows a precise place"),
	distanceKm: z.number().int().describe("From the given point to the district's centre, whole kilometres"),
	usualTimes: z.array(z.enum(usualTimes)),
});

export const searchPartnersEndpoint = defineEndpoint({
	method: "get",
	path: "/community/partners",
	summary: "Players open to sparring near a point (GCJ-02), by discipline and level range, nearest district first",
	tag: "community",
	query: partnerSearchSchema,
	responses: {
		200: {
			description: "Up to 30 players; never the caller, a blocked player or one who has not opted in",
			schema: z.object({ items: z.array(partnerSchema) }),
		},
		400: { description: "A missing or impossible point, an unknown discipline, a level outside 1–5 or a min above the max" },
	},
	handler: async ({ req, query }) => {
		// Public; a signed-in caller is left out of their own results and does not see people they blocked.
		const viewerId = await requireApiSession(authHeaders(req), { withoutConsent: true }).then(
			(session) => session.user.id,
			() => undefined,
		);
		return { body: { items: await searchPartners({ ...query, viewerId }) } };
	},
});

export const getMyPartnerCardEndpoint = defineEndpoint({
	method: "get",
	path: "/community/partners/me",
	summary: "The caller's own partner card (null before they opt in)",
	tag: "community",
	auth: "bearer",
	responses: {
		200: { description: "The card", schema: z.object({ card: cardSchema.nullable() }) },
		401: { description: "Not signed in" },
	},
	handler: async ({ req }) => {
		const caller = await callerOf(req);
		return { body: { card: await readMyPartnerCard(caller.userId) } };
	},
});

export const saveMyPartnerCardEndpoint = defineEndpoint({
	method: "put",
	path: "/community/partners/me",
	summary: "Opt in to the partner finder or change the card: discipline, level, district of a bundled city, usual times",
	tag: "community",
	auth: "bearer",
	body: partnerCardSchema,
	responses: {
		200: { description: "Saved", schema: z.object({ card: cardSchema }) },
		400: { description: "An unknown discipline, district or usual time, a level outside 1–5, no usual time" },
		401: { description: "Not signed in" },
	},
	handler: async ({ req, body }) => {
		const caller = await callerOf(req);
		return { body: { card: await savePartnerCard(caller.userId, body) } };
	},
});

const invitationSchema = z.object({
	id: z.string().uuid(),
	direction: z.enum(["received", "sent"]),
	with: person,
	note: z.string(),
	status: z.enum(["pending", "accepted", "declined"]),
	createdAt: z.string(),
	answeredAt: z.string().nullable(),
	conversationId: z.string().uuid().nullable().describe("Accepted: the conversation it opened"),
});

export const sendInvitationEndpoint = defineEndpoint({
	method: "post",
	path: "/community/partners/invitations",
	summary: "Invite a player open to sparring, with a short note (10 a day)",
	tag: "community",
	auth: "bearer",
	body: invitationInputSchema,
	responses: {
		201: {
			description: "Sent; the player is told",
			schema: z.object({ invitation: z.object({ id: z.string().uuid(), status: z.literal("pending") }) }),
		},
		400: { description: "An empty or over-200-character note, or oneself" },
		401: { description: "Not signed in" },
		404: { description: "No such player open to sparring (or a block between the two)" },
		409: { description: "An invitation to this player is still waiting for an answer" },
		429: { description: "Too many invitations today" },
	},
	handler: async ({ req, body }) => {
		const caller = await callerOf(req);
		const invitation = await sendInvitation({ fromUserId: caller.userId, toUserId: body.toUserId, note: body.note });
		return { status: 201, body: { invitation: { id: invitation.id, status: "pending" as const } } };
	},
});

export const listInvitationsEndpoint = defineEndpoint({
	method: "get",
	path: "/community/partners/invitations",
	summary: "The caller's invitations, received and sent, newest first",
	tag: "community",
	auth: "bearer",
	responses: {
		200: { description: "Invitations", schema: z.object({ items: z.array(invitationSchema) }) },
		401: { description: "Not signed in" },
	},
	handler: async ({ req }) => {
		const caller = await callerOf(req);
		return { body: { items: await listInvitations(caller.userId) } };
	},
});

export const answerInvitationEndpoint = defineEndpoint({
	method: "post",
	path: "/community/partners/invitations/:invitationId/answer",
	summary: "The invited player accepts (which opens a conversation) or declines",
	tag: "community",
	auth: "bearer",
	params: z.object({ invitationId: uuid("social.partners.errors.invitationNotFound") }),
	body: invitationAnswerSchema,
	responses: {
		200: {
			description: "Answered; the inviter is told",
			schema: z.object({
				invitation: z.object({
					id: z.string().uuid(),
					status: z.enum(["accepted", "declined"]),
					conversationId: z.string().uuid().nullable(),
				}),
			}),
		},
		400: { description: "An answer other than accept or decline" },
		401: { description: "Not signed in" },
		404: { description: "No such invitation to the caller" },
		409: { description: "Already answered" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		return {
			body: {
				invitation: await answerInvitation({ userId: caller.userId, invitationId: params.invitationId, answer: body.answer }),
			},
		};
	},
});

const messageSchema = z.object({
	id: z.string().uuid(),
	mine: z.boolean(),
	body: z.string().describe("Plain text"),
	createdAt: z.string(),
});

export const listConversationsEndpoint = defineEndpoint({
	method: "get",
	path: "/community/conversations",
	summary: "The caller's conversations, the latest first, with unread counts",
	tag: "community",
	auth: "bearer",
	responses: {
		200: {
			description: "Conversations and the total of unread messages",
			schema: z.object({
				items: z.array(
					z.object({
						id: z.string().uuid(),
						with: person,
						lastMessage: z.object({ body: z.string(), mine: z.boolean(), createdAt: z.string() }).nullable(),
						unread: z.number().int(),
						lastMessageAt: z.string(),
					}),
				),
				unread: z.number().int(),
			}),
		},
		401: { description: "Not signed in" },
	},
	handler: async ({ req }) => {
		const caller = await callerOf(req);
		const [items, unread] = await Promise.all([listConversations(caller.userId), unreadMessageCount(caller.userId)]);
		return { body: { items, unread } };
	},
});

const conversationParams = z.object({ conversationId: uuid("social.messages.errors.notFound") });

export const getConversationEndpoint = defineEndpoint({
	method: "get",
	path: "/community/conversations/:conversationId",
	summary: "One conversation of the caller's: the newest 50 messages (before= pages back); marks them read",
	tag: "community",
	auth: "bearer",
	params: conversationParams,
	query: z.object({ before: z.string().datetime("errors.badRequest").optional() }),
	responses: {
		200: {
			description: "The conversation",
			schema: z.object({
				conversation: z.object({
					id: z.string().uuid(),
					with: person.describe("Display name only: phone numbers are never shown"),
					canWrite: z.boolean(),
					blockedByMe: z.boolean(),
					messages: z.array(messageSchema),
					olderCursor: z.string().nullable(),
				}),
			}),
		},
		401: { description: "Not signed in" },
		404: { description: "No such conversation of the caller's (a stranger's conversation answers 404 too)" },
	},
	handler: async ({ req, params, query }) => {
		const caller = await callerOf(req);
		return {
			body: {
				conversation: await readConversation({
					userId: caller.userId,
					conversationId: params.conversationId,
					before: query.before,
				}),
			},
		};
	},
});

export const sendMessageEndpoint = defineEndpoint({
	method: "post",
	path: "/community/conversations/:conversationId/messages",
	summary: "Write in a conversation: text only, up to 1,000 characters, screened",
	tag: "community",
	auth: "bearer",
	params: conversationParams,
	body: messageInputSchema,
	responses: {
		201: { description: "Sent; the other person's open pages update", schema: z.object({ message: messageSchema }) },
		400: {
			description:
				"Empty or too long; a request to pay or meet outside the app, a phone number (a scam warning), or a listed word",
		},
		401: { description: "Not signed in" },
		404: { description: "No such conversation of the caller's, or one of the two blocked the other" },
		429: { description: "Writing too fast" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		return {
			status: 201,
			body: { message: await sendMessage({ userId: caller.userId, conversationId: params.conversationId, body: body.body }) },
		};
	},
});

export const reportMessageEndpoint = defineEndpoint({
	method: "post",
	path: "/community/messages/:messageId/report",
	summary: "Report a message the other person sent; it joins the moderation reports",
	tag: "community",
	auth: "bearer",
	params: z.object({ messageId: uuid("social.messages.errors.messageNotFound") }),
	body: messageReportSchema,
	responses: {
		201: {
			description: "Reported",
			schema: z.object({ report: z.object({ id: z.string().uuid(), status: z.literal("open") }) }),
		},
		400: { description: "An unknown reason or a detail over 500 characters" },
		401: { description: "Not signed in" },
		404: { description: "No such message to the caller (one's own messages cannot be reported)" },
		409: { description: "already_reported" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		return {
			status: 201,
			body: { report: await reportMessage({ userId: caller.userId, messageId: params.messageId, ...body }) },
		};
	},
});

const userParams = z.object({ userId: uuid("social.errors.userNotFound") });

export const blockUserEndpoint = defineEndpoint({
	method: "post",
	path: "/community/blocks/:userId",
	summary: "Block a user: no invitations or messages either way, out of each other's partner search",
	tag: "community",
	auth: "bearer",
	params: userParams,
	responses: {
		204: { description: "Blocked (again: nothing changes)" },
		400: { description: "Oneself" },
		401: { description: "Not signed in" },
		404: { description: "No such user" },
	},
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		await blockUser({ blockerId: caller.userId, blockedId: params.userId });
		return { status: 204 };
	},
});

export const unblockUserEndpoint = defineEndpoint({
	method: "delete",
	path: "/community/blocks/:userId",
	summary: "Lift a block",
	tag: "community",
	auth: "bearer",
	params: userParams,
	responses: { 204: { description: "Lifted (or there was none)" }, 401: { description: "Not signed in" } },
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		await unblockUser({ blockerId: caller.userId, blockedId: params.userId });
		return { status: 204 };
	},
});

const followState = z.object({ following: z.boolean() });

export const followUserEndpoint = defineEndpoint({
	method: "post",
	path: "/community/users/:userId/follow",
	summary: "Follow a player or coach; they are told in-app (at most one notice an hour)",
	tag: "community",
	auth: "bearer",
	params: userParams,
	responses: {
		200: { description: "Following (again: nothing changes)", schema: followState },
		400: { description: "Oneself" },
		401: { description: "Not signed in" },
		404: { description: "No such active user" },
	},
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		return { body: await follow({ followerId: caller.userId, followeeId: params.userId }) };
	},
});

export const unfollowUserEndpoint = defineEndpoint({
	method: "delete",
	path: "/community/users/:userId/follow",
	summary: "Stop following",
	tag: "community",
	auth: "bearer",
	params: userParams,
	responses: { 200: { description: "Not following", schema: followState }, 401: { description: "Not signed in" } },
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		return { body: await unfollow({ followerId: caller.userId, followeeId: params.userId }) };
	},
});

const feedPostSchema = z.object({
	id: z.string().uuid(),
	kind: z.enum(["post", "question"]),
	title: z.string(),
	excerpt: z.string().describe("Plain text"),
	board: z.object({ slug: z.string(), name: z.string() }),
	author: person.extend({ isCoach: z.boolean() }),
	likeCount: z.number().int(),
	commentCount: z.number().int(),
	createdAt: z.string(),
});
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });

export const getPublicProfileEndpoint = defineEndpoint({
	method: "get",
	path: "/community/users/:userId",
	summary: "A user's public profile: display name, coach badge, follow counts, level (only when they show it), posts",
	tag: "community",
	params: userParams,
	query: cursorQuery,
	responses: {
		200: {
			description: "The profile; pass posts.nextCursor as cursor for older posts",
			schema: z.object({
				user: person.extend({ isCoach: z.boolean(), joinedAt: z.string() }),
				counts: z.object({ followers: z.number().int(), following: z.number().int() }),
				following: z.boolean().describe("Whether the signed-in caller follows them"),
				mine: z.boolean(),
				openToSparring: z.boolean(),
				level: levelSchema.extend({ discipline: z.enum(disciplines) }).nullable(),
				posts: z.object({ items: z.array(feedPostSchema), nextCursor: z.string().nullable() }),
			}),
		},
		404: { description: "No such active user" },
	},
	handler: async ({ req, params, query, locale }) => {
		const viewerId = await requireApiSession(authHeaders(req), { withoutConsent: true }).then(
			(session) => session.user.id,
			() => undefined,
		);
		return { body: await readPublicProfile({ userId: params.userId, viewerId, cursor: query.cursor, locale }) };
	},
});

const followListSchema = z.object({
	items: z.array(person.extend({ followedAt: z.string() })),
	nextCursor: z.string().nullable(),
});

export const listFollowersEndpoint = defineEndpoint({
	method: "get",
	path: "/community/users/:userId/followers",
	summary: "Who follows a user, newest first (keyset pages)",
	tag: "community",
	params: userParams,
	query: cursorQuery,
	responses: { 200: { description: "A page", schema: followListSchema }, 400: { description: "A malformed id" } },
	handler: async ({ params, query }) => ({
		body: await listFollows({ userId: params.userId, side: "followers", before: query.cursor }),
	}),
});

export const listFollowingEndpoint = defineEndpoint({
	method: "get",
	path: "/community/users/:userId/following",
	summary: "Whom a user follows, newest first (keyset pages)",
	tag: "community",
	params: userParams,
	query: cursorQuery,
	responses: { 200: { description: "A page", schema: followListSchema }, 400: { description: "A malformed id" } },
	handler: async ({ params, query }) => ({
		body: await listFollows({ userId: params.userId, side: "following", before: query.cursor }),
	}),
});

export const getFeedEndpoint = defineEndpoint({
	method: "get",
	path: "/community/feed",
	summary: "Posts of the people the caller follows, newest first by keyset pages, and followed coaches' free times this week",
	tag: "community",
	auth: "bearer",
	query: cursorQuery,
	responses: {
		200: {
			description: "A page; pass nextCursor as cursor for the next one (coachesFreeSoon only on the first)",
			schema: z.object({
				items: z.array(feedPostSchema),
				nextCursor: z.string().nullable(),
				coachesFreeSoon: z.array(
					z.object({
						userId: z.string().uuid(),
						coachId: z.string().uuid(),
						displayName: z.string(),
						days: z.array(z.object({ date: z.string(), firstFreeAt: z.string(), eveningFree: z.boolean() })),
					}),
				),
			}),
		},
		401: { description: "Not signed in" },
	},
	handler: async ({ req, query, locale }) => {
		const caller = await callerOf(req);
		return { body: await readFeed({ userId: caller.userId, cursor: query.cursor, locale }) };
	},
});
