import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { withdrawals } from "../../../../db/schema";
import { executeWithdrawal, WithdrawalPending } from "./execute-withdrawal.server";

/** A withdrawal its own job touched this recently is left to that job (its retries back off up to an hour). */
const quietMs = 5 * 60_000;
const batch = 50;

/**
 * The re-drive (every five minutes): a withdrawal can be left `processing` with no job to finish
 * it — the worker died, the provider's answer was lost, or the transfer job ran out of retries
 * while the provider said "still dealing". Each one sent before (attempts > 0) and quiet for five
 * minutes goes through the transfer job's own path again, which asks the provider about its
 * business number first and transfers only what the provider never saw, under that same number,
 * so nothing is paid twice. Its attempts count up, which staff see as how often it was asked.
 */
export async function redriveStuckWithdrawals(now = new Date()): Promise<{ asked: number; settled: number }> {
	const stuck = await db()
		.select({ id: withdrawals.id })
		.from(withdrawals)
		.where(
			and(
				eq(withdrawals.status, "processing"),
				inArray(withdrawals.channel, ["alipay", "wechatpay"]),
				gt(withdrawals.attempts, 0),
				lt(withdrawals.updatedAt, new Date(now.getTime() - quietMs)),
			),
		)
		.orderBy(asc(withdrawals.updatedAt))
		.limit(batch);
	let settled = 0;
	for (const { id } of stuck) {
		try {
			const outcome = await executeWithdrawal(id);
			if (outcome === "paid" || outcome === "failed") settled++;
		} catch (error) {
			// Still with the provider, or a hiccup: one withdrawal must not stop the others; the next run asks again.
			if (!(error instanceof WithdrawalPending)) logger.warn({ withdrawalId: id }, "withdrawal re-drive failed");
		}
	}
	return { asked: stuck.length, settled };
}
