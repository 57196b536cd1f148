import { z } from "zod";
import { listAudit } from "~/modules/accounts/admin/audit-log.server";
import { getUserDetail } from "~/modules/accounts/admin/get-user-detail.server";
import { grantRole } from "~/modules/accounts/admin/grant-role.server";
import type { Actor } from "~/modules/accounts/admin/policy";
import { reinstateUser } from "~/modules/accounts/admin/reinstate-user.server";
import { revokeRole } from "~/modules/accounts/admin/revoke-role.server";
import {
	auditFilterSchema,
	roleGrantSchema,
	roleRevokeQuerySchema,
	roleSchema,
	statusChangeSchema,
	userIdSchema,
	userSearchSchema,
} from "~/modules/accounts/admin/schema";
import { searchUsers } from "~/modules/accounts/admin/search-users.server";
import { suspendUser } from "~/modules/accounts/admin/suspend-user.server";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import type { Permission } from "~/modules/accounts/permissions";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

/** The back office over JSON: the same services and rules as the /admin pages. */
const tag = "admin";

async function actorWith(req: Parameters<typeof authHeaders>[0], permission: Permission): Promise<Actor> {
	const session = await requireApiPermission(authHeaders(req), permission);
	return { id: session.user.id, roles: session.roles };
}

const statusSchema = z.enum(["active", "suspended", "deleted"]);
const personRefSchema = z.object({ id: z.string(), displayName: z.string().nullable() }).nullable();

const userSummarySchema = z.object({
	id: z.string(),
	displayName: z.string().nullable().describe("null once the account is deleted"),
	phoneMasked: z.string().nullable().describe("e.g. 138****0001; full numbers are never returned"),
	emailMasked: z.string().nullable(),
	status: statusSchema,
	roles: z.array(z.string()),
	createdAt: z.string(),
});

const auditEntrySchema = z.object({
	id: z.string(),
	action: z.string(),
	actor: personRefSchema,
	targetType: z.string(),
	targetId: z.string().nullable(),
	targetName: z.string().nullable(),
	reason: z.string().nullable(),
	detail: z.record(z.string(), z.unknown()),
	createdAt: z.string(),
});

const userDetailSchema = z.object({
	user: userSummarySchema.extend({
		emailVerified: z.boolean(),
		statusReason: z.string().nullable(),
		locale: z.string(),
		twoFactorEnabled: z.boolean(),
	}),
	grants: z.array(
		z.object({ role: z.string(), venueId: z.string().nullable(), grantedAt: z.string(), grantedBy: personRefSchema }),
	),
	sessionCount: z.number(),
	lastSeenAt: z.string().nullable(),
	recentAudit: z.array(auditEntrySchema),
});

const userParams = z.object({ userId: userIdSchema });
const denied = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
	403: { description: "Signed in without the permission this needs" },
};

export const searchAdminUsers = defineEndpoint({
	method: "get",
	path: "/admin/users",
	summary: "Find users: a full phone number or email matches exactly (blind index), anything else part of the name",
	tag,
	auth: "bearer",
	query: userSearchSchema,
	responses: {
		200: {
			description: "20 users a page, newest first; pass `nextCursor` as `cursor` for the next page",
			schema: z.object({
				matchedBy: z.enum(["phone", "email", "name", "recent"]),
				users: z.array(userSummarySchema),
				nextCursor: z.string().nullable(),
			}),
		},
		...denied,
	},
	handler: async ({ query, req }) => {
		await actorWith(req, "read:user:any");
		return { body: await searchUsers(query) };
	},
});

export const getAdminUser = defineEndpoint({
	method: "get",
	path: "/admin/users/:userId",
	summary: "One user: status, roles with their venues, sessions and recent audit entries about them",
	tag,
	auth: "bearer",
	params: userParams,
	responses: { 200: { description: "The user", schema: userDetailSchema }, ...denied, 404: { description: "No such user" } },
	handler: async ({ params, req }) => {
		await actorWith(req, "read:user:any");
		return { body: await getUserDetail(params.userId) };
	},
});

const statusResponses = (done: string) => ({
	...denied,
	403: { description: "Without the permission, on oneself, or support acting on a support or admin account" },
	404: { description: "No such user" },
	409: { description: done },
});

export const suspendAdminUser = defineEndpoint({
	method: "post",
	path: "/admin/users/:userId/suspend",
	summary: "Suspend an account with a reason; all its sessions end at once and the user is notified",
	tag,
	auth: "bearer",
	params: userParams,
	body: statusChangeSchema,
	responses: {
		200: {
			description: "Suspended",
			schema: z.object({ status: z.literal("suspended"), sessionsEnded: z.number() }),
		},
		...statusResponses("Already suspended, or deleted"),
	},
	handler: async ({ params, body, req }) => {
		const actor = await actorWith(req, "suspend:user:any");
		return { body: await suspendUser({ actor, userId: params.userId, reason: body.reason }) };
	},
});

export const reinstateAdminUser = defineEndpoint({
	method: "post",
	path: "/admin/users/:userId/reinstate",
	summary: "Lift a suspension with a reason; the user may sign in again and is notified",
	tag,
	auth: "bearer",
	params: userParams,
	body: statusChangeSchema,
	responses: {
		200: { description: "Reinstated", schema: z.object({ status: z.literal("active") }) },
		...statusResponses("Not suspended, or deleted"),
	},
	handler: async ({ params, body, req }) => {
		const actor = await actorWith(req, "suspend:user:any");
		return { body: await reinstateUser({ actor, userId: params.userId, reason: body.reason }) };
	},
});

const roleChangeSchema = z.object({ role: z.string(), venueId: z.string().nullable() });

export const grantAdminRole = defineEndpoint({
	method: "post",
	path: "/admin/users/:userId/roles",
	summary: "Grant a role (admins only); hall roles need the hall's venueId",
	tag,
	auth: "bearer",
	params: userParams,
	body: roleGrantSchema,
	responses: {
		201: { description: "Granted", schema: roleChangeSchema },
		...denied,
		404: { description: "No such user" },
		409: { description: "The user already has this role (for this hall), or is deleted" },
	},
	handler: async ({ params, body, req }) => {
		const actor = await actorWith(req, "grant:role:any");
		return { status: 201, body: await grantRole({ actor, userId: params.userId, ...body }) };
	},
});

export const revokeAdminRole = defineEndpoint({
	method: "delete",
	path: "/admin/users/:userId/roles/:role",
	summary: "Revoke a role (admins only, never their own admin role); hall roles name the hall with ?venueId=",
	tag,
	auth: "bearer",
	params: z.object({ userId: userIdSchema, role: roleSchema }),
	query: roleRevokeQuerySchema,
	responses: {
		204: { description: "Revoked" },
		...denied,
		403: { description: "Without the permission, or an admin revoking their own admin role" },
		404: { description: "No such user, or the user does not have this role" },
	},
	handler: async ({ params, query, req }) => {
		const actor = await actorWith(req, "grant:role:any");
		await revokeRole({ actor, userId: params.userId, role: params.role, venueId: query.venueId, reason: query.reason });
		return { status: 204 };
	},
});

export const listAdminAudit = defineEndpoint({
	method: "get",
	path: "/admin/audit",
	summary: "The audit log, newest first, filtered by action, actor, target and days (Asia/Shanghai, inclusive)",
	tag,
	auth: "bearer",
	query: auditFilterSchema,
	responses: {
		200: {
			description: "20 entries a page; pass `nextCursor` as `cursor` for the next page",
			schema: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
		},
		...denied,
	},
	handler: async ({ query, req }) => {
		await actorWith(req, "read:audit:any");
		return { body: await listAudit(query) };
	},
});
