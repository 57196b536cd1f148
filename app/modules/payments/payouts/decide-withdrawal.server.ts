import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { withdrawals } from "../../../../db/schema";
import { sendJobIn } from "../../../../jobs/send-in";
import { reverseWithdrawal } from "./settle-withdrawal.server";
import { lockWithdrawal, payeeDecidedBy } from "./withdrawal-record.server";

const notWaiting = () => new AppError(409, "conflict", "payouts.errors.notAwaitingApproval");

/**
 * Staff approve a withdrawal above the approval threshold: it goes to the transfer job, and the
 * audit log says who let it go — both in one transaction, so neither exists without the other.
 */
export async function approveWithdrawal(input: { staffId: string; withdrawalId: string }): Promise<{ status: "processing" }> {
	return db().transaction(async (tx) => {
		const row = await lockWithdrawal(tx, input.withdrawalId);
		if (!row) throw notFound("payouts.errors.withdrawalNotFound");
		if (row.status !== "pending_approval") throw notWaiting();
		// A coach suspended since asking is not paid; staff can still reject (the money stays theirs, available).
		if ((await payeeDecidedBy(tx, row, input.staffId))?.suspended)
			throw new AppError(409, "conflict", "payouts.errors.payeeSuspended");
		const now = new Date();
		await tx
			.update(withdrawals)
			.set({ status: "processing", decidedBy: input.staffId, decidedAt: now, updatedAt: now })
			.where(eq(withdrawals.id, row.id));
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "withdrawal.approved",
			targetType: "withdrawal",
			targetId: row.id,
			detail: { amountFen: row.amountFen, channel: row.channel },
		});
		await sendJobIn(tx, "payments.withdraw", { withdrawalId: row.id });
		return { status: "processing" as const };
	});
}

/** Staff reject one with a reason: the reservation is reversed, the coach is told why, and it is audited. */
export async function rejectWithdrawal(input: {
	staffId: string;
	withdrawalId: string;
	reason: string;
}): Promise<{ status: "rejected" }> {
	return db().transaction(async (tx) => {
		const row = await lockWithdrawal(tx, input.withdrawalId);
		if (!row) throw notFound("payouts.errors.withdrawalNotFound");
		if (row.status !== "pending_approval") throw notWaiting();
		await payeeDecidedBy(tx, row, input.staffId);
		await reverseWithdrawal(tx, row, { status: "rejected", reason: input.reason, decidedBy: input.staffId });
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "withdrawal.rejected",
			targetType: "withdrawal",
			targetId: row.id,
			reason: input.reason,
			detail: { amountFen: row.amountFen, channel: row.channel },
		});
		return { status: "rejected" as const };
	});
}
