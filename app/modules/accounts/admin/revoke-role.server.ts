import { and, eq, isNull } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { roleGrants } from "../../../../db/schema";
import { notify } from "../notifications.server";
import type { GrantableRole } from "../permissions";
import { recordAudit } from "./audit-log.server";
import { type Actor, canManageRoles, isOwnAdminRole } from "./policy";
import { assertVenueScope, lockTarget, roleNameFor } from "./target.server";

/** Takes a role away (a venue role for the venue named). Admins only, never their own admin role; audited; the person is told. */
export async function revokeRole(input: {
	actor: Actor;
	userId: string;
	role: GrantableRole;
	venueId?: string | null;
	reason?: string | null;
}) {
	if (!canManageRoles(input.actor)) throw forbidden();
	if (isOwnAdminRole(input.actor, { id: input.userId }, input.role)) {
		throw new AppError(403, "forbidden", "admin.errors.cannotRevokeOwnAdmin");
	}
	assertVenueScope(input.role, input.venueId);
	const venueId = input.venueId ?? null;
	return db().transaction(async (tx) => {
		const target = await lockTarget(tx, input.userId);
		const removed = await tx
			.delete(roleGrants)
			.where(
				and(
					eq(roleGrants.userId, input.userId),
					eq(roleGrants.role, input.role),
					venueId ? eq(roleGrants.venueId, venueId) : isNull(roleGrants.venueId),
				),
			)
			.returning({ id: roleGrants.id });
		if (removed.length === 0) throw notFound("admin.errors.roleNotHeld");
		await notify({ userId: input.userId, kind: "roleRevoked", params: { role: roleNameFor(target.row, input.role) } }, tx);
		await recordAudit(tx, {
			actorId: input.actor.id,
			action: "role.revoked",
			targetType: "user",
			targetId: input.userId,
			reason: input.reason ?? null,
			detail: { role: input.role, venueId },
		});
		return { role: input.role, venueId };
	});
}
