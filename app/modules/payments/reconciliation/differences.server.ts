import { desc, eq, isNull } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { reconciliationDifferences, reconciliationRuns } from "../../../../db/schema";

export interface DifferenceView {
	id: string;
	provider: string;
	billDate: string;
	kind: "missing_in_bill" | "missing_here" | "amount_mismatch" | "status_mismatch";
	outTradeNo: string;
	outRequestNo: string | null;
	paymentId: string | null;
	refundId: string | null;
	ourFen: number | null;
	billFen: number | null;
	foundAt: string;
	resolvedAt: string | null;
	resolvedBy: string | null;
	note: string | null;
}

const listLimit = 500;

/** The differences for the back office, newest bill day first: the open ones, or all of them. */
export async function listDifferences(filter: { status: "open" | "all" }): Promise<DifferenceView[]> {
	const rows = await db()
		.select({ difference: reconciliationDifferences, run: reconciliationRuns })
		.from(reconciliationDifferences)
		.innerJoin(reconciliationRuns, eq(reconciliationRuns.id, reconciliationDifferences.runId))
		.where(filter.status === "open" ? isNull(reconciliationDifferences.resolvedAt) : undefined)
		.orderBy(desc(reconciliationRuns.billDate), desc(reconciliationDifferences.createdAt))
		.limit(listLimit);
	return rows.map(({ difference, run }) => viewOf(difference, run));
}

function viewOf(
	difference: typeof reconciliationDifferences.$inferSelect,
	run: Pick<typeof reconciliationRuns.$inferSelect, "provider" | "billDate">,
): DifferenceView {
	return {
		id: difference.id,
		provider: run.provider,
		billDate: run.billDate,
		kind: difference.kind,
		outTradeNo: difference.outTradeNo,
		outRequestNo: difference.outRequestNo,
		paymentId: difference.paymentId,
		refundId: difference.refundId,
		ourFen: difference.ourFen,
		billFen: difference.billFen,
		foundAt: difference.createdAt.toISOString(),
		resolvedAt: difference.resolvedAt?.toISOString() ?? null,
		resolvedBy: difference.resolvedBy,
		note: difference.note,
	};
}

/**
 * A staff member resolves a difference with a note (what they found or did). Once: a resolved
 * difference answers 409, so two people cannot overwrite each other's note. The audit log records
 * who and why in the same transaction; a rerun of the day keeps it resolved.
 */
export async function resolveDifference(input: { staffId: string; differenceId: string; note: string }): Promise<DifferenceView> {
	return db().transaction(async (tx) => {
		const [found] = await tx
			.select({ difference: reconciliationDifferences, run: reconciliationRuns })
			.from(reconciliationDifferences)
			.innerJoin(reconciliationRuns, eq(reconciliationRuns.id, reconciliationDifferences.runId))
			.where(eq(reconciliationDifferences.id, input.differenceId))
			.for("update", { of: reconciliationDifferences })
			.limit(1);
		if (!found) throw notFound("payments.reconciliation.errors.notFound");
		if (found.difference.resolvedAt) throw new AppError(409, "conflict", "payments.reconciliation.errors.alreadyResolved");
		const [resolved] = await tx
			.update(reconciliationDifferences)
			.set({ resolvedAt: new Date(), resolvedBy: input.staffId, note: input.note })
			.where(eq(reconciliationDifferences.id, input.differenceId))
			.returning();
		if (!resolved) throw notFound("payments.reconciliation.errors.notFound");
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "payment.difference.resolved",
			targetType: "payment_difference",
			targetId: resolved.id,
			reason: input.note,
			detail: { kind: resolved.kind, provider: found.run.provider, billDate: found.run.billDate },
		});
		return viewOf(resolved, found.run);
	});
}
