import { and, asc, count, eq, gt, max } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { roleGrants, sessions, users } from "../../../../db/schema";
import type { GrantableRole, Role } from "../permissions";
import { findUserById } from "../users.server";
import { type AuditEntry, listAudit } from "./audit-log.server";
import { type AdminUserSummary, summarise } from "./present.server";

export interface RoleGrantView {
	role: GrantableRole;
	venueId: string | null;
	grantedAt: string;
	grantedBy: { id: string; displayName: string | null } | null;
}

export interface AdminUserDetail {
	user: AdminUserSummary & {
		emailVerified: boolean;
		statusReason: string | null;
		locale: string;
		twoFactorEnabled: boolean;
	};
	grants: RoleGrantView[];
	sessionCount: number;
	lastSeenAt: string | null;
	recentAudit: AuditEntry[];
}

const granter = alias(users, "granter");

/** One person as the back office sees them: status, roles with their venues, sessions, recent actions about them. */
export async function getUserDetail(userId: string, tx: DbOrTx = db()): Promise<AdminUserDetail> {
	const row = await findUserById(userId, tx);
	if (!row) throw notFound("admin.errors.userNotFound");
	const grants = await tx
		.select({
			role: roleGrants.role,
			venueId: roleGrants.venueId,
			createdAt: roleGrants.createdAt,
			grantedById: roleGrants.grantedBy,
			grantedByName: granter.displayName,
			grantedByStatus: granter.status,
		})
		.from(roleGrants)
		.leftJoin(granter, eq(granter.id, roleGrants.grantedBy))
		.where(eq(roleGrants.userId, userId))
		.orderBy(asc(roleGrants.createdAt));
	const [activity] = await tx
		.select({ sessionCount: count(), lastSeenAt: max(sessions.lastSeenAt) })
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())));
	const roles: Role[] = ["player", ...new Set(grants.map((grant) => grant.role))];
	const deleted = row.status === "deleted";
	const { entries } = await listAudit({ targetId: userId, limit: 10 }, tx);
	return {
		user: {
			...summarise(row, roles),
			emailVerified: Boolean(row.emailVerifiedAt),
			statusReason: deleted ? null : row.statusReason,
			locale: row.locale,
			twoFactorEnabled: Boolean(row.totpEnabledAt),
		},
		grants: grants.map((grant) => ({
			role: grant.role,
			venueId: grant.venueId,
			grantedAt: grant.createdAt.toISOString(),
			grantedBy: grant.grantedById
				? {
						id: grant.grantedById,
						displayName: grant.grantedByStatus === "deleted" ? null : (grant.grantedByName ?? null),
					}
				: null,
		})),
		sessionCount: activity?.sessionCount ?? 0,
		lastSeenAt: activity?.lastSeenAt ? new Date(activity.lastSeenAt).toISOString() : null,
		recentAudit: entries,
	};
}
