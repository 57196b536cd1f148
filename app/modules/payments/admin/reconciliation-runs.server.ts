import { desc } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { reconciliationRuns } from "../../../../db/schema";

export interface ReconciliationRunView {
	id: string;
	provider: string;
	billDate: string;
	status: string;
	billLines: number;
	matched: number;
	differences: number;
	error: string | null;
	startedAt: string;
	finishedAt: string | null;
}

/** The latest reconciliation runs (one per provider and bill day), newest bill day first. */
export async function listReconciliationRuns(limit = 60): Promise<ReconciliationRunView[]> {
	const rows = await db()
		.select()
		.from(reconciliationRuns)
		.orderBy(desc(reconciliationRuns.billDate), desc(reconciliationRuns.startedAt))
		.limit(limit);
	return rows.map((run) => ({
		id: run.id,
		provider: run.provider,
		billDate: run.billDate,
		status: run.status,
		billLines: run.billLines,
		matched: run.matched,
		differences: run.differences,
		error: run.error,
		startedAt: run.startedAt.toISOString(),
		finishedAt: run.finishedAt?.toISOString() ?? null,
	}));
}
