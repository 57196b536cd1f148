import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { notify } from "../notifications.server";
import type { GrantableRole } from "../permissions";
import { addRoleGrant } from "../users.server";
import { recordAudit } from "./audit-log.server";
import { type Actor, canManageRoles } from "./policy";
import { assertVenueScope, conflict, lockTarget, roleNameFor } from "./target.server";

/** Gives a person a role (a venue role for one venue). Admins only; audited; the person is told. */
export async function grantRole(input: {
	actor: Actor;
	userId: string;
	role: GrantableRole;
	venueId?: string | null;
	reason?: string | null;
}) {
	if (!canManageRoles(input.actor)) throw forbidden();
	assertVenueScope(input.role, input.venueId);
	const venueId = input.venueId ?? null;
	return db().transaction(async (tx) => {
		const target = await lockTarget(tx, input.userId);
		if (target.row.status === "deleted") throw conflict("admin.errors.userDeleted");
		const added = await addRoleGrant({ userId: input.userId, role: input.role, venueId, grantedBy: input.actor.id }, tx);
		if (!added) throw conflict("admin.errors.roleAlreadyGranted");
		await notify({ userId: input.userId, kind: "roleGranted", params: { role: roleNameFor(target.row, input.role) } }, tx);
		await recordAudit(tx, {
			actorId: input.actor.id,
			action: "role.granted",
			targetType: "user",
			targetId: input.userId,
			reason: input.reason ?? null,
			detail: { role: input.role, venueId },
		});
		return { role: input.role, venueId };
	});
}
