import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { notify } from "~/modules/accounts/notifications.server";
import { coaches } from "../../../../db/schema";
import { conflict } from "../application/coach-record.server";
import { lockCoach } from "./lock-coach.server";
import type { Reviewer } from "./reviewer";

/** Sends an application back with a reason the coach reads; they may change it and submit again. */
export async function rejectApplication(input: { reviewer: Reviewer; coachId: string; reason: string }) {
	return db().transaction(async (tx) => {
		const coach = await lockCoach(tx, input.coachId, input.reviewer);
		if (coach.status !== "pending_review") throw conflict("coaching.errors.notInReview");
		await tx
			.update(coaches)
			.set({ status: "rejected", reviewNote: input.reason, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id));
		await notify({ userId: coach.userId, kind: "coachRejected", params: { reason: input.reason }, link: "/coach/apply" }, tx);
		await recordAudit(tx, {
			actorId: input.reviewer.id,
			action: "coach.rejected",
			targetType: "user",
			targetId: coach.userId,
			reason: input.reason,
			detail: { coachId: coach.id },
		});
		return { status: "rejected" as const };
	});
}
