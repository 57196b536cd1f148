import { and, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { payments, reconciliationDifferences, reconciliationRuns, refunds } from "../../../../db/schema";
import type { PaymentMethod } from "../methods.server";
import { type BillLine, billReaders, reconciledProviders } from "./bill-readers.server";
import { type BookedLine, compareBill, lineKeyOf } from "./compare-bill";

const dayMs = 86_400_000;
const beijingOffsetMs = 8 * 3_600_000;

/** Yesterday in Beijing (yyyy-MM-dd): the last day whose bill providers have finished. */
export const yesterdayInBeijing = (now = new Date()) =>
	new Date(now.getTime() + beijingOffsetMs - dayMs).toISOString().slice(0, 10);

export interface ReconciliationSummary {
	provider: PaymentMethod;
	billDate: string;
	status: "completed" | "failed";
	billLines: number;
	matched: number;
	differences: number;
}

/**
 * The daily job `payments.reconcile`: for each configured provider, its bill of the day (default
 * yesterday, Beijing) against our succeeded payments and refunds of that day. A failed download
 * is recorded on the run and rethrown once every provider had its turn, so the job retries.
 */
export async function reconcilePayments(input: { billDate?: string; now?: Date } = {}): Promise<ReconciliationSummary[]> {
	const billDate = input.billDate ?? yesterdayInBeijing(input.now);
	const summaries: ReconciliationSummary[] = [];
	let failure: unknown = null;
	for (const provider of reconciledProviders()) {
		try {
			summaries.push(await reconcileDay(provider, billDate));
		} catch (error) {
			failure ??= error;
			summaries.push({ provider, billDate, status: "failed", billLines: 0, matched: 0, differences: 0 });
		}
	}
	if (failure) throw failure;
	return summaries;
}

/**
 * One provider's day. Idempotent per (provider, date): the run row is reused, its open
 * differences replaced by what this comparison finds, and resolved ones kept (the unique line
 * key stops the same difference coming back as new).
 */
export async function reconcileDay(provider: PaymentMethod, billDate: string): Promise<ReconciliationSummary> {
	const reader = billReaders[provider];
	if (!reader) throw new Error(`no bill reader for ${provider}`);
	const runId = await startRun(provider, billDate);
	let bill: BillLine[];
	try {
		bill = await reader.read(billDate);
	} catch (error) {
		const reason = error instanceof Error ? error.message.slice(0, 200) : "error";
		logger.warn({ provider, billDate, reason }, "reconciliation bill not available");
		await db()
			.update(reconciliationRuns)
			.set({ status: "failed", error: reason, finishedAt: new Date() })
			.where(eq(reconciliationRuns.id, runId));
		throw error;
	}
	const [ofTheDay, known] = await Promise.all([bookedOfTheDay(provider, billDate), bookedByKey(provider, bill)]);
	const { matched, differences } = compareBill(bill, ofTheDay, known);
	return db().transaction(async (tx) => {
		await tx
			.delete(reconciliationDifferences)
			.where(and(eq(reconciliationDifferences.runId, runId), isNull(reconciliationDifferences.resolvedAt)));
		if (differences.length > 0) {
			await tx
				.insert(reconciliationDifferences)
				.values(
					differences.map((difference) => ({
						runId,
						kind: difference.kind,
						lineKey: difference.lineKey,
						outTradeNo: difference.outTradeNo,
						outRequestNo: difference.outRequestNo ?? null,
						paymentId: difference.paymentId ?? null,
						refundId: difference.refundId ?? null,
						ourFen: difference.ourFen,
						billFen: difference.billFen,
					})),
				)
				.onConflictDoNothing({
					target: [reconciliationDifferences.runId, reconciliationDifferences.kind, reconciliationDifferences.lineKey],
				});
		}
		await tx
			.update(reconciliationRuns)
			.set({
				status: "completed",
				billLines: bill.length,
				matched,
				differences: differences.length,
				error: null,
				finishedAt: new Date(),
			})
			.where(eq(reconciliationRuns.id, runId));
		return { provider, billDate, status: "completed" as const, billLines: bill.length, matched, differences: differences.length };
	});
}

async function startRun(provider: PaymentMethod, billDate: string): Promise<string> {
	const [run] = await db()
		.insert(reconciliationRuns)
		.values({ provider, billDate })
		.onConflictDoUpdate({
			target: [reconciliationRuns.provider, reconciliationRuns.billDate],
			set: { status: "running", startedAt: new Date(), finishedAt: null, error: null },
		})
		.returning({ id: reconciliationRuns.id });
	if (!run) throw new Error("reconciliation run not written");
	return run.id;
}

const dayBounds = (billDate: string) => {
	const start = new Date(`${billDate}T00:00:00+08:00`);
	return { start, end: new Date(start.getTime() + dayMs) };
};

/** Our succeeded payments and refunds of the provider on the bill's day (Beijing). */
async function bookedOfTheDay(provider: PaymentMethod, billDate: string): Promise<BookedLine[]> {
	const { start, end } = dayBounds(billDate);
	const paid = await db()
		.select({ id: payments.id, outTradeNo: payments.outTradeNo, amountFen: payments.amountFen })
		.from(payments)
		.where(
			and(
				eq(payments.method, provider),
				eq(payments.status, "succeeded"),
				gte(payments.succeededAt, start),
				lt(payments.succeededAt, end),
			),
		);
	const refunded = await db()
		.select({ id: refunds.id, outRequestNo: refunds.outRequestNo, amountFen: refunds.amountFen, outTradeNo: payments.outTradeNo })
		.from(refunds)
		.innerJoin(payments, eq(payments.id, refunds.paymentId))
		.where(
			and(
				eq(payments.method, provider),
				eq(refunds.status, "succeeded"),
				gte(refunds.settledAt, start),
				lt(refunds.settledAt, end),
			),
		);
	return [
		...paid.map((row) => ({ kind: "payment" as const, ...row, succeeded: true })),
		...refunded.map((row) => ({ kind: "refund" as const, ...row, succeeded: true })),
	];
}

/** Our records of every key the bill names, whatever their day or state. */
async function bookedByKey(provider: PaymentMethod, bill: BillLine[]) {
	const known = new Map<string, BookedLine>();
	const tradeNos = [...new Set(bill.filter((line) => line.kind === "payment").map((line) => line.outTradeNo))];
	const requestNos = [
		...new Set(bill.flatMap((line) => (line.kind === "refund" && line.outRequestNo ? [line.outRequestNo] : []))),
	];
	if (tradeNos.length > 0) {
		const rows = await db()
			.select({ id: payments.id, outTradeNo: payments.outTradeNo, amountFen: payments.amountFen, status: payments.status })
			.from(payments)
			.where(and(eq(payments.method, provider), inArray(payments.outTradeNo, tradeNos)));
		for (const row of rows) {
			const line: BookedLine = { kind: "payment", ...row, succeeded: row.status === "succeeded" };
			known.set(lineKeyOf(line), line);
		}
	}
	if (requestNos.length > 0) {
		const rows = await db()
			.select({
				id: refunds.id,
				outRequestNo: refunds.outRequestNo,
				amountFen: refunds.amountFen,
				status: refunds.status,
				outTradeNo: payments.outTradeNo,
			})
			.from(refunds)
			.innerJoin(payments, eq(payments.id, refunds.paymentId))
			.where(and(eq(payments.method, provider), inArray(refunds.outRequestNo, requestNos)));
		for (const row of rows) {
			const line: BookedLine = { kind: "refund", ...row, succeeded: row.status === "succeeded" };
			known.set(lineKeyOf(line), line);
		}
	}
	return known;
}
