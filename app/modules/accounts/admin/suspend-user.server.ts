import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { recordEvent } from "~/lib/events.server";
import { users } from "../../../../db/schema";
import { notify } from "../notifications.server";
import { revokeUserSessions } from "../sessions.server";
import { recordAudit } from "./audit-log.server";
import { type Actor, statusChangeBlocker } from "./policy";
import { conflict, lockTarget } from "./target.server";

/**
 * Suspends an account: in one transaction the status changes, every session of the person ends
 * (so they are signed out at once, on every device), they get a notice with the reason, and the
 * audit log records who did it and why; the `user.suspended` event tells the other modules, so
 * the person's coach profile leaves search within a dispatch. Support may suspend players; only an admin may suspend
 * staff; nobody may suspend themselves.
 */
export async function suspendUser(input: { actor: Actor; userId: string; reason: string }) {
	return db().transaction(async (tx) => {
		const target = await lockTarget(tx, input.userId);
		const blocker = statusChangeBlocker(input.actor, { id: target.row.id, roles: target.roles });
		if (blocker) throw new AppError(403, "forbidden", blocker);
		if (target.row.status === "deleted") throw conflict("admin.errors.userDeleted");
		if (target.row.status === "suspended") throw conflict("admin.errors.alreadySuspended");
		await tx
			.update(users)
			.set({ status: "suspended", statusReason: input.reason, updatedAt: new Date() })
			.where(eq(users.id, input.userId));
		const sessionsEnded = await revokeUserSessions(input.userId, undefined, tx);
		await notify({ userId: input.userId, kind: "suspended", params: { reason: input.reason } }, tx);
		await recordAudit(tx, {
			actorId: input.actor.id,
			action: "user.suspended",
			targetType: "user",
			targetId: input.userId,
			reason: input.reason,
			detail: { previousStatus: target.row.status, sessionsEnded },
		});
		// Coaching (and later booking, payments, venues) react to this: see jobs/subscriptions.ts.
		await recordEvent(tx, "user.suspended", { userId: input.userId });
		return { status: "suspended" as const, sessionsEnded };
	});
}
