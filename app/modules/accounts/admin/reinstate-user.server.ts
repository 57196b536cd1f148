import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { recordEvent } from "~/lib/events.server";
import { users } from "../../../../db/schema";
import { notify } from "../notifications.server";
import { recordAudit } from "./audit-log.server";
import { type Actor, statusChangeBlocker } from "./policy";
import { conflict, lockTarget } from "./target.server";

/** Lifts a suspension, with a reason, under the same rules as suspending; the person may sign in again. */
export async function reinstateUser(input: { actor: Actor; userId: string; reason: string }) {
	return db().transaction(async (tx) => {
		const target = await lockTarget(tx, input.userId);
		const blocker = statusChangeBlocker(input.actor, { id: target.row.id, roles: target.roles });
		if (blocker) throw new AppError(403, "forbidden", blocker);
		if (target.row.status !== "suspended") {
			throw conflict(target.row.status === "deleted" ? "admin.errors.userDeleted" : "admin.errors.notSuspended");
		}
		await tx
			.update(users)
			.set({ status: "active", statusReason: null, failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
			.where(eq(users.id, input.userId));
		await notify({ userId: input.userId, kind: "reinstated" }, tx);
		await recordAudit(tx, {
			actorId: input.actor.id,
			action: "user.reinstated",
			targetType: "user",
			targetId: input.userId,
			reason: input.reason,
			detail: { previousStatus: target.row.status },
		});
		await recordEvent(tx, "user.reinstated", { userId: input.userId });
		return { status: "active" as const };
	});
}
