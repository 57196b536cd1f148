import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { decrypt } from "~/lib/crypto.server";
import { csvOf } from "~/lib/csv";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { AppError, notFound } from "~/lib/errors";
import { fenToYuan } from "~/lib/money";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { payoutAccounts, payoutBatches, withdrawals } from "../../../../db/schema";
import { markWithdrawalPaid, reverseWithdrawal } from "./settle-withdrawal.server";
import { lockWithdrawal, payeeDecidedBy } from "./withdrawal-record.server";

/**
 * Bank cards are paid by the finance team through the bank's bulk payment: withdrawals to cards
 * wait (in_bank_batch), staff collect them into a batch, download its file for the bank, and mark
 * each line paid or failed from the bank's result. Marking is per line and final.
 */
export async function createBankBatch(staffId: string): Promise<{ batchId: string; lines: number }> {
	return db().transaction(async (tx) => {
		const waiting = await tx
			.select({ id: withdrawals.id })
			.from(withdrawals)
			.where(and(eq(withdrawals.status, "in_bank_batch"), isNull(withdrawals.batchId)))
			.for("update");
		if (waiting.length === 0) throw new AppError(409, "conflict", "payouts.errors.nothingToBatch");
		const [batch] = await tx.insert(payoutBatches).values({ createdBy: staffId }).returning({ id: payoutBatches.id });
		if (!batch) throw new Error("batch insert returned nothing");
		for (const line of waiting) {
			await tx.update(withdrawals).set({ batchId: batch.id, updatedAt: new Date() }).where(eq(withdrawals.id, line.id));
		}
		await recordAudit(tx, {
			actorId: staffId,
			action: "withdrawal.batch_created",
			targetType: "payout_batch",
			targetId: batch.id,
			detail: { lines: waiting.length },
		});
		return { batchId: batch.id, lines: waiting.length };
	});
}

export async function listBankBatches() {
	const rows = await db().select().from(payoutBatches).orderBy(desc(payoutBatches.createdAt)).limit(50);
	return rows.map((row) => ({ id: row.id, createdAt: row.createdAt.toISOString() }));
}

/**
 * The batch's file for the bank: one line per withdrawal, with the full card number and holder
 * (what the bank needs to pay), the amount in yuan and our business number as the reference the
 * bank's result file quotes back.
 * The file carries full card numbers and names, so every download is audited (by whom, which batch).
 */
export async function bankBatchCsv(batchId: string, staffId: string): Promise<{ filename: string; csv: string }> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(batchId))
		throw notFound("payouts.errors.batchNotFound");
	const [batch] = await db().select().from(payoutBatches).where(eq(payoutBatches.id, batchId)).limit(1);
	if (!batch) throw notFound("payouts.errors.batchNotFound");
	await recordAudit(db(), {
		actorId: staffId,
		action: "withdrawal.batch_downloaded",
		targetType: "payout_batch",
		targetId: batchId,
	});
	const rows = await db()
		.select({ withdrawal: withdrawals, account: payoutAccounts })
		.from(withdrawals)
		.innerJoin(payoutAccounts, eq(payoutAccounts.id, withdrawals.payoutAccountId))
		.where(eq(withdrawals.batchId, batchId))
		.orderBy(asc(withdrawals.createdAt));
	const header = ["序号", "业务参考号", "收款人", "开户银行", "开户支行", "银行卡号", "金额（元）", "状态"];
	const lines = rows.map(({ withdrawal, account }, index) => [
		String(index + 1),
		withdrawal.outBizNo,
		decrypt(account.holderNameEnc, sealedIn(payoutAccounts.holderNameEnc, account.id)),
		account.bankName ?? "",
		account.bankBranch ?? "",
		decrypt(account.accountNoEnc, sealedIn(payoutAccounts.accountNoEnc, account.id)),
		fenToYuan(withdrawal.amountFen),
		withdrawal.status,
	]);
	// The one CSV writer: a bank or branch name the coach typed cannot run as a formula in the finance team's spreadsheet.
	return { filename: `payout-batch-${batchId.slice(0, 8)}.csv`, csv: csvOf([header, ...lines]) };
}

/** One line of a batch as the bank answered it: paid settles the ledger, failed gives the money back to the coach. */
export async function markBankLine(input: {
	staffId: string;
	withdrawalId: string;
	outcome: "paid" | "failed";
	reason?: string;
}): Promise<{ status: "paid" | "failed" }> {
	return db().transaction(async (tx) => {
		const row = await lockWithdrawal(tx, input.withdrawalId);
		if (!row) throw notFound("payouts.errors.withdrawalNotFound");
		if (row.status !== "in_bank_batch" || !row.batchId) throw new AppError(409, "conflict", "payouts.errors.notInBatch");
		await payeeDecidedBy(tx, row, input.staffId);
		if (input.outcome === "paid") await markWithdrawalPaid(tx, row, null);
		else await reverseWithdrawal(tx, row, { status: "failed", reason: input.reason ?? "BANK_RETURNED" });
		await recordAudit(tx, {
			actorId: input.staffId,
			action: input.outcome === "paid" ? "withdrawal.marked_paid" : "withdrawal.marked_failed",
			targetType: "withdrawal",
			targetId: row.id,
			reason: input.reason ?? null,
			detail: { amountFen: row.amountFen, batchId: row.batchId },
		});
		return { status: input.outcome };
	});
}
